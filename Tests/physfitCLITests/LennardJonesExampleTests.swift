import Foundation
import XCTest

/// examples/LennardJonesAnnealing in its fast mode (LJ7, 8 seeded random starts): basin
/// hopping reaches the Cambridge Cluster Database ground-state energy to 10⁻⁵ and
/// succeeds from more starts than BFGS and conjugate gradients from the same starts, and
/// the convergence figure is written where asked.
final class LennardJonesExampleTests: XCTestCase {
  /// LJ7's global minimum, the pentagonal bipyramid (Cambridge Cluster Database).
  static let lj7 = -16.505384

  struct Row {
    var successes: Int
    var starts: Int
    var fraction: Double
    var bestEnergy: Double
  }

  /// "name  s/n  fraction  median  best" rows of the table, by method.
  static func rows(_ stdout: String) -> [String: Row] {
    var rows: [String: Row] = [:]
    for line in stdout.split(separator: "\n") {
      let words = line.split(separator: " ")
      guard words.count == 5, let slash = words[1].firstIndex(of: "/"),
        let s = Int(words[1][..<slash]), let n = Int(words[1][words[1].index(after: slash)...]),
        let fraction = Double(words[2]), let best = Double(words[4])
      else { continue }
      rows[String(words[0])] = Row(successes: s, starts: n, fraction: fraction, bestEnergy: best)
    }
    return rows
  }

  func testBasinHoppingFindsTheGroundStateMoreOftenThanGradientMethods() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("lj-example-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let figure = directory.appendingPathComponent("lj7.svg").path
    let output = try PhysFitRunner.run(
      ["--fast", "--figure", figure], program: "LennardJonesAnnealing")
    XCTAssertEqual(output.status, 0, output.stderr)
    XCTAssertTrue(output.stdout.contains("LJ7"), output.stdout)

    let rows = Self.rows(output.stdout)
    guard let hopping = rows["basin-hopping"], let bfgs = rows["bfgs"], let cg = rows["cg-pr"]
    else { return XCTFail("table rows missing:\n\(output.stdout)") }
    XCTAssertEqual(hopping.starts, 8)
    XCTAssertEqual(hopping.bestEnergy, Self.lj7, accuracy: 1e-5, output.stdout)
    XCTAssertGreaterThan(hopping.successes, 0, output.stdout)
    XCTAssertGreaterThan(hopping.fraction, bfgs.fraction, output.stdout)
    XCTAssertGreaterThan(hopping.fraction, cg.fraction, output.stdout)
    // The fractions printed are the counts' ratios.
    XCTAssertEqual(hopping.fraction, Double(hopping.successes) / 8, accuracy: 0.005)

    let svg = try String(contentsOfFile: figure, encoding: .utf8)
    XCTAssertTrue(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"), String(svg.prefix(80)))
    for name in ["basin-hopping", "bfgs", "cg-pr"] {
      XCTAssertTrue(svg.contains(name), "legend lacks \(name)")
    }
  }
}
