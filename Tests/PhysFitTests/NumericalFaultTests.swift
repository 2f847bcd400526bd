import Foundation
import XCTest

@testable import PhysFit

/// Numerical faults during a fit: a model that leaves its domain at a trial step,
/// divergence, and degenerate parameters named by the combination the data determine.
final class NumericalFaultTests: XCTestCase {
  /// y = 2·ln(x − 0.5) exactly, x = 1…20.
  private let x = (1...20).map { Double($0) }
  private var logData: [Double] { x.map { 2 * Foundation.log($0 - 0.5) } }

  /// From c = 0.9 the first steps of every method try c > 1 = min(x), where ln(x − c) is
  /// NaN for the first point: each optimizer must treat that as a rejected step and
  /// reach the exact solution A = 2, c = 0.5.
  func testModelOutsideItsDomainAtATrialStepIsARejectedStep() throws {
    let model = try ExpressionModel("A*log(x - c)")
    var fit = try Fit(model: model, x: x, y: logData)
    try fit.set("A", value: 1)
    try fit.set("c", value: 0.9)
    let results: [(String, FitResult)] = [
      ("least squares", try fit.minimize()),
      ("bfgs", try fit.minimize(using: BFGS())),
      ("nelder-mead", try fit.minimize(using: NelderMead())),
      ("sgd", try fit.minimize(using: GradientDescent.sgd(learningRate: .constant(0.01)))),
      ("adam", try fit.minimize(using: GradientDescent.adam(learningRate: .constant(0.3)))),
    ]
    for (name, result) in results {
      XCTAssertTrue(result.converged, "\(name): \(result.reason)")
      XCTAssertEqual(result["A"]!.value, 2, accuracy: 1e-6, name)
      XCTAssertEqual(result["c"]!.value, 0.5, accuracy: 1e-6, name)
      XCTAssertTrue(result.values.allSatisfy(\.isFinite), name)
    }
  }

  /// f(θ) = (θ − 1)² + 10⁻³·ln θ is undefined for θ ≤ 0. From θ = 3 with η = 0.9 the
  /// first step, −0.9·f′(3) ≈ −3.6, lands at −0.6; it is halved (to 1.2) instead of
  /// ending the run as divergence, and the run converges to the minimum
  /// θ* = (1 + √(1 − 2·10⁻³))/2.
  func testGradientDescentHalvesAStepThatLeavesTheDomain() throws {
    let problem = LogBowl()
    var gradient: [Double] = []
    _ = problem.valueAndGradient(at: [3], gradient: &gradient)
    let plainStep = -0.9 * gradient[0]
    XCTAssertTrue(problem.value(at: [3 + plainStep]).isNaN, "the plain step leaves the domain")

    var reports: [IterationReport] = []
    let result = GradientDescent.sgd(learningRate: .constant(0.9))
      .minimize(problem, from: [3]) { reports.append($0) }
    XCTAssertTrue(result.converged, "\(result.reason)")
    XCTAssertEqual(result.minimum[0], (1 + (1 - 2e-3).squareRoot()) / 2, accuracy: 1e-8)
    XCTAssertTrue(reports.allSatisfy { $0.value.isFinite })
    XCTAssertEqual(reports[0].stepNorm, abs(plainStep) / 2, accuracy: 1e-12)
  }

  /// Too large a learning rate makes the objective grow geometrically: reported as a
  /// failed (diverged) status with the lowest point seen, not as NaN results.
  func testDivergenceIsAStatus() throws {
    let model = try ExpressionModel("a*x + b")
    let fit = try Fit(model: model, x: x, y: x.map { 3 * $0 - 1 })
    let result = try fit.minimize(using: GradientDescent.sgd(learningRate: .constant(0.1)))
    XCTAssertFalse(result.converged)
    guard case .failed(let why) = result.reason else {
      return XCTFail("expected a failed status, got \(result.reason)")
    }
    XCTAssertTrue(why.hasPrefix("diverged: the objective rose to"), why)
    XCTAssertTrue(why.hasSuffix("lower the learning rate"), why)
    XCTAssertTrue(result.values.allSatisfy(\.isFinite))
    XCTAssertTrue(result.objectiveValue.isFinite)
  }

  // MARK: Degenerate parameters

  private var line: [Double] { x.map { 3 * $0 + Foundation.sin($0) } }

  /// a·b·x: J's columns are proportional; the null vector (a, −b) is read as the
  /// product, even at a = b where the sum would have the same tangent.
  func testProductDegeneracyIsNamedFromTheNullVector() throws {
    let fit = try Fit(model: try ExpressionModel("a*b*x"), x: x, y: line)
    for result in [try fit.minimize(), try fit.minimize(using: BFGS())] {
      XCTAssertEqual(result.reason, .undetermined(["a", "b"], combination: "a·b"), result.method)
      XCTAssertEqual(
        "\(result.reason)",
        "a and b are degenerate (combination a·b): the data determine only that combination "
          + "at the end point")
      XCTAssertFalse(result.covarianceIsPositiveDefinite)
      XCTAssertTrue(result["a"]!.error.isNaN && result["b"]!.error.isNaN)
      // The determined combination is the slope of the least-squares line through 0.
      let slope = zip(x, line).reduce(0) { $0 + $1.0 * $1.1 } / x.reduce(0) { $0 + $1 * $1 }
      XCTAssertEqual(result["a"]!.value * result["b"]!.value, slope, accuracy: 1e-7 * slope)
    }
  }

  func testOtherTwoParameterCombinations() throws {
    let cases: [(formula: String, start: [String: Double], combination: String)] = [
      ("(a + b)*x", ["a": 1, "b": 2], "a + b"),
      ("(a - b)*x", ["a": 5, "b": 1], "a − b"),
      ("a/b*x", ["a": 2, "b": 1], "a/b"),
      ("a*b^2*x", ["a": 1, "b": 2], "a·b^2"),
      ("(a + 2*b)*x", ["a": 1, "b": 1], "a + 2·b"),
      ("(5*a + b)*x", ["a": 1, "b": 1], "5·a + b"),
      ("a^3*b*x", ["a": 1, "b": 2], "a^3·b"),
    ]
    for c in cases {
      var fit = try Fit(model: try ExpressionModel(c.formula), x: x, y: line)
      for (name, value) in c.start { try fit.set(name, value: value) }
      let result = try fit.minimize()
      XCTAssertEqual(
        result.reason, .undetermined(["a", "b"], combination: c.combination), c.formula)
    }
  }

  /// Zero-width x (every x = 5): a line a·x + b is only determined as 5·a + b.
  func testZeroWidthInputNamesTheDeterminedCombination() throws {
    let fit = try Fit(
      model: try ExpressionModel("a*x + b"), x: [5, 5, 5, 5], y: [1, 2, 3, 4])
    let result = try fit.minimize()
    XCTAssertEqual(result.reason, .undetermined(["a", "b"], combination: "5·a + b"))
    XCTAssertEqual(5 * result["a"]!.value + result["b"]!.value, 2.5, accuracy: 1e-9)
  }

  /// Three parameters in one direction are named without a combination.
  func testThreeParameterDegeneracyNamesTheParameters() throws {
    let fit = try Fit(model: try ExpressionModel("a*b*c*x"), x: x, y: line)
    let result = try fit.minimize()
    guard case .undetermined(let names, let combination) = result.reason else {
      return XCTFail("\(result.reason)")
    }
    XCTAssertEqual(Set(names), ["a", "b", "c"])
    XCTAssertNil(combination)
  }

  /// A well-determined but strongly correlated fit (a quartic on 1…20, correlations
  /// up to 0.9999) is not mistaken for a degenerate one.
  func testStrongCorrelationIsNotDegeneracy() throws {
    let model = try ExpressionModel("a + b*x + c*x^2 + d*x^3 + f*x^4")
    let fit = try Fit(model: model, x: x, y: line)
    for result in [try fit.minimize(), try fit.minimize(using: BFGS())] {
      XCTAssertTrue(result.covarianceIsPositiveDefinite, "\(result.method): \(result.reason)")
      if case .undetermined = result.reason { XCTFail("\(result.method): \(result.reason)") }
      XCTAssertTrue(result.errors.allSatisfy { $0.isFinite && $0 > 0 }, result.method)
    }
  }

  func testDegeneracyReadingUnit() {
    // An objective that depends on a·b only.
    let objective: ([Double]) -> Double = { p in (p[0] * p[1] - 3) * (p[0] * p[1] - 3) + 1 }
    let atEqual = ParameterDegeneracy(
      direction: [1, -1], values: [(3.0).squareRoot(), (3.0).squareRoot()], names: ["a", "b"],
      objective: objective)
    XCTAssertEqual(atEqual, ParameterDegeneracy(involved: [0, 1], combination: "a·b"))
    // One parameter alone: no combination.
    let single = ParameterDegeneracy(
      direction: [0, 1, 0.01], values: [1, 2, 3], names: ["a", "b", "c"]
    ) { _ in 0 }
    XCTAssertEqual(single, ParameterDegeneracy(involved: [1], combination: nil))
  }
}

/// (θ − 1)² + 10⁻³·ln θ: NaN for θ < 0, like a model outside its domain.
private final class LogBowl: Minimizable {
  var dimension: Int { 1 }
  var evaluations = EvaluationCounts()
  func value(at x: [Double]) -> Double {
    evaluations.values += 1
    return (x[0] - 1) * (x[0] - 1) + 1e-3 * Foundation.log(x[0])
  }
  func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
    evaluations.gradients += 1
    gradient = [2 * (x[0] - 1) + 1e-3 / x[0]]
    return (x[0] - 1) * (x[0] - 1) + 1e-3 * Foundation.log(x[0])
  }
}
