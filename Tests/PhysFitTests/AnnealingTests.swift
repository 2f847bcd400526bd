import Foundation
import XCTest

@testable import PhysFit

final class AnnealingTests: XCTestCase {
  /// A start point drawn uniformly from the box, from a stream of its own.
  private func randomStart(_ f: TestFunction, seed: UInt64) -> [Double] {
    var random = RandomSource.stream(seed: seed, index: 1)
    return (0..<f.dimension).map { random.uniform(f.lowerBounds[$0], f.upperBounds[$0]) }
  }

  /// Seeded annealing + BFGS on Rastrigin over [−5.12, 5.12]ⁿ from random starts, 100
  /// seeds. Success: polished value < 10⁻⁸ and ‖x‖ < 10⁻⁴ (the global minimum is 0 at
  /// the origin; the next-lowest minima are 0.995 at unit distance).
  private func assertRastrigin(dimension: Int, file: StaticString = #filePath, line: UInt = #line)
    throws
  {
    var successes = 0
    var totals: [Int] = []
    var values: [Int] = []
    var failures: [String] = []
    for seed in UInt64(0)..<100 {
      let f = try TestFunction.rastrigin(dimension: dimension)
      let pipeline = Pipeline(SimulatedAnnealing(seed: seed), then: BFGS())
      let result = pipeline.minimize(f, from: randomStart(f, seed: seed), observer: nil)
      totals.append(result.evaluations.total)
      values.append(result.evaluations.values)
      if result.value < 1e-8, f.distanceToNearestMinimum(result.minimum) < 1e-4 {
        successes += 1
      } else {
        failures.append("seed \(seed): f = \(result.value)")
      }
    }
    let median = { (v: [Int]) in v.sorted()[v.count / 2] }
    print(
      "Rastrigin \(dimension)-D, annealing+bfgs: \(successes)/100 seeds reach the global minimum; "
        + "median evaluations \(median(totals)) (values + gradients), \(median(values)) values "
        + "[scipy dual_annealing: 100/100, median ≈ \(dimension == 2 ? "4,100" : "10,300")]")
    XCTAssertGreaterThanOrEqual(successes, 95, "\(failures)", file: file, line: line)
  }

  func testRastrigin2DGlobalMinimumIn95PercentOfSeeds() throws {
    try assertRastrigin(dimension: 2)
  }

  func testRastrigin5DGlobalMinimumIn95PercentOfSeeds() throws {
    try assertRastrigin(dimension: 5)
  }

  func testFixedSeedIsReproducibleBitForBit() throws {
    for configuration in [
      SimulatedAnnealing.Configuration(seed: 42),
      SimulatedAnnealing.Configuration(seed: 42, visiting: .cauchy, localDescentIterations: 0),
    ] {
      var runs: [(OptimizationResult, [IterationReport])] = []
      for _ in 0..<2 {
        let f = try TestFunction.rastrigin(dimension: 3)
        var reports: [IterationReport] = []
        let r = SimulatedAnnealing(configuration).minimize(
          f, from: [3.3, -2.1, 4.7], observer: { reports.append($0) })
        runs.append((r, reports))
      }
      let (a, b) = (runs[0], runs[1])
      XCTAssertEqual(a.0.minimum.map(\.bitPattern), b.0.minimum.map(\.bitPattern))
      XCTAssertEqual(a.0.value.bitPattern, b.0.value.bitPattern)
      XCTAssertEqual(a.0.evaluations, b.0.evaluations)
      XCTAssertEqual(a.1.map(\.value.bitPattern), b.1.map(\.value.bitPattern))
      // Another seed takes another path.
      var other = configuration
      other.seed = 43
      let c = SimulatedAnnealing(other).minimize(
        try TestFunction.rastrigin(dimension: 3), from: [3.3, -2.1, 4.7], observer: nil)
      XCTAssertNotEqual(c.evaluations, a.0.evaluations)
    }
  }

  /// Every cooling schedule runs through the shared `Schedule` type and ends by its
  /// rule; derivative-free annealing evaluates no gradient.
  func testCoolingSchedulesAndStoppingRule() throws {
    let schedules: [Schedule] = [
      .exponential(initial: 1, rate: 0.8), .logarithmic(initial: 1),
      .reduceOnPlateau(initial: 1, factor: 0.5, patience: 1),
    ]
    for schedule in schedules {
      let f = try TestFunction.rastrigin(dimension: 2)
      var configuration = SimulatedAnnealing.Configuration(seed: 7, cooling: schedule)
      configuration.stopping.maxEvaluations = 5000
      let r = SimulatedAnnealing(configuration).minimize(f, from: [4, -4], observer: nil)
      XCTAssertLessThan(r.value, 1.0, "\(schedule)")
      XCTAssertLessThanOrEqual(r.evaluations.total, 5000, "\(schedule)")
      XCTAssertEqual(r.evaluations, f.evaluations)
      XCTAssertEqual(r.method, "annealing")
    }
    // Logarithmic cooling never freezes within the budget: it stops on the budget.
    let f = try TestFunction.rastrigin(dimension: 2)
    var slow = SimulatedAnnealing.Configuration(seed: 7, cooling: .logarithmic(initial: 1))
    slow.stopping.maxEvaluations = 2000
    let budgeted = SimulatedAnnealing(slow).minimize(f, from: [4, -4], observer: nil)
    XCTAssertEqual(budgeted.reason, .maxEvaluations)
    // Iteration limit: levels are iterations.
    var short = SimulatedAnnealing.Configuration(seed: 7)
    short.stopping.maxIterations = 3
    let limited = SimulatedAnnealing(short).minimize(
      try TestFunction.rastrigin(dimension: 2), from: [4, -4], observer: nil)
    XCTAssertEqual(limited.reason, .maxIterations)
    XCTAssertEqual(limited.iterations, 3)
    // Classic annealing, values only, with Corana-like settings (many moves per level,
    // slow cooling): it ends in the global minimum's basin without a gradient.
    let g = try TestFunction.rastrigin(dimension: 2)
    let classic = SimulatedAnnealing(
      SimulatedAnnealing.Configuration(
        seed: 3, cooling: .exponential(initial: 1, rate: 0.85), movesPerTemperature: 100,
        localDescentIterations: 0)
    ).minimize(g, from: [4, -4], observer: nil)
    XCTAssertEqual(classic.evaluations.gradients, 0)
    XCTAssertLessThan(classic.value, 0.05)
    XCTAssertLessThan(g.distanceToNearestMinimum(classic.minimum), 0.02)
  }

  /// Proposals and descents stay in the box of a bounded problem.
  func testStaysInsideTheSearchBox() throws {
    final class Boxed: BoundedMinimizable {
      let inner: TestFunction
      var outside = 0
      init(_ inner: TestFunction) { self.inner = inner }
      var dimension: Int { inner.dimension }
      var evaluations: EvaluationCounts { inner.evaluations }
      // A box that excludes the unconstrained minimum (the origin).
      var lowerBounds: [Double] { [1.5, -3] }
      var upperBounds: [Double] { [4, -0.5] }
      func check(_ x: [Double]) {
        if !(1.5...4).contains(x[0]) || !(-3 ... -0.5).contains(x[1]) { outside += 1 }
      }
      func value(at x: [Double]) -> Double {
        check(x)
        return inner.value(at: x)
      }
      func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
        check(x)
        return inner.valueAndGradient(at: x, gradient: &gradient)
      }
    }
    let problem = Boxed(try TestFunction.rastrigin(dimension: 2))
    let r = SimulatedAnnealing(seed: 5).minimize(problem, from: [3.9, -2.9], observer: nil)
    XCTAssertEqual(problem.outside, 0)
    // Box minimum: x₀ at the wall 1.5 side's nearest minimum ≈ 1.99, x₁ ≈ −0.995.
    XCTAssertEqual(r.minimum[0], 1.98991, accuracy: 1e-3)
    XCTAssertEqual(r.minimum[1], -0.99496, accuracy: 1e-3)
  }

  /// A bounded fit with many local minima (the frequency of a sine, from ω = 0.5):
  /// annealing + BFGS through the fit's transform finds the generating values.
  func testBoundedFitFindsTheGlobalMinimum() throws {
    let t = (0..<60).map { Double($0) * 0.1 }
    let y = t.map { 2 * sin(6.1 * $0) }
    let model = try ExpressionModel("A*sin(w*t)", inputs: ["t"])
    var fit = try Fit(model: model, x: t, y: y, sigma: Array(repeating: 0.1, count: t.count))
    try fit.set("A", value: 1, lower: 0, upper: 10)
    try fit.set("w", value: 0.5, lower: 0.1, upper: 10)
    let result = try fit.minimize(using: Pipeline(SimulatedAnnealing(seed: 1), then: BFGS()))
    XCTAssertEqual(result["w"]!.value, 6.1, accuracy: 1e-8)
    XCTAssertEqual(result["A"]!.value, 2, accuracy: 1e-8)
    XCTAssertLessThan(result.objectiveValue, 1e-12)
    XCTAssertEqual(result.method, "annealing+bfgs")
  }
}
