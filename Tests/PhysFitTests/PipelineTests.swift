import Foundation
import XCTest

@testable import PhysFit

final class PipelineTests: XCTestCase {
  /// One continuous run for the observer: iterations 1, 2, … without a gap or repeat
  /// across the stages; evaluations add up; the reason is the polish's; both names.
  func testStagesJoinIntoOneRun() throws {
    let f = try TestFunction.rastrigin(dimension: 3)
    var reports: [IterationReport] = []
    let pipeline = Pipeline(SimulatedAnnealing(seed: 11), then: BFGS())
    let result = pipeline.minimize(f, from: [2.2, -4.1, 0.7], observer: { reports.append($0) })
    XCTAssertEqual(reports.map(\.iteration), Array(1...result.iterations))
    for (a, b) in zip(reports, reports.dropFirst()) {
      XCTAssertLessThanOrEqual(a.evaluations.total, b.evaluations.total)
      XCTAssertLessThanOrEqual(a.elapsed, b.elapsed)
    }
    XCTAssertEqual(result.evaluations, f.evaluations)
    XCTAssertEqual(reports.last?.evaluations, result.evaluations)
    XCTAssertEqual(result.method, "annealing+bfgs")
    XCTAssertEqual(pipeline.name, "annealing+bfgs")

    // The same stages run by hand: the iteration counts and evaluations add up and
    // the reason is the second stage's.
    let g = try TestFunction.rastrigin(dimension: 3)
    let first = SimulatedAnnealing(seed: 11).minimize(g, from: [2.2, -4.1, 0.7], observer: nil)
    let second = BFGS().minimize(g, from: first.minimum, observer: nil)
    XCTAssertEqual(result.iterations, first.iterations + second.iterations)
    XCTAssertEqual(result.evaluations.total, first.evaluations.total + second.evaluations.total)
    XCTAssertEqual(result.reason, second.reason)
    XCTAssertTrue(result.converged)
    XCTAssertEqual(result.value, second.value, accuracy: 0)
    XCTAssertLessThan(result.value, 1e-12)
  }

  /// The least-squares pipeline: annealing, then trust-region least squares, in a χ²
  /// fit; the covariance comes from the residual Jacobian as for `LeastSquares` alone,
  /// so values and errors match the plain least-squares fit where that one converges.
  func testLeastSquaresPipelineInAFit() throws {
    let t = (0..<40).map { Double($0) * 0.25 }
    let sigma = t.map { 0.05 + 0.01 * $0 }
    let y = t.enumerated().map { i, t in
      5 * exp(-t / 2.5) + 0.5 + sigma[i] * (i % 3 == 0 ? 0.7 : -0.4)
    }
    let model = try ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"])
    var fit = try Fit(model: model, x: t, y: y, sigma: sigma)
    try fit.set("A", value: 1, lower: 0, upper: 100)
    try fit.set("tau", value: 1, lower: 0.01, upper: 100)
    try fit.set("B", value: 0, lower: -10, upper: 10)
    let reference = try fit.minimize()
    var reports: [IterationReport] = []
    let pipeline = LeastSquaresPipeline(SimulatedAnnealing(seed: 2), then: LeastSquares())
    let result = try fit.minimize(using: pipeline, observer: { reports.append($0) })
    XCTAssertTrue(result.converged, "\(result.reason)")
    XCTAssertTrue(result.method.hasPrefix("annealing+"), result.method)
    XCTAssertEqual(reports.map(\.iteration), Array(1...result.iterations))
    for name in ["A", "tau", "B"] {
      let a = result[name]!
      let b = reference[name]!
      XCTAssertEqual(a.value, b.value, accuracy: 1e-7 * max(abs(b.value), 1), name)
      XCTAssertEqual(a.error, b.error, accuracy: 1e-5 * b.error, name)
    }
  }
}
