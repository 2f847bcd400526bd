import Foundation
import XCTest

@testable import PhysFit

final class LeastSquaresTests: XCTestCase {
  /// NIST Misra1a data (y, x), certified b1 = 2.3894212918E+02 ± 2.7070075241E+00,
  /// b2 = 5.5015643181E-04 ± 7.2668688436E-06, RSS = 1.2455138894E-01.
  static let misraY: [Double] = [
    10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47,
    81.78,
  ]
  static let misraX: [Double] = [
    77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1,
    760.0,
  ]
  static let misra = ClosureModel(parameters: ["b1", "b2"]) { x, p in
    p[0] * (1 - exp(-p[1] * x[0]))
  }

  func testClosureModelFitMatchesCertifiedMisra1a() throws {
    var fit = try Fit(model: Self.misra, x: Self.misraX, y: Self.misraY)
    try fit.set("b1", value: 500)
    try fit.set("b2", value: 1e-4)
    let result = try fit.minimize()
    XCTAssertTrue(result.converged, "\(result.reason)")
    XCTAssertEqual(result["b1"]!.value, 2.3894212918E+02, accuracy: 1e-7 * 238.9)
    XCTAssertEqual(result["b2"]!.value, 5.5015643181E-04, accuracy: 1e-7 * 5.5e-4)
    XCTAssertEqual(result["b1"]!.error, 2.7070075241E+00, accuracy: 1e-5 * 2.707)
    XCTAssertEqual(result["b2"]!.error, 7.2668688436E-06, accuracy: 1e-5 * 7.27e-6)
    XCTAssertEqual(result.objectiveValue, 1.2455138894E-01, accuracy: 1e-9)
    XCTAssertTrue(result.errorsAreScaled)
    XCTAssertNil(result.pValue)
    XCTAssertEqual(result.ndf, 12)
  }
}

/// A fit that stops far from a minimum must say so.
final class NoFalseSuccessTests: XCTestCase {
  let x = LeastSquaresTests.misraX
  let y = LeastSquaresTests.misraY

  func testIterationLimitIsNotConvergence() throws {
    var fit = try Fit(model: LeastSquaresTests.misra, x: x, y: y)
    try fit.set("b1", value: 500)
    try fit.set("b2", value: 1e-4)
    let tight = StoppingRule(maxIterations: 2)
    let raw = TrustRegion(.init(method: .levenbergMarquardt, stopping: tight, polishSteps: 0))
    let single = try fit.minimize(using: raw)
    XCTAssertFalse(single.converged)
    XCTAssertEqual(single.reason, .maxIterations)
    let robust = try fit.minimize(
      using: LeastSquares(.init(stopping: tight, polishSteps: 0)))
    XCTAssertFalse(robust.converged, "\(robust.reason)")
  }

  func testSaturatedRateOnAPlateauIsNotConvergence() throws {
    // exp(-b2·x) underflows to 0 for b2 = 1e6: ∂ŷ/∂b2 vanishes, the model is flat in b2.
    var fit = try Fit(model: LeastSquaresTests.misra, x: x, y: y)
    try fit.set("b2", value: 1e6)
    let result = try fit.minimize()
    if result.converged {
      // Acceptable only if it actually escaped to the certified minimum.
      XCTAssertEqual(result["b2"]!.value, 5.5015643181E-04, accuracy: 1e-9)
    } else {
      XCTAssertEqual(result.reason, .undetermined(["b2"]))
    }
  }

  func testDegenerateParametersAreReportedByName() throws {
    let model = ClosureModel(parameters: ["a", "b", "c"]) { x, p in p[0] * p[1] * x[0] + p[2] }
    let fit = try Fit(model: model, x: x, y: y)
    let result = try fit.minimize()
    XCTAssertFalse(result.converged)
    XCTAssertFalse(result.covarianceIsPositiveDefinite)
    XCTAssertEqual(result.reason, .undetermined(["a", "b"], combination: "a·b"))
    XCTAssertEqual(
      "\(result.reason)",
      "a and b are degenerate (combination a·b): the data determine only that combination at "
        + "the end point")
    XCTAssertTrue(result["a"]!.error.isNaN)
    XCTAssertEqual(result["c"]!.error.isNaN, false)
  }

  func testMinimumOnABoundConvergesAndIsFlagged() throws {
    var fit = try Fit(model: LeastSquaresTests.misra, x: x, y: y)
    try fit.set("b1", value: 100, lower: 0, upper: 200)
    try fit.set("b2", value: 1e-4)
    let result = try fit.minimize()
    XCTAssertTrue(result.converged, "\(result.reason)")
    XCTAssertEqual(result.parametersAtLimit, ["b1"])
    XCTAssertEqual(result["b1"]!.value, 200, accuracy: 1e-6)
    // With b1 held at 200, b2 solves the one-parameter problem: check stationarity of χ²(b2).
    let b2 = result["b2"]!.value
    func rss(_ b2: Double) -> Double {
      zip(x, y).reduce(0) { s, p in
        let r = p.1 - 200 * (1 - Foundation.exp(-b2 * p.0))
        return s + r * r
      }
    }
    let h = 1e-9
    XCTAssertLessThan(abs(rss(b2 + h) - rss(b2 - h)) / (2 * h), 1e-3 * rss(b2) / b2)
  }

  func testFixedParameterKeepsItsValueAndReducesNdf() throws {
    var fit = try Fit(model: LeastSquaresTests.misra, x: x, y: y)
    try fit.set("b1", value: 2.3894212918E+02, fixed: true)
    try fit.set("b2", value: 1e-4)
    let result = try fit.minimize()
    XCTAssertTrue(result.converged)
    XCTAssertEqual(result["b1"]!.value, 2.3894212918E+02)
    XCTAssertEqual(result["b1"]!.error, 0)
    XCTAssertEqual(result.ndf, 13)
    XCTAssertEqual(result["b2"]!.value, 5.5015643181E-04, accuracy: 1e-9)
  }

  func testBadSetUpThrows() throws {
    var fit = try Fit(model: LeastSquaresTests.misra, x: x, y: y)
    XCTAssertThrowsError(try fit.set("nope", value: 1))
    try fit.set("b1", value: 5, lower: 10)
    XCTAssertThrowsError(try fit.minimize())
    XCTAssertThrowsError(
      try Fit(model: LeastSquaresTests.misra, x: [1, 2], y: [1, 2], sigma: [1, 0]))
    XCTAssertThrowsError(try Fit(model: LeastSquaresTests.misra, x: [1], y: [1]).minimize())
  }
}
