import Foundation
import XCTest

/// A straight-line fit through the CLI against the closed-form weighted least-squares
/// solution: with Sw = Σw, Sx = Σwx, Sy = Σwy, Sxx = Σwx², Sxy = Σwxy and
/// Δ = Sw·Sxx − Sx², a = (Sxx·Sy − Sx·Sxy)/Δ, b = (Sw·Sxy − Sx·Sy)/Δ,
/// var a = Sxx/Δ, var b = Sw/Δ, cov(a, b) = −Sx/Δ (w = 1/σ²; w = 1 without σ, the
/// errors then scaled by s² = RSS/(n − 2)).
final class StraightLineFitTests: XCTestCase {
  let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  let y: [Double] = [2.9, 5.2, 6.8, 9.3, 10.9, 13.2, 14.8, 17.1, 19.2, 20.7]
  let sigma: [Double] = [0.2, 0.3, 0.2, 0.4, 0.3, 0.2, 0.5, 0.3, 0.4, 0.2]

  struct LineSolution {
    var a, b, errorA, errorB, covariance, chi2: Double
  }

  func solve(weights w: [Double], scaled: Bool) -> LineSolution {
    var sw = 0.0
    var sx = 0.0
    var sy = 0.0
    var sxx = 0.0
    var sxy = 0.0
    for i in x.indices {
      sw += w[i]
      sx += w[i] * x[i]
      sy += w[i] * y[i]
      sxx += w[i] * x[i] * x[i]
      sxy += w[i] * x[i] * y[i]
    }
    let delta = sw * sxx - sx * sx
    let a = (sxx * sy - sx * sxy) / delta
    let b = (sw * sxy - sx * sy) / delta
    var chi2 = 0.0
    for i in x.indices { chi2 += w[i] * (y[i] - a - b * x[i]) * (y[i] - a - b * x[i]) }
    let s2 = scaled ? chi2 / Double(x.count - 2) : 1
    return LineSolution(
      a: a, b: b, errorA: (sxx / delta * s2).squareRoot(), errorB: (sw / delta * s2).squareRoot(),
      covariance: -sx / delta * s2, chi2: chi2)
  }

  /// Q(χ²; k) for even k = 2m: e^(−χ²/2) Σ_{j<m} (χ²/2)^j / j!.
  func pValueEvenNDF(_ chi2: Double, ndf: Int) -> Double {
    var term = 1.0
    var sum = 0.0
    for j in 0..<(ndf / 2) {
      if j > 0 { term *= chi2 / 2 / Double(j) }
      sum += term
    }
    return exp(-chi2 / 2) * sum
  }

  func writeData(_ scratch: Scratch) throws -> String {
    var text = "x,y,dy\n"
    for i in x.indices { text += "\(x[i]),\(y[i]),\(sigma[i])\n" }
    return try scratch.write("line.csv", text)
  }

  func parameter(_ json: [String: Any], _ name: String) throws -> [String: Any] {
    let parameters = try XCTUnwrap(json["parameters"] as? [[String: Any]])
    return try XCTUnwrap(parameters.first { $0["name"] as? String == name })
  }

  func testWeightedLineMatchesClosedForm() throws {
    let scratch = try Scratch()
    let path = try writeData(scratch)
    let run = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*x", "--x", "x", "--y", "y", "--sigma", "dy", "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
    let json = try run.json()
    let expected = solve(weights: sigma.map { 1 / ($0 * $0) }, scaled: false)
    let a = try parameter(json, "a")
    let b = try parameter(json, "b")
    XCTAssertEqual(try XCTUnwrap(a["value"] as? Double), expected.a, accuracy: 1e-10)
    XCTAssertEqual(try XCTUnwrap(b["value"] as? Double), expected.b, accuracy: 1e-10)
    XCTAssertEqual(
      try XCTUnwrap(a["error"] as? Double), expected.errorA, accuracy: 1e-9 * expected.errorA)
    XCTAssertEqual(
      try XCTUnwrap(b["error"] as? Double), expected.errorB, accuracy: 1e-9 * expected.errorB)
    XCTAssertEqual(try XCTUnwrap(json["chi2"] as? Double), expected.chi2, accuracy: 1e-9)
    XCTAssertEqual(json["ndf"] as? Int, 8)
    XCTAssertEqual(
      try XCTUnwrap(json["reducedChi2"] as? Double), expected.chi2 / 8, accuracy: 1e-9)
    XCTAssertEqual(
      try XCTUnwrap(json["pValue"] as? Double), pValueEvenNDF(expected.chi2, ndf: 8),
      accuracy: 1e-9)
    XCTAssertEqual(json["errorsScaled"] as? Bool, false)
    XCTAssertEqual(json["converged"] as? Bool, true)
    XCTAssertEqual(json["points"] as? Int, 10)
    XCTAssertEqual(json["model"] as? String, "a + b*x")
    XCTAssertEqual(json["data"] as? String, path)
    let covariance = try XCTUnwrap(json["covariance"] as? [[Double]])
    XCTAssertEqual(covariance[0][1], expected.covariance, accuracy: 1e-9 * abs(expected.covariance))
    let correlation = try XCTUnwrap(json["correlation"] as? [[Double]])
    XCTAssertEqual(
      correlation[0][1], expected.covariance / (expected.errorA * expected.errorB), accuracy: 1e-9)
    XCTAssertEqual(correlation[0][0], 1, accuracy: 1e-12)
    XCTAssertGreaterThan(try XCTUnwrap(json["evaluations"] as? Int), 0)
    let counts = try XCTUnwrap(json["evaluationCounts"] as? [String: Int])
    XCTAssertEqual(
      (counts["values"] ?? 0) + (counts["gradients"] ?? 0) + (counts["jacobians"] ?? 0),
      json["evaluations"] as? Int)
    XCTAssertNotNil(json["iterations"] as? Int)
    XCTAssertNotNil(json["method"] as? String)
    XCTAssertEqual(a["fixed"] as? Bool, false)
    XCTAssertEqual(a["atLimit"] as? Bool, false)
    XCTAssertTrue(a["lower"] is NSNull)
    XCTAssertTrue(a["upper"] is NSNull)
  }

  func testUnweightedLineScalesErrors() throws {
    let scratch = try Scratch()
    let path = try writeData(scratch)
    // Defaults: --x is the first column, --y the second; "linear" is a + b*x.
    let run = try PhysFitRunner.run(["fit", path, "--model", "linear", "--json"])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    let expected = solve(weights: Array(repeating: 1, count: x.count), scaled: true)
    let a = try parameter(json, "a")
    let b = try parameter(json, "b")
    XCTAssertEqual(try XCTUnwrap(a["value"] as? Double), expected.a, accuracy: 1e-10)
    XCTAssertEqual(try XCTUnwrap(b["value"] as? Double), expected.b, accuracy: 1e-10)
    XCTAssertEqual(
      try XCTUnwrap(a["error"] as? Double), expected.errorA, accuracy: 1e-9 * expected.errorA)
    XCTAssertEqual(
      try XCTUnwrap(b["error"] as? Double), expected.errorB, accuracy: 1e-9 * expected.errorB)
    XCTAssertEqual(try XCTUnwrap(json["chi2"] as? Double), expected.chi2, accuracy: 1e-9)
    XCTAssertTrue(json["pValue"] is NSNull, "no p-value without σ")
    XCTAssertEqual(json["errorsScaled"] as? Bool, true)
    XCTAssertTrue(json["sigma"] is NSNull)
  }

  func testFixedParameterAndBoundsInJSON() throws {
    let scratch = try Scratch()
    let path = try writeData(scratch)
    let run = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*x", "--sigma", "3", "--fix", "a=1", "--bounds", "b=0:10",
      "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    // With a fixed, b = Σw x (y − a) / Σw x².
    var num = 0.0
    var den = 0.0
    for i in x.indices {
      let w = 1 / (sigma[i] * sigma[i])
      num += w * x[i] * (y[i] - 1)
      den += w * x[i] * x[i]
    }
    let a = try parameter(json, "a")
    let b = try parameter(json, "b")
    XCTAssertEqual(a["fixed"] as? Bool, true)
    XCTAssertEqual(try XCTUnwrap(a["value"] as? Double), 1, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(a["error"] as? Double), 0, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(b["value"] as? Double), num / den, accuracy: 1e-9)
    XCTAssertEqual(
      try XCTUnwrap(b["error"] as? Double), (1 / den).squareRoot(), accuracy: 1e-8)
    XCTAssertEqual(try XCTUnwrap(b["lower"] as? Double), 0, accuracy: 0)
    XCTAssertEqual(try XCTUnwrap(b["upper"] as? Double), 10, accuracy: 0)
    XCTAssertEqual(json["ndf"] as? Int, 9)
  }

  func testEverySingleMethodAgrees() throws {
    let scratch = try Scratch()
    let path = try writeData(scratch)
    let expected = solve(weights: sigma.map { 1 / ($0 * $0) }, scaled: false)
    for method in ["lm", "lmaccel", "dogleg", "ddogleg", "subspace2d"] {
      let run = try PhysFitRunner.run([
        "fit", path, "--model", "a + b*x", "--sigma", "dy", "--optimizer", method,
        "--solver", "svd", "--json",
      ])
      XCTAssertEqual(run.status, 0, "\(method): \(run.stderr)")
      let json = try run.json()
      XCTAssertEqual(json["method"] as? String, method + "/svd")
      let b = try parameter(json, "b")
      XCTAssertEqual(try XCTUnwrap(b["value"] as? Double), expected.b, accuracy: 1e-8, method)
    }
  }
}
