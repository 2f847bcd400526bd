import Foundation
import XCTest

/// `physfit fit --minos`: profile-likelihood intervals through the command line, against
/// iminuit's MINOS (the fixture of PhysFitTests/ProfileReferenceTests, made by
/// `Fixtures/reference/poisson_signal_minos.py`) and against the closed form of a
/// straight line, where they equal the parabolic errors.
final class MinosCommandTests: XCTestCase {
  static let fixture = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("PhysFitTests/Fixtures/reference/poisson_signal_minos.json")

  struct Reference: Decodable {
    struct Edges: Decodable {
      let lower: Double
      let upper: Double
    }
    struct Level: Decodable {
      let cl: Double
      let parameters: [String: Edges]
    }
    let formula: String
    let x: [Double]
    let counts: [Double]
    let minos: [String: Level]
  }

  func interval(_ json: [String: Any], _ name: String) throws -> [String: Any] {
    let minos = try XCTUnwrap(json["minos"] as? [String: Any])
    let parameters = try XCTUnwrap(minos["parameters"] as? [[String: Any]])
    return try XCTUnwrap(parameters.first { $0["name"] as? String == name })
  }

  func edge(_ interval: [String: Any], _ side: String) throws -> Double {
    let edge = try XCTUnwrap(interval[side] as? [String: Any])
    XCTAssertEqual(edge["status"] as? String, "found")
    return try XCTUnwrap(edge["error"] as? Double)
  }

  func testPoissonSignalStrengthMatchesMinos() throws {
    let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: Self.fixture))
    let scratch = try Scratch()
    var text = "x,n\n"
    for (x, n) in zip(reference.x, reference.counts) { text += "\(x),\(n)\n" }
    let data = try scratch.write("signal.csv", text)
    for level in reference.minos.values {
      let run = try PhysFitRunner.run([
        "fit", data, "--model", reference.formula, "--objective", "poisson",
        "--param", "mu=0.5,B=1", "--minos", "--cl", "\(level.cl)", "--json",
      ])
      XCTAssertEqual(run.status, 0, run.stderr)
      let json = try run.json()
      for (name, edges) in level.parameters {
        let i = try interval(json, name)
        XCTAssertEqual(i["valid"] as? Bool, true)
        XCTAssertEqual(try edge(i, "lower"), edges.lower, accuracy: 1e-3 * abs(edges.lower), name)
        XCTAssertEqual(try edge(i, "upper"), edges.upper, accuracy: 1e-3 * edges.upper, name)
      }
    }
    let report = try PhysFitRunner.run([
      "fit", data, "--model", reference.formula, "--objective", "poisson", "--param",
      "mu=0.5,B=1", "--minos=mu",
    ])
    XCTAssertEqual(report.status, 0, report.stderr)
    XCTAssertTrue(
      report.stdout.contains("profile-likelihood intervals: CL 68.27 % (k = 1), Δχ²_λ = 1"))
    XCTAssertTrue(
      report.stdout.contains("mu           1.06        0.30   −0.28   +0.32"), report.stdout)
  }

  /// A straight line with σ: χ² is quadratic, so the intervals are ±σ of the closed-form
  /// weighted least-squares solution.
  func testStraightLineIntervalsAreTheParabolicErrors() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    let y: [Double] = [2.9, 5.2, 6.8, 9.3, 10.9, 13.2, 14.8, 17.1]
    let s: [Double] = [0.2, 0.3, 0.2, 0.4, 0.3, 0.2, 0.5, 0.3]
    var sw = 0.0
    var sx = 0.0
    var sxx = 0.0
    for i in x.indices {
      let w = 1 / (s[i] * s[i])
      sw += w
      sx += w * x[i]
      sxx += w * x[i] * x[i]
    }
    let delta = sw * sxx - sx * sx
    let expected = ["a": (sxx / delta).squareRoot(), "b": (sw / delta).squareRoot()]
    let scratch = try Scratch()
    var text = "x,y,dy\n"
    for i in x.indices { text += "\(x[i]),\(y[i]),\(s[i])\n" }
    let data = try scratch.write("line.csv", text)
    let run = try PhysFitRunner.run([
      "fit", data, "--model", "a + b*x", "--sigma", "dy", "--minos", "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    for (name, sigma) in expected {
      let i = try interval(json, name)
      XCTAssertEqual(try edge(i, "lower"), -sigma, accuracy: 1e-6 * sigma)
      XCTAssertEqual(try edge(i, "upper"), sigma, accuracy: 1e-6 * sigma)
    }
    // Without --minos the field is null.
    let plain = try PhysFitRunner.run([
      "fit", data, "--model", "a + b*x", "--sigma", "dy", "--json",
    ])
    XCTAssertTrue(try plain.json()["minos"] is NSNull)
  }

  func testBadMinosOptionsAreOneLineErrors() throws {
    let scratch = try Scratch()
    let data = try scratch.write("line.csv", "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n")
    let cases: [([String], Int32, String)] = [
      (["--cl", "0.9"], 64, "--cl is a setting of --minos"),
      (["--minos", "--cl", "1.5"], 64, "--cl '1.5': must lie strictly between 0 and 1"),
      (["--minos=a,zz"], 65, "--minos: unknown parameter 'zz' (the model has: a, b)"),
      (["--minos=b", "--fix", "b=2"], 65, "--minos: 'b' is fixed"),
    ]
    for (options, status, message) in cases {
      let run = try PhysFitRunner.run(["fit", data, "--model", "a + b*x"] + options)
      XCTAssertEqual(run.status, status, "\(options): \(run.stderr)")
      XCTAssertTrue(run.stderr.hasPrefix("error: "), run.stderr)
      XCTAssertTrue(run.stderr.contains(message), "\(options): \(run.stderr)")
      XCTAssertEqual(run.stdout, "")
    }
  }
}
