import Foundation
import XCTest

@testable import PhysFit

final class MultiminTests: XCTestCase {
  /// Each optimizer with the distance to Rosenbrock's minimum its documentation
  /// promises from (−1.2, 1) with default settings (docs/optimizers.md).
  private let documented: [(any Optimizer, Double)] = [
    (NelderMead(), 1e-8),
    (ConjugateGradient(variant: .fletcherReeves), 1e-8),
    (ConjugateGradient(variant: .polakRibiere), 1e-8),
    (BFGS(), 1e-8),
    (SteepestDescent(), 1e-6),
  ]

  func testEveryOptimizerReachesRosenbrockMinimum() throws {
    for (optimizer, tolerance) in documented {
      let rosenbrock = try TestFunction.rosenbrock()
      let result = optimizer.minimize(rosenbrock, from: [-1.2, 1], observer: nil)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      XCTAssertLessThanOrEqual(
        rosenbrock.distanceToNearestMinimum(result.minimum), tolerance, optimizer.name)
      XCTAssertLessThanOrEqual(result.value, 1e-12, optimizer.name)
      XCTAssertEqual(result.method, optimizer.name)
      XCTAssertEqual(result.evaluations, rosenbrock.evaluations, optimizer.name)
    }
  }

  /// BFGS in more dimensions ends on GSL_ENOPROG, which counts as convergence only at a
  /// point with a small gradient.
  func testBFGSInFiveDimensionsConvergesWithNoProgressVerdict() throws {
    let rosenbrock = try TestFunction.rosenbrock(dimension: 5)
    let result = BFGS().minimize(rosenbrock, from: rosenbrock.standardStart!, observer: nil)
    XCTAssertTrue(result.converged, "\(result.reason)")
    XCTAssertLessThanOrEqual(rosenbrock.distanceToNearestMinimum(result.minimum), 1e-6)
  }

  func testResultsAreReproducible() throws {
    for (optimizer, _) in documented {
      let first = TestFunction.beale()
      let second = TestFunction.beale()
      let a = optimizer.minimize(first, from: [1, 1], observer: nil)
      let b = optimizer.minimize(second, from: [1, 1], observer: nil)
      XCTAssertEqual(a.minimum, b.minimum, optimizer.name)  // bit for bit
      XCTAssertEqual(a.evaluations, b.evaluations, optimizer.name)
      XCTAssertEqual(a.iterations, b.iterations, optimizer.name)
    }
  }

  func testObserverSeesEveryIterationWithGrowingEvaluations() throws {
    for (optimizer, _) in documented {
      let rosenbrock = try TestFunction.rosenbrock()
      let reports = Reports()
      let result = optimizer.minimize(rosenbrock, from: [-1.2, 1]) { reports.append($0) }
      let all = reports.all
      XCTAssertEqual(all.count, result.iterations, optimizer.name)
      XCTAssertEqual(all.map(\.iteration), Array(1...result.iterations), optimizer.name)
      for (a, b) in zip(all, all.dropFirst()) {
        XCTAssertGreaterThan(b.evaluations.total, a.evaluations.total, optimizer.name)
        XCTAssertLessThanOrEqual(b.value, a.value, optimizer.name)
        XCTAssertGreaterThanOrEqual(b.elapsed, a.elapsed, optimizer.name)
      }
      XCTAssertEqual(all.last?.evaluations, result.evaluations, optimizer.name)
      XCTAssertEqual(all.last?.value ?? .nan, result.value, accuracy: 0, optimizer.name)
      if optimizer is NelderMead {
        XCTAssertTrue(all.allSatisfy { $0.gradientNorm.isNaN })
      } else {
        XCTAssertTrue(all.allSatisfy { $0.gradientNorm.isFinite }, optimizer.name)
        XCTAssertLessThan(all.last!.gradientNorm, 1e-6, optimizer.name)
      }
      XCTAssertTrue(all.allSatisfy { $0.stepNorm.isFinite && $0.stepNorm >= 0 })
    }
  }

  func testStoppingLimits() throws {
    var stopping = StoppingRule(maxIterations: 3)
    let bfgs = BFGS(.init(stopping: stopping))
    var result = bfgs.minimize(try TestFunction.rosenbrock(), from: [-1.2, 1], observer: nil)
    XCTAssertEqual(result.reason, .maxIterations)
    XCTAssertEqual(result.iterations, 3)

    stopping = StoppingRule(maxIterations: 100_000, maxEvaluations: 50, stepTolerance: 1e-30)
    result = NelderMead(.init(stopping: stopping)).minimize(
      try TestFunction.rosenbrock(), from: [-1.2, 1], observer: nil)
    XCTAssertEqual(result.reason, .maxEvaluations)
    XCTAssertGreaterThanOrEqual(result.evaluations.total, 50)
    XCTAssertLessThan(result.evaluations.total, 50 + 10)

    stopping = StoppingRule(maxIterations: 10_000_000, gradientTolerance: 0, timeLimit: 0.05)
    result = SteepestDescent(.init(stopping: stopping)).minimize(
      try TestFunction.rosenbrock(dimension: 50), from: Array(repeating: -1, count: 50),
      observer: nil)
    XCTAssertTrue([.timeLimit, .noFurtherProgress].contains(result.reason), "\(result.reason)")
  }

  /// f(x, y) = x − log x + (y − 1)², NaN for x < 0: trial points there must neither
  /// crash GSL nor end the run; the minimum (1, 1) is still found.
  func testNonFiniteTrialPointsAreRejected() {
    let nelderMead = NelderMead(.init(initialStep: 5))
    let gradientMethods: [any Optimizer] = [
      BFGS(.init(initialStep: 5)), ConjugateGradient(.init(initialStep: 5)),
      SteepestDescent(.init(initialStep: 5)),
    ]
    for optimizer in [nelderMead as any Optimizer] + gradientMethods {
      let problem = LogBarrier()
      let result = optimizer.minimize(problem, from: [3, 1.5], observer: nil)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      XCTAssertEqual(result.minimum[0], 1, accuracy: 1e-5, optimizer.name)
      XCTAssertEqual(result.minimum[1], 1, accuracy: 1e-5, optimizer.name)
      XCTAssertGreaterThan(problem.nonFiniteCalls, 0, "\(optimizer.name) never stepped outside")
    }
  }

  func testNonFiniteStartIsAStatus() {
    for (optimizer, _) in documented {
      let result = optimizer.minimize(LogBarrier(), from: [-1, 0], observer: nil)
      XCTAssertEqual(result.reason, .nonFiniteStart, optimizer.name)
      XCTAssertEqual(result.iterations, 0)
    }
  }

  /// A χ² fit with a bounded parameter through `Fit.minimize(using:)`: values and
  /// Hessian errors (C = 2·H⁻¹) against the least-squares path (C = (JᵀWJ)⁻¹), equal
  /// for a model linear in its parameters.
  func testBoundedFitMatchesLeastSquaresPath() throws {
    let model = ClosureModel(parameters: ["a", "b", "c"]) { x, p in
      p[0] + p[1] * x[0] + p[2] * x[0] * x[0]
    }
    var random = RandomSource(seed: 7)
    let x = (0..<40).map { Double($0) / 4 }
    let sigma = x.map { 0.2 + 0.05 * $0 }
    let y = zip(x, sigma).map { 1.5 - 0.8 * $0 + 0.3 * $0 * $0 + $1 * random.normal() }
    var fit = try Fit(model: model, x: x, y: y, sigma: sigma)
    try fit.set("a", value: 1)
    try fit.set("b", value: -0.5, lower: -2, upper: 0)
    try fit.set("c", value: 0.1, lower: 0)
    let reference = try fit.minimize()
    XCTAssertTrue(reference.converged, "\(reference.reason)")
    XCTAssertTrue(reference.parametersAtLimit.isEmpty)
    for optimizer in [BFGS() as any Optimizer, NelderMead(), ConjugateGradient()] {
      let result = try fit.minimize(using: optimizer)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      XCTAssertEqual(result.method, optimizer.name)
      for name in ["a", "b", "c"] {
        let want = reference[name]!
        let got = result[name]!
        let label = "\(optimizer.name) \(name)"
        XCTAssertEqual(got.value, want.value, accuracy: 1e-3 * want.error, label)
        XCTAssertEqual(got.error, want.error, accuracy: 1e-4 * want.error, label)
      }
      XCTAssertEqual(
        result.objectiveValue, reference.objectiveValue, accuracy: 1e-9 * reference.objectiveValue)
    }
  }

  func testNamesAndDefaults() {
    XCTAssertEqual(NelderMead().name, "nelder-mead")
    XCTAssertEqual(ConjugateGradient(variant: .fletcherReeves).name, "cg-fr")
    XCTAssertEqual(ConjugateGradient().name, "cg-pr")
    XCTAssertEqual(BFGS().name, "bfgs")
    XCTAssertEqual(SteepestDescent().name, "steepest-descent")
    XCTAssertEqual(NelderMead().configuration.stopping.stepTolerance, 1e-10)
    XCTAssertEqual(BFGS().configuration.stopping.gradientTolerance, 1e-10)
    XCTAssertEqual(SteepestDescent().configuration.stopping.maxIterations, 200_000)
  }
}

/// Collects reports from an observer closure.
private final class Reports: @unchecked Sendable {
  var all: [IterationReport] = []
  func append(_ r: IterationReport) { all.append(r) }
}

/// f(x, y) = x − log x + (y − 1)²: minimum 2 − 0 = 1 at (1, 1); NaN for x < 0.
private final class LogBarrier: Minimizable {
  var evaluations = EvaluationCounts()
  var nonFiniteCalls = 0
  var dimension: Int { 2 }

  func value(at x: [Double]) -> Double {
    evaluations.values += 1
    let f = x[0] - log(x[0]) + (x[1] - 1) * (x[1] - 1)
    if !f.isFinite { nonFiniteCalls += 1 }
    return f
  }

  func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
    evaluations.gradients += 1
    gradient = [1 - 1 / x[0], 2 * (x[1] - 1)]
    return value(at: x)
  }
}
