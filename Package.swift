// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "PhysFit",
  products: [
    .library(name: "PhysFit", targets: ["PhysFit"]),
    .library(name: "PhysFitPlot", targets: ["PhysFitPlot"]),
    .executable(name: "physfit", targets: ["physfit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // `swift package generate-documentation`: builds the DocC catalog in Sources/PhysFit.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // GSL and OpenBLAS in one module: OpenBLAS's own cblas.h clashes with GSL's
    // headers, so cblas_dgemm is called through gsl_cblas.h and linked to OpenBLAS.
    .systemLibrary(name: "CGSL", path: "Sources/CGSL"),
    .target(name: "PhysFit", dependencies: ["CGSL"], path: "Sources/PhysFit"),
    // SVG figures (no external programs); PhysFit for FitResult/Model (fit figures) and
    // AtomicFile.
    .target(name: "PhysFitPlot", dependencies: ["PhysFit"], path: "Sources/PhysFitPlot"),
    .executableTarget(
      name: "physfit",
      dependencies: [
        "PhysFit",
        "PhysFitPlot",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/physfit"
    ),
    .executableTarget(name: "QuickFit", dependencies: ["PhysFit"], path: "examples/QuickFit"),
    .executableTarget(
      name: "RadioactiveDecay", dependencies: ["PhysFit"], path: "examples/RadioactiveDecay"),
    .executableTarget(
      name: "DampedOscillator", dependencies: ["PhysFit", "PhysFitPlot"],
      path: "examples/DampedOscillator"),
    .executableTarget(name: "IsingPhases", dependencies: ["PhysFit"], path: "examples/IsingPhases"),
    .executableTarget(
      name: "ParticleClusters", dependencies: ["PhysFit"], path: "examples/ParticleClusters"),
    .executableTarget(
      name: "UniversalApproximation", dependencies: ["PhysFit"],
      path: "examples/UniversalApproximation"),
    .executableTarget(
      name: "BreitWigner", dependencies: ["PhysFit", "PhysFitPlot"], path: "examples/BreitWigner"),
    .executableTarget(
      name: "OptimizerComparison", dependencies: ["PhysFit", "PhysFitPlot"],
      path: "examples/OptimizerComparison"),
    .executableTarget(
      name: "LennardJonesAnnealing", dependencies: ["PhysFit", "PhysFitPlot"],
      path: "examples/LennardJonesAnnealing"),
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
    .executableTarget(
      name: "ReadBenchmark",
      dependencies: ["PhysFit"],
      path: "benchmarks/ReadBenchmark"
    ),
    // Fuzz targets (docs/fuzzing.md): libFuzzer when built with -sanitize=fuzzer, otherwise
    // they replay input files. FuzzSupport holds what one input does, which the corpus
    // regression tests in PhysFitTests replay too.
    .target(name: "FuzzSupport", dependencies: ["PhysFit"], path: "Fuzz/FuzzSupport"),
    .executableTarget(
      name: "FuzzFormula", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzFormula",
      exclude: ["formula.dict"]),
    .executableTarget(
      name: "FuzzDataReader", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzDataReader",
      exclude: ["data.dict"]),
    .testTarget(
      name: "PhysFitTests",
      dependencies: ["PhysFit", "NISTStRD", "FuzzSupport"],
      path: "Tests/PhysFitTests",
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "PhysFitPlotTests",
      dependencies: ["PhysFitPlot", "PhysFit"],
      path: "Tests/PhysFitPlotTests"
    ),
    .testTarget(
      name: "physfitCLITests",
      dependencies: [
        "PhysFit", "physfit", "QuickFit", "RadioactiveDecay", "DampedOscillator", "IsingPhases",
        "ParticleClusters", "UniversalApproximation", "BreitWigner",
        "OptimizerComparison", "LennardJonesAnnealing",
      ],
      path: "Tests/physfitCLITests"
    ),
  ]
)
