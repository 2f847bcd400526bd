import Foundation
import XCTest

@testable import PhysFit

/// Comparisons: trace invariants, the shared budget, starts, determinism across thread
/// counts, not-applicable optimizers, and data fits that reproduce `Fit.minimize`.
final class ComparisonTests: XCTestCase {
  /// Every general optimizer of the toolkit with its default configuration.
  static let generalEntrants: [ComparisonEntrant] = [
    ComparisonEntrant(NelderMead()),
    ComparisonEntrant(name: "cg-fr", method: .general(ConjugateGradient(variant: .fletcherReeves))),
    ComparisonEntrant(name: "cg-pr", method: .general(ConjugateGradient(variant: .polakRibiere))),
    ComparisonEntrant(BFGS()),
    ComparisonEntrant(SteepestDescent()),
    ComparisonEntrant(name: "sgd", method: .general(GradientDescent.sgd())),
    ComparisonEntrant(name: "momentum", method: .general(GradientDescent.momentum())),
    ComparisonEntrant(name: "nesterov", method: .general(GradientDescent.nesterov())),
    ComparisonEntrant(name: "adam", method: .general(GradientDescent.adam())),
    ComparisonEntrant(name: "adamw", method: .general(GradientDescent.adamW())),
    ComparisonEntrant(SimulatedAnnealing()),
  ]

  static let leastSquaresEntrants: [ComparisonEntrant] = [
    ComparisonEntrant(leastSquares: LeastSquares()),
    ComparisonEntrant(name: "lm", method: .leastSquares(TrustRegion(method: .levenbergMarquardt))),
  ]

  private func rosenbrock() throws -> FunctionComparisonProblem {
    try FunctionComparisonProblem { try TestFunction.rosenbrock(dimension: 2) }
  }

  /// The invariants every trace keeps, for every optimizer under one budget:
  /// evaluation counts never decrease, the best-so-far value never increases, no run
  /// uses more than the budget, and the final value is no worse than the best reported.
  func testTraceInvariantsAndTheSharedBudgetHoldForEveryOptimizer() throws {
    let budget = 600
    let comparison = Comparison.run(
      try rosenbrock(), entrants: Self.generalEntrants + Self.leastSquaresEntrants,
      settings: ComparisonSettings(starts: 3, seed: 5, budget: budget, threads: 2))
    XCTAssertEqual(comparison.runs.count, 13 * 3)
    for run in comparison.runs where run.status != .notApplicable {
      let label = "\(run.optimizer) start \(run.start)"
      XCTAssertLessThanOrEqual(run.evaluations.calls, budget, label)
      // A gradient method that diverges at its first step fails before any report.
      if run.status != .failed { XCTAssertFalse(run.trace.isEmpty, label) }
      for (a, b) in zip(run.trace, run.trace.dropFirst()) {
        XCTAssertLessThanOrEqual(a.evaluations.values, b.evaluations.values, label)
        XCTAssertLessThanOrEqual(a.evaluations.gradients, b.evaluations.gradients, label)
        XCTAssertLessThanOrEqual(a.evaluations.total, b.evaluations.total, label)
        XCTAssertLessThanOrEqual(b.bestValue, a.bestValue, label)
        XCTAssertLessThanOrEqual(a.elapsed, b.elapsed, label)
      }
      if let last = run.trace.last {
        XCTAssertLessThanOrEqual(last.evaluations.total, run.evaluations.total, label)
        if run.status == .budgetExhausted || run.status == .converged {
          XCTAssertLessThanOrEqual(run.value, last.bestValue * (1 + 1e-12) + 1e-300, label)
        }
      }
      // The final value is the function at the final point.
      let f = try TestFunction.rosenbrock(dimension: 2)
      XCTAssertEqual(run.value, f.value(at: run.point), accuracy: 0, label)
      XCTAssertEqual(run.gap, run.value - 0, accuracy: 0, label)
    }
    // Steepest descent and Adam need far more than 600 evaluations on Rosenbrock's
    // valley: the budget, not their own rule, stops them.
    for name in ["steepest-descent", "adam"] {
      XCTAssertTrue(
        comparison.runs(of: name).contains { $0.status == .budgetExhausted },
        "\(name): \(comparison.runs(of: name).map(\.status))")
    }
    // BFGS solves Rosenbrock well within the budget from every start.
    XCTAssertEqual(comparison.summaries[3].optimizer, "bfgs")
    XCTAssertEqual(comparison.summaries[3].successRate, 1)
  }

  func testLeastSquaresOptimizersAreNotApplicableToPlainFunctions() throws {
    let comparison = Comparison.run(
      try rosenbrock(), entrants: Self.leastSquaresEntrants + [ComparisonEntrant(BFGS())],
      settings: ComparisonSettings(starts: 2, seed: 1, threads: 1))
    for name in ["least-squares", "lm"] {
      let summary = comparison.summaries.first { $0.optimizer == name }!
      XCTAssertFalse(summary.isApplicable)
      XCTAssertEqual(summary.statusCounts, [.notApplicable: 2])
      XCTAssertEqual(summary.successRate, 0)
    }
    XCTAssertTrue(comparison.summaries[2].isApplicable)
  }

  /// A budget smaller than a run needs: the run stops at the budget with the best point
  /// it had seen, whether the optimizer has a limit of its own (Nelder–Mead) or not
  /// (the least-squares portfolio, whose limit is per member run).
  func testBudgetStopsRunsWithTheBestPointSeen() throws {
    let comparison = Comparison.run(
      try rosenbrock(), entrants: [ComparisonEntrant(NelderMead())],
      settings: ComparisonSettings(starts: 4, seed: 3, budget: 25, threads: 1))
    for run in comparison.runs {
      XCTAssertEqual(run.status, .budgetExhausted)
      XCTAssertLessThanOrEqual(run.evaluations.calls, 25)
      let f = try TestFunction.rosenbrock(dimension: 2)
      XCTAssertLessThanOrEqual(run.value, f.value(at: run.startPoint))
    }

    let fit = try Self.decayFit()
    let portfolio = Comparison.run(
      FitComparisonProblem(fit, name: "decay"), entrants: [Self.leastSquaresEntrants[0]],
      settings: ComparisonSettings(starts: 1, seed: 0, budget: 7, threads: 1))
    XCTAssertEqual(portfolio.runs[0].status, .budgetExhausted)
    XCTAssertLessThanOrEqual(portfolio.runs[0].evaluations.calls, 7)
  }

  /// Starts are drawn per index: the same for every optimizer and for any number of
  /// starts, inside the box, and different between indices and seeds.
  func testStartsAreIndependentOfScheduleAndCount() throws {
    let problem = try rosenbrock()
    let few = Comparison.run(
      problem, entrants: [ComparisonEntrant(BFGS()), ComparisonEntrant(NelderMead())],
      settings: ComparisonSettings(starts: 2, seed: 9, threads: 1))
    let many = Comparison.run(
      problem, entrants: [ComparisonEntrant(BFGS())],
      settings: ComparisonSettings(starts: 5, seed: 9, threads: 2))
    for k in 0..<2 {
      XCTAssertEqual(few.runs(of: "bfgs")[k].startPoint, few.runs(of: "nelder-mead")[k].startPoint)
      XCTAssertEqual(few.runs(of: "bfgs")[k].startPoint, many.runs[k].startPoint)
    }
    let points = many.runs.map(\.startPoint)
    XCTAssertEqual(Set(points).count, 5)
    for p in points {
      XCTAssertTrue(p.allSatisfy { $0 >= -5 && $0 <= 10 }, "\(p)")
    }
    XCTAssertNotEqual(problem.startPoint(index: 0, seed: 1), problem.startPoint(index: 0, seed: 2))
  }

  /// One thread or two: the same runs, values, points, evaluations, statuses and
  /// traces (wall times aside).
  func testResultsDoNotDependOnTheNumberOfThreads() throws {
    let entrants = Self.generalEntrants.filter {
      ["nelder-mead", "bfgs", "adam", "annealing"].contains($0.name)
    }
    let settings = { (threads: Int) in
      ComparisonSettings(starts: 4, seed: 11, budget: 400, threads: threads)
    }
    let problem = try FunctionComparisonProblem { try TestFunction.rastrigin(dimension: 2) }
    let one = Comparison.run(problem, entrants: entrants, settings: settings(1))
    let two = Comparison.run(problem, entrants: entrants, settings: settings(2))
    XCTAssertEqual(one.runs.count, two.runs.count)
    for (a, b) in zip(one.runs, two.runs) {
      XCTAssertEqual(a.optimizer, b.optimizer)
      XCTAssertEqual(a.start, b.start)
      XCTAssertEqual(a.value, b.value, accuracy: 0, "\(a.optimizer) \(a.start)")
      XCTAssertEqual(a.point, b.point)
      XCTAssertEqual(a.evaluations, b.evaluations)
      XCTAssertEqual(a.status, b.status)
      XCTAssertEqual(a.trace.map(\.value), b.trace.map(\.value))
      XCTAssertEqual(a.trace.map(\.evaluations), b.trace.map(\.evaluations))
    }
    XCTAssertEqual(one.reference, two.reference)
    XCTAssertEqual(one.summaries.map(\.successRate), two.summaries.map(\.successRate))
  }

  /// Run k of a seeded optimizer uses seed + k: run 0 is the optimizer with the
  /// comparison's seed, run 1 another chain.
  func testSeededOptimizersGetOneSeedPerStart() throws {
    let problem = try FunctionComparisonProblem { try TestFunction.rastrigin(dimension: 2) }
    let comparison = Comparison.run(
      problem, entrants: [ComparisonEntrant(SimulatedAnnealing())],
      settings: ComparisonSettings(starts: 2, seed: 42, threads: 1))
    let function = try TestFunction.rastrigin(dimension: 2)
    for k in 0..<2 {
      let direct = SimulatedAnnealing(seed: 42 + UInt64(k)).minimize(
        function, from: problem.startPoint(index: k, seed: 42), observer: nil)
      XCTAssertEqual(comparison.runs[k].point, direct.minimum)
      XCTAssertEqual(comparison.runs[k].evaluations, direct.evaluations)
    }
  }

  /// Reseeding reaches the annealing stage of a pipeline and leaves unseeded
  /// optimizers alone.
  func testReseedingReachesPipelinesGlobalStage() {
    let pipeline = ComparisonEntrant(Pipeline(SimulatedAnnealing(seed: 1), then: BFGS()))
    guard
      case .general(let reseeded as Pipeline<SimulatedAnnealing, BFGS>) =
        pipeline.reseeded(7).method
    else {
      return XCTFail("the pipeline lost its type")
    }
    XCTAssertEqual(reseeded.global.configuration.seed, 7)
    let leastSquares = ComparisonEntrant(
      leastSquares: LeastSquaresPipeline(SimulatedAnnealing(seed: 1), then: LeastSquares()))
    guard
      case .leastSquares(
        let reseededLeastSquares as LeastSquaresPipeline<SimulatedAnnealing, LeastSquares>) =
        leastSquares.reseeded(9).method
    else {
      return XCTFail("the least-squares pipeline lost its type")
    }
    XCTAssertEqual(reseededLeastSquares.global.configuration.seed, 9)
    guard case .general(let bfgs as BFGS) = ComparisonEntrant(BFGS()).reseeded(3).method else {
      return XCTFail("BFGS lost its type")
    }
    XCTAssertEqual(bfgs.configuration, BFGS().configuration)
  }

  // MARK: Data fits

  /// y = 100 e^(−t/3) + 5 at t = 0…19 with fixed ±1 % deviations, σ = 1.
  static func decayFit() throws -> Fit<ExpressionModel, ChiSquare> {
    let t = (0..<20).map(Double.init)
    let y = t.enumerated().map { i, t in
      (100 * exp(-t / 3) + 5) * (1 + 0.01 * (i % 3 == 0 ? 1 : -0.5))
    }
    var fit = try Fit(
      model: try ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"]), x: t, y: y,
      sigma: Array(repeating: 1, count: 20))
    try fit.set("A", value: 80)
    try fit.set("tau", value: 2, lower: 0)
    try fit.set("B", value: 1)
    return fit
  }

  /// Start 0 of a data-fit comparison is the fit's own start, and its run with an
  /// optimizer is `fit.minimize(using:)` with that optimizer: the same parameters and
  /// objective, bit for bit.
  func testDataFitRunFromTheFitsStartReproducesTheFit() throws {
    let fit = try Self.decayFit()
    let entrants =
      Self.leastSquaresEntrants + [ComparisonEntrant(BFGS()), ComparisonEntrant(NelderMead())]
    let comparison = Comparison.run(
      FitComparisonProblem(fit, name: "decay"), entrants: entrants,
      settings: ComparisonSettings(starts: 3, seed: 2, threads: 2))
    XCTAssertEqual(comparison.coordinateNames, ["A", "tau", "B"])
    XCTAssertEqual(comparison.runs(of: "bfgs")[0].startPoint, [80, 2, 1])
    let direct: [String: FitResult] = [
      "least-squares": try fit.minimize(using: LeastSquares()),
      "lm": try fit.minimize(using: TrustRegion(method: .levenbergMarquardt)),
      "bfgs": try fit.minimize(using: BFGS()),
      "nelder-mead": try fit.minimize(using: NelderMead()),
    ]
    for (name, result) in direct {
      let run = comparison.runs(of: name)[0]
      XCTAssertEqual(run.point, result.values, name)
      XCTAssertEqual(run.value, result.objectiveValue, accuracy: 0, name)
      XCTAssertEqual(run.evaluations, result.evaluations, name)
      XCTAssertEqual(run.status == .converged, result.converged, name)
    }
    // Random starts: within the one-sided bound of tau, spread around the fit's start.
    for run in comparison.runs(of: "lm").dropFirst() {
      XCTAssertGreaterThan(run.startPoint[1], 0)
      XCTAssertNotEqual(run.startPoint, [80, 2, 1])
      XCTAssertEqual(run.startPoint[0], 80, accuracy: 40.000001)
    }
    // The reference is the best run; the trust-region runs reach it.
    XCTAssertNil(comparison.knownMinimum)
    XCTAssertEqual(comparison.reference, comparison.runs.map(\.value).min()!)
    XCTAssertEqual(comparison.summaries[1].successRate, 1)
  }

  // MARK: Summaries

  /// Quartiles by linear interpolation (type 7), as NumPy's `np.percentile`:
  /// [1, 2, 3, 4] → 1.75, 2.5, 3.25; NaN counts as +∞.
  func testQuartilesInterpolateLinearly() {
    let q = Quartiles([4, 1, 3, 2])
    XCTAssertEqual(q.lower, 1.75, accuracy: 1e-15)
    XCTAssertEqual(q.median, 2.5, accuracy: 1e-15)
    XCTAssertEqual(q.upper, 3.25, accuracy: 1e-15)
    let withFailure = Quartiles([1, .nan, 2])
    XCTAssertEqual(withFailure.lower, 1.5, accuracy: 1e-15)
    XCTAssertEqual(withFailure.median, 2, accuracy: 0)
    XCTAssertEqual(withFailure.upper, .infinity)
    XCTAssertEqual(Quartiles([7]).lower, 7)
    XCTAssertTrue(Quartiles([]).median.isNaN)
  }

  /// Success, evaluations to success and the cost, on hand-made runs.
  func testSuccessAndCostOnHandMadeRuns() {
    func run(_ value: Double, trace: [(Int, Double)], total: Int) -> RunRecord {
      var best = Double.infinity
      let records = trace.map { e, v -> IterationRecord in
        best = min(best, v)
        return IterationRecord(
          iteration: 1, evaluations: EvaluationCounts(values: e), value: v, bestValue: best,
          gradientNorm: .nan, elapsed: 0)
      }
      return RunRecord(
        optimizer: "x", start: 0, startPoint: [], status: .converged, reason: "", value: value,
        point: [], gap: .nan, success: false, evaluationsToSuccess: nil, iterations: 1,
        evaluations: EvaluationCounts(values: total), time: 0, method: "x", trace: records)
    }
    // Reference 10, tolerance 1e-3: threshold 10.01.
    var runs = [
      run(10.005, trace: [(5, 12), (9, 10.009), (20, 10.005)], total: 25),
      run(10.0, trace: [(4, 11)], total: 30),
      run(10.5, trace: [(3, 10.5)], total: 8),
    ]
    for k in runs.indices { runs[k].judge(reference: 10, tolerance: 1e-3) }
    XCTAssertEqual(runs.map(\.success), [true, true, false])
    XCTAssertEqual(runs[0].evaluationsToSuccess, 9)
    XCTAssertEqual(runs[1].evaluationsToSuccess, 30)
    XCTAssertNil(runs[2].evaluationsToSuccess)
    XCTAssertEqual(runs[2].gap, 0.5, accuracy: 1e-15)
    let summary = OptimizerSummary(optimizer: "x", records: runs)
    XCTAssertEqual(summary.successRate, 2.0 / 3, accuracy: 1e-15)
    // Costs 9, 30, ∞: median 30.
    XCTAssertEqual(summary.cost, 30)
    XCTAssertEqual(summary.statusCounts, [.converged: 3])
    XCTAssertEqual(summary.bestValue, 10)
    // One success in three: the median cost is infinite.
    XCTAssertEqual(
      OptimizerSummary(optimizer: "x", records: [runs[0], runs[2], runs[2]]).cost, .infinity)
  }

  /// The convergence curve: the median and quartiles over runs of the best-so-far gap.
  func testConvergenceCurveOnHandMadeRuns() {
    func run(_ steps: [(Int, Double)]) -> RunRecord {
      var best = Double.infinity
      let records = steps.map { e, v -> IterationRecord in
        best = min(best, v)
        return IterationRecord(
          iteration: 1, evaluations: EvaluationCounts(values: e), value: v, bestValue: best,
          gradientNorm: .nan, elapsed: 0)
      }
      return RunRecord(
        optimizer: "x", start: 0, startPoint: [], status: .converged, reason: "",
        value: best, point: [], gap: .nan, success: false, evaluationsToSuccess: nil,
        iterations: 1, evaluations: EvaluationCounts(values: steps.last!.0), time: 0,
        method: "x", trace: records)
    }
    let runs = [
      run([(1, 11), (10, 10.1)]), run([(1, 12), (10, 10.01)]), run([(5, 13), (10, 10.001)]),
    ]
    let curve = ConvergenceCurve(
      optimizer: "x", runs: runs, reference: 10, maxEvaluations: 100, points: 5)
    // The grid 1, 3, 10, 32, 100 ends at the runs' largest total, 10.
    XCTAssertEqual(curve.evaluations, [1, 3, 10])
    // At 1 and 3 evaluations: gaps 1, 2, +∞ → median 2. At 10: 0.1, 0.01, 0.001.
    XCTAssertEqual(curve.median[0], 2, accuracy: 1e-12)
    XCTAssertEqual(curve.upper[1], .infinity)
    XCTAssertEqual(curve.lower[1], 1.5, accuracy: 1e-12)
    XCTAssertEqual(curve.median[2], 0.01, accuracy: 1e-12)
    XCTAssertEqual(curve.lower[2], 0.0055, accuracy: 1e-12)
    XCTAssertEqual(curve.upper[2], 0.055, accuracy: 1e-12)
  }
}
