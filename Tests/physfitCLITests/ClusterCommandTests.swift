import Foundation
import PhysFit
import XCTest

/// `physfit cluster` end to end: a Gaussian mixture recovers the parameters of the
/// sample it was drawn from, k-means labels separated blobs, a seed reproduces both,
/// and bad input fails cleanly without leaving an assignments file.
final class ClusterCommandTests: XCTestCase {
  /// The generating 1-D mixture: weights, means, widths (components in order of mean).
  static let weights = [0.3, 0.45, 0.25]
  static let means = [-4.0, 0.5, 5.0]
  static let widths = [1.0, 0.8, 1.5]

  /// `n` points drawn from the 1-D mixture above with a fixed seed, as CSV column `x`.
  static func mixtureSample(n: Int, seed: UInt64) -> String {
    var random = RandomSource(seed: seed)
    var text = "x\n"
    for _ in 0..<n {
      let u = random.uniform()
      let k = u < weights[0] ? 0 : (u < weights[0] + weights[1] ? 1 : 2)
      text += "\(means[k] + widths[k] * random.normal())\n"
    }
    return text
  }

  /// Blob centres for k-means, listed in the order of the labels the command gives
  /// (sorted by first coordinate, then second).
  static let blobCentres: [(Double, Double)] = [(0, 0), (0, 20), (20, 0)]

  /// Points of three unit-width blobs 20 apart, interleaved; with the true label of each.
  static func blobs(perBlob: Int, seed: UInt64) -> (text: String, labels: [Int]) {
    var random = RandomSource(seed: seed)
    var text = "a,b\n"
    var labels: [Int] = []
    for i in 0..<(3 * perBlob) {
      let k = [0, 2, 1][i % 3]
      let (cx, cy) = blobCentres[k]
      text += "\(cx + random.normal()),\(cy + random.normal())\n"
      labels.append(k + 1)
    }
    return (text, labels)
  }

  /// Rows of a CSV file without its header, split at commas.
  static func csvRows(_ path: String) throws -> (header: [String], rows: [[String]]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    return (lines.first ?? [], Array(lines.dropFirst()))
  }

  /// Every fitted weight, mean and width lies within 3 of its fitted errors of the
  /// generating value; the errors themselves agree with the large-sample formulas
  /// σ_w ≈ √(w(1 − w)/n) and σ_μ ≈ σ/√(nw) (exact for separated components; overlap
  /// only inflates them a little).
  func testMixtureRecoversGeneratingParameters() throws {
    let n = 3000
    let scratch = try Scratch()
    let file = try scratch.write("mixture.csv", Self.mixtureSample(n: n, seed: 20_240_501))
    let run = try PhysFitRunner.run(["cluster", file, "--components", "3", "--json"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
    let json = try run.json()
    XCTAssertEqual(json["method"] as? String, "gmm")
    XCTAssertEqual(json["converged"] as? Bool, true)
    XCTAssertEqual(json["covariancePositiveDefinite"] as? Bool, true)
    XCTAssertEqual((json["clusterSizes"] as? [Int])?.reduce(0, +), n)
    var fitted: [String: (value: Double, error: Double)] = [:]
    for p in json["parameters"] as? [[String: Any]] ?? [] {
      guard let name = p["name"] as? String, let value = p["value"] as? Double,
        let error = p["error"] as? Double
      else { continue }
      fitted[name] = (value, error)
    }
    XCTAssertEqual(fitted.count, 9, "\(json["parameters"] ?? "")")
    for k in 0..<3 {
      let truths = [
        ("w\(k + 1)", Self.weights[k]), ("mu\(k + 1)_x", Self.means[k]),
        ("sigma\(k + 1)_x", Self.widths[k]),
      ]
      for (name, truth) in truths {
        guard let f = fitted[name] else {
          XCTFail("no parameter \(name)")
          continue
        }
        XCTAssertTrue(f.error > 0 && f.error.isFinite, "\(name): error \(f.error)")
        XCTAssertLessThan(
          abs(f.value - truth), 3 * f.error, "\(name) = \(f.value) ± \(f.error), true \(truth)")
      }
      let w = Self.weights[k]
      let weightError = (w * (1 - w) / Double(n)).squareRoot()
      let meanError = Self.widths[k] / (Double(n) * w).squareRoot()
      for (name, reference) in [("w\(k + 1)", weightError), ("mu\(k + 1)_x", meanError)] {
        let ratio = (fitted[name]?.error ?? .nan) / reference
        XCTAssertTrue(ratio > 0.9 && ratio < 1.3, "\(name): error / large-sample value = \(ratio)")
      }
    }
    let aic = try XCTUnwrap(json["aic"] as? Double)
    let bic = try XCTUnwrap(json["bic"] as? Double)
    let logLikelihood = try XCTUnwrap(json["logLikelihood"] as? Double)
    XCTAssertEqual(aic, 2 * 8 - 2 * logLikelihood, accuracy: 1e-9 * abs(aic))
    XCTAssertEqual(bic, 8 * log(Double(n)) - 2 * logLikelihood, accuracy: 1e-9 * abs(bic))
  }

  /// k-means labels every point of three separated blobs with its blob; the
  /// assignments file repeats the input columns exactly.
  func testKMeansAssignsSeparatedBlobs() throws {
    let scratch = try Scratch()
    let (text, labels) = Self.blobs(perBlob: 60, seed: 7)
    let file = try scratch.write("blobs.csv", text)
    let out = scratch.path("labels.csv")
    let run = try PhysFitRunner.run([
      "cluster", file, "--components", "3", "--method", "kmeans", "--assignments", out,
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("model        k-means: 3 clusters"), run.stdout)
    XCTAssertTrue(run.stdout.contains("inertia"), run.stdout)
    let written = try Self.csvRows(out)
    XCTAssertEqual(written.header, ["a", "b", "cluster"])
    XCTAssertEqual(written.rows.count, labels.count)
    let input = try Self.csvRows(file)
    for (i, row) in written.rows.enumerated() where i < labels.count {
      XCTAssertEqual(row.count, 3)
      XCTAssertEqual(Int(row[2]), labels[i], "point \(i + 1): \(row)")
      for j in 0..<2 {
        let original = try XCTUnwrap(Double(input.rows[i][j]))
        let copy = try XCTUnwrap(Double(row[j]))
        XCTAssertEqual(copy, original, accuracy: 1e-12 * max(abs(original), 1))
      }
    }
    // The centres in the JSON are the blob centres, to within a few widths/√n.
    let json = try PhysFitRunner.run([
      "cluster", file, "--components", "3", "--method", "kmeans", "--json",
    ]).json()
    let clusters = try XCTUnwrap(json["clusters"] as? [[String: Any]])
    XCTAssertEqual(clusters.count, 3)
    for (k, cluster) in clusters.enumerated() {
      let centre = try XCTUnwrap(cluster["center"] as? [Double])
      XCTAssertEqual(cluster["size"] as? Int, 60)
      XCTAssertEqual(centre[0], Self.blobCentres[k].0, accuracy: 0.5)
      XCTAssertEqual(centre[1], Self.blobCentres[k].1, accuracy: 0.5)
    }
  }

  /// A fixed seed gives the same output and assignments, byte for byte.
  func testFixedSeedIsReproducible() throws {
    let scratch = try Scratch()
    let (text, _) = Self.blobs(perBlob: 40, seed: 11)
    let file = try scratch.write("points.csv", text)
    for method in ["gmm", "kmeans"] {
      var outputs: [String] = []
      var files: [Data] = []
      for trial in 0..<2 {
        let out = scratch.path("\(method)-\(trial).csv")
        let run = try PhysFitRunner.run([
          "cluster", file, "--components", "3", "--method", method, "--seed", "42",
          "--restarts", "2", "--assignments", out, "--json",
        ])
        XCTAssertEqual(run.status, 0, "\(method): \(run.stderr)")
        outputs.append(run.stdout)
        files.append(try Data(contentsOf: URL(fileURLWithPath: out)))
      }
      XCTAssertEqual(outputs[0], outputs[1], method)
      XCTAssertEqual(files[0], files[1], method)
      let json = try JSONSerialization.jsonObject(with: Data(outputs[0].utf8)) as? [String: Any]
      XCTAssertEqual(json?["seed"] as? Int, 42, method)
    }
  }

  /// Bad input: one `error:` line with the exact message, the documented exit code,
  /// nothing on stdout, and no assignments file (nor a temporary one) left behind.
  func testBadInputs() throws {
    let scratch = try Scratch()
    let good = try scratch.write("good.csv", "x,y\n1,2\n2,1\n3,4\n5,3\n")
    let nan = try scratch.write("nan.dat", "# x y\n1 2\n2 nan\n3 4\n")
    let flat = try scratch.write("flat.csv", "x,y\n1,2\n1,3\n1,5\n")
    let missing = scratch.path("missing.csv")
    let output = scratch.url.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
    let labels = output.appendingPathComponent("labels.csv").path
    let cases: [(name: String, arguments: [String], status: Int32, message: String)] = [
      ("K = 0", [good, "--components", "0"], 64, "--components '0': must be at least 1"),
      (
        "K > points", [good, "--components", "5"], 64,
        "--components '5': \(good) has only 4 points (at least one per cluster is needed)"
      ),
      (
        "unknown method", [good, "--components", "2", "--method", "dbscan"], 64,
        "The value 'dbscan' is invalid for '--method <method>'. Please provide one of 'gmm' "
          + "and 'kmeans'."
      ),
      (
        "covariance with kmeans",
        [good, "--components", "2", "--method", "kmeans", "--covariance", "diagonal"], 64,
        "--covariance 'diagonal' is not a setting of --method kmeans (it applies to gmm)"
      ),
      (
        "no restarts", [good, "--components", "2", "--restarts", "0"], 64,
        "--restarts '0': must be at least 1"
      ),
      (
        "non-finite value", [nan, "--components", "1"], 65,
        "\(nan):3:2: value 'nan' in column \"y\" is not finite"
      ),
      (
        "unknown column", [good, "--x", "x,z", "--components", "2"], 65,
        "--x: no column 'z' in \(good) (columns: x, y)"
      ),
      (
        "missing file", [missing, "--components", "2"], 65, "cannot read '\(missing)': no such file"
      ),
      (
        "column without spread", [flat, "--components", "1"], 65,
        "\(flat): column \"x\" has the same value in every row: a Gaussian mixture needs "
          + "spread in each --x column"
      ),
    ]
    XCTAssertGreaterThanOrEqual(cases.count, 6)
    for c in cases {
      let run = try PhysFitRunner.run(["cluster"] + c.arguments + ["--assignments", labels])
      XCTAssertEqual(run.status, c.status, "\(c.name): \(run.stderr)")
      XCTAssertEqual(run.stderr, "error: \(c.message)\n", c.name)
      XCTAssertEqual(run.stdout, "", "\(c.name): stdout must be empty on error")
      XCTAssertEqual(
        try FileManager.default.contentsOfDirectory(atPath: output.path), [],
        "\(c.name): nothing may be written")
    }
  }

  /// A destination that cannot be written fails with exit 73 (EX_CANTCREAT), leaves no file and
  /// no temporary file, and prints no report.
  func testFailedWriteLeavesNoFile() throws {
    let scratch = try Scratch()
    let file = try scratch.write("points.csv", Self.blobs(perBlob: 10, seed: 3).text)
    let directory = scratch.url.appendingPathComponent("taken.csv")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    let absent = scratch.url.appendingPathComponent("absent/labels.csv").path
    for (target, reason) in [
      (directory.path, "Is a directory"), (absent, "No such file or directory"),
    ] {
      let run = try PhysFitRunner.run([
        "cluster", file, "--components", "3", "--method", "kmeans", "--assignments", target,
      ])
      XCTAssertEqual(run.status, 73, run.stderr)
      XCTAssertEqual(run.stderr, "error: cannot write '\(target)': \(reason)\n")
      XCTAssertEqual(run.stdout, "")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
    XCTAssertEqual(left, ["points.csv", "taken.csv"])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
  }
}
