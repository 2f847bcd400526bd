import Foundation
import XCTest

@testable import PhysFit

/// Contours of linear χ² fits against the analytic ellipse δᵀC⁻¹δ = q, where χ² is
/// exactly quadratic.
final class ContourTests: XCTestCase {
  /// y = a + b·x with x centred and equal σ: a and b are uncorrelated, and the 1σ
  /// contour (Δχ² = 1, MINUIT's mncontour convention) is the ellipse
  /// (a − â)²/σa² + (b − b̂)²/σb² = 1.
  func testOneSigmaContourOfUncorrelatedParametersIsTheEllipse() throws {
    let x = (-5...5).map { Double($0) }
    let y = x.indices.map { (i: Int) -> Double in 3 + 0.8 * x[i] + 0.2 * sin(Double(i) * 2.3) }
    let fit = try Fit(
      model: ExpressionModel("a + b*x", inputs: ["x"]), x: x, y: y,
      sigma: Array(repeating: 0.2, count: x.count))
    let minimum = try fit.minimize()
    XCTAssertEqual(minimum.correlation[0, 1], 0, accuracy: 1e-12)
    let (a, b) = (minimum.values[0], minimum.values[1])
    let (sa, sb) = (minimum.errors[0], minimum.errors[1])
    let contour = try ProfileLikelihood(
      fit: fit, minimum: minimum, minimizer: .leastSquares(LeastSquares())
    ).contour("a", "b", level: .standardDeviations(1), points: 24)
    XCTAssertTrue(contour.isClosed)
    XCTAssertEqual(contour.points.count, 24)
    XCTAssertEqual(contour.threshold, 1, accuracy: 1e-15)
    for p in contour.points {
      let point = try XCTUnwrap(p.point)
      let r = pow((point[0] - a) / sa, 2) + pow((point[1] - b) / sb, 2)
      XCTAssertEqual(r, 1, accuracy: 1e-4, "angle \(p.angle)")
    }
    // The points go around the centre once.
    let angles = contour.points.compactMap(\.point).map {
      atan2(($0[1] - b) / sb, ($0[0] - a) / sa)
    }
    let turns = zip(angles, angles.dropFirst() + [angles[0]]).map { pair -> Double in
      var d = pair.1 - pair.0
      if d < -Double.pi { d += 2 * Double.pi }
      if d > Double.pi { d -= 2 * Double.pi }
      return d
    }.reduce(0.0) { $0 + $1 }
    XCTAssertEqual(turns, 2 * Double.pi, accuracy: 1e-9)
  }

  /// y = a + b·x + c·x² with x far from 0: a and b are correlated, c is profiled. The
  /// 68.27 % joint contour (Δχ² = 2.2958) is the ellipse of the 2 × 2 block of the
  /// covariance, δᵀ C_ab⁻¹ δ = F⁻¹_χ²(2)(0.6827).
  func testJointContourWithProfiledThirdParameterIsTheMarginalEllipse() throws {
    let x = (0..<15).map { 2 + 0.4 * Double($0) }
    let y = x.indices.map { (i: Int) -> Double in
      1 + 0.5 * x[i] - 0.03 * x[i] * x[i] + 0.05 * cos(Double(i) * 1.3)
    }
    let fit = try Fit(
      model: ExpressionModel("a + b*x + c*x^2", inputs: ["x"]), x: x, y: y,
      sigma: Array(repeating: 0.05, count: x.count))
    let minimum = try fit.minimize()
    let c = minimum.covariance
    XCTAssertGreaterThan(abs(minimum.correlation[0, 1]), 0.5)
    let level = ContourLevel.joint(.oneSigma)
    let q = -2 * log(1 - ConfidenceLevel.oneSigma.probability)  // χ²₂ quantile, closed form
    XCTAssertEqual(level.quantile, q, accuracy: 1e-10)
    let contour = try ProfileLikelihood(
      fit: fit, minimum: minimum, minimizer: .leastSquares(LeastSquares())
    ).contour("a", "b", level: level, points: 16)
    XCTAssertTrue(contour.isClosed)
    let det = c[0, 0] * c[1, 1] - c[0, 1] * c[0, 1]
    for p in contour.points {
      let point = try XCTUnwrap(p.point)
      let (u, v) = (point[0] - minimum.values[0], point[1] - minimum.values[1])
      let r = (c[1, 1] * u * u - 2 * c[0, 1] * u * v + c[0, 0] * v * v) / det
      XCTAssertEqual(r, q, accuracy: 1e-4 * q, "angle \(p.angle)")
      // c was minimised at every point: it moved along the valley.
      XCTAssertNotEqual(p.parameters[2], minimum.values[2])
    }
  }

  /// A bound inside the contour opens it: the rays that reach it are flagged, not
  /// reported as crossings.
  func testBoundInsideTheContourIsFlagged() throws {
    let x = (-5...5).map { Double($0) }
    let y = x.map { 3 + 0.8 * $0 }
    var fit = try Fit(
      model: ExpressionModel("a + b*x", inputs: ["x"]), x: x, y: y,
      sigma: Array(repeating: 0.2, count: x.count))
    try fit.set("a", value: 3.1, lower: 2.99)
    let minimum = try fit.minimize()
    XCTAssertTrue(minimum.converged)
    let contour = try ProfileLikelihood(
      fit: fit, minimum: minimum, minimizer: .leastSquares(LeastSquares())
    ).contour("a", "b", level: .standardDeviations(1), points: 12)
    XCTAssertFalse(contour.isClosed)
    let limited = contour.points.filter {
      if case .beyondLimit = $0.status { return true }
      return false
    }
    XCTAssertFalse(limited.isEmpty)
    for p in limited { XCTAssertEqual(try XCTUnwrap(p.point)[0], 2.99, accuracy: 1e-12) }
  }
}
