import Foundation
import XCTest

@testable import PhysFit

/// Profile-likelihood intervals against closed forms: a χ² that is exactly quadratic
/// (linear models), where the profile interval must equal the parabolic error, and
/// the exponential lifetime likelihood, whose profile is analytic.
final class ProfileIntervalTests: XCTestCase {
  /// y = a + b·x + c·x² with σ: χ² is quadratic in θ, so Δχ² = 1 lies exactly at the
  /// parabolic ±σ of every parameter, with the others profiled (a and b are strongly
  /// correlated here, x is not centred).
  func testQuadraticChiSquareGivesParabolicErrors() throws {
    let x = (0..<12).map { 1 + 0.5 * Double($0) }
    let y = x.indices.map { (i: Int) -> Double in
      2 - 0.7 * x[i] + 0.05 * x[i] * x[i] + 0.1 * sin(Double(i) * 1.7)
    }
    let sigma = x.map { 0.1 + 0.01 * $0 }
    let fit = try Fit(
      model: ExpressionModel("a + b*x + c*x^2", inputs: ["x"]), x: x, y: y, sigma: sigma)
    let minimum = try fit.minimize()
    XCTAssertTrue(minimum.converged)
    XCTAssertGreaterThan(abs(minimum.correlation[0, 1]), 0.9)
    let profile = try ProfileLikelihood(
      fit: fit, minimum: minimum, minimizer: .leastSquares(LeastSquares()))
    for interval in try profile.intervals() {
      let name = interval.parameter
      XCTAssertTrue(interval.isValid, name)
      let sigma = interval.parabolicError
      XCTAssertEqual(try XCTUnwrap(interval.lower.error), -sigma, accuracy: 1e-6 * sigma, name)
      XCTAssertEqual(try XCTUnwrap(interval.upper.error), sigma, accuracy: 1e-6 * sigma, name)
    }
    // At 95 %: k = 1.959964, the interval is ±kσ.
    let wide = try profile.interval(for: "b", level: ConfidenceLevel(0.95))
    let k = 1.959963984540054
    XCTAssertEqual(try XCTUnwrap(wide.upper.error), k * wide.parabolicError, accuracy: 1e-6 * k)
    XCTAssertEqual(wide.threshold, k * k, accuracy: 1e-12)
  }

  /// Without σ the errors are scaled by s² = χ²/ndf; so is the threshold, and the
  /// profile interval still equals the (scaled) parabolic error.
  func testScaledErrorsScaleTheThreshold() throws {
    let x = (0..<10).map { Double($0) }
    let y = x.indices.map { (i: Int) -> Double in 1 + 2 * x[i] + 0.3 * cos(Double(i) * 2.1) }
    let fit = try Fit(model: ExpressionModel("a + b*x", inputs: ["x"]), x: x, y: y)
    let minimum = try fit.minimize()
    XCTAssertTrue(minimum.errorsAreScaled)
    let profile = try ProfileLikelihood(
      fit: fit, minimum: minimum, minimizer: .leastSquares(LeastSquares()))
    XCTAssertEqual(profile.errorUnit, minimum.reducedObjective, accuracy: 1e-15)
    for interval in try profile.intervals() {
      let sigma = interval.parabolicError
      XCTAssertEqual(try XCTUnwrap(interval.lower.error), -sigma, accuracy: 1e-6 * sigma)
      XCTAssertEqual(try XCTUnwrap(interval.upper.error), sigma, accuracy: 1e-6 * sigma)
    }
  }

  /// Exponential decay, 6 events, unbinned: −ln ℒ(τ) = n·ln(τ(1 − e^(−T/τ))) + Σt/τ on
  /// [0, T]. The interval where it rises by ½ is found here by bisection on that
  /// formula; the profile interval must match it, and be visibly asymmetric.
  func testExponentialLifetimeMatchesAnalyticLikelihoodRatio() throws {
    let t = [0.21, 1.73, 0.48, 3.05, 0.92, 0.37]
    let upperEnd = 30.0
    let n = Double(t.count)
    let sum = t.reduce(0.0) { $0 + $1 }
    func nll(_ tau: Double) -> Double {
      n * log(tau * (1 - exp(-upperEnd / tau))) + sum / tau
    }
    var fit = try Fit(
      model: ExpressionModel("exp(-t/tau)", inputs: ["t"]), unbinned: t, range: 0...upperEnd)
    try fit.set("tau", value: 1, lower: 0.01)
    let minimum = try fit.minimize(using: BFGS())
    XCTAssertTrue(minimum.converged, "\(minimum.reason)")
    let tauHat = try XCTUnwrap(minimum["tau"]).value
    XCTAssertEqual(tauHat, sum / n, accuracy: 1e-5 * tauHat)  // T ≫ τ: τ̂ ≈ mean(t)

    let interval = try ProfileLikelihood(
      fit: fit, minimum: minimum, minimizer: FitMinimizer(BFGS())
    ).interval(for: "tau")
    XCTAssertTrue(interval.isValid)

    func bisect(_ a0: Double, _ b0: Double) -> Double {
      var (a, b) = (a0, b0)
      let f = { (tau: Double) in nll(tau) - nll(tauHat) - 0.5 }
      let fa = f(a)
      for _ in 0..<200 {
        let m = 0.5 * (a + b)
        if (f(m) < 0) == (fa < 0) { a = m } else { b = m }
      }
      return 0.5 * (a + b)
    }
    let lower = bisect(tauHat / 10, tauHat)
    let upper = bisect(tauHat, 10 * tauHat)
    let lowerError = try XCTUnwrap(interval.lower.error)
    let upperError = try XCTUnwrap(interval.upper.error)
    XCTAssertEqual(lowerError, lower - tauHat, accuracy: 1e-6 * (tauHat - lower))
    XCTAssertEqual(upperError, upper - tauHat, accuracy: 1e-6 * (upper - tauHat))
    // Visibly asymmetric: the upper side is much longer, the parabola in between.
    XCTAssertGreaterThan(upperError / -lowerError, 1.4)
    XCTAssertGreaterThan(upperError, interval.parabolicError * 1.15)
    XCTAssertLessThan(-lowerError, interval.parabolicError * 0.9)
  }
}
