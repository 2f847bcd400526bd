// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "PhysFit",
  products: [
    .library(name: "PhysFit", targets: ["PhysFit"]),
    .executable(name: "physfit", targets: ["physfit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // GSL and OpenBLAS in one module: OpenBLAS's own cblas.h clashes with GSL's
    // headers, so cblas_dgemm is called through gsl_cblas.h and linked to OpenBLAS.
    .systemLibrary(name: "CGSL", path: "Sources/CGSL"),
    .target(name: "PhysFit", dependencies: ["CGSL"], path: "Sources/PhysFit"),
    .executableTarget(
      name: "physfit",
      dependencies: [
        "PhysFit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/physfit"
    ),
    .executableTarget(name: "QuickFit", dependencies: ["PhysFit"], path: "examples/QuickFit"),
    // The NIST StRD nonlinear-regression parser and model table, shared by the tests and
    // the benchmarks.
    .target(name: "NISTStRD", path: "Tests/NISTStRD"),
    .executableTarget(
      name: "NISTBenchmark",
      dependencies: ["PhysFit", "NISTStRD"],
      path: "benchmarks/NISTBenchmark"
    ),
    .executableTarget(
      name: "OptimizerBenchmark",
      dependencies: ["PhysFit"],
      path: "benchmarks/OptimizerBenchmark"
    ),
    // CGSL for the dgemm-rate reference measurement (the cblas_dgemm that PhysFit's
    // internal BLAS wrapper calls).
    .executableTarget(
      name: "NetworkBenchmark",
      dependencies: ["PhysFit", "CGSL"],
      path: "benchmarks/NetworkBenchmark"
    ),
    .testTarget(
      name: "PhysFitTests",
      dependencies: ["PhysFit", "NISTStRD"],
      path: "Tests/PhysFitTests",
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "physfitCLITests",
      dependencies: ["PhysFit", "physfit", "QuickFit"],
      path: "Tests/physfitCLITests"
    ),
  ]
)
