/// A data fit as a comparison problem: every run is `fit.minimize(using:)` — the same
/// machinery, bounds transform, covariance and convergence verdict as a single fit —
/// from its own start values, so that a comparison's run with one optimizer from the
/// fit's own start reproduces that fit.
///
/// Starts: start 0 is the fit's start values. Start k ≥ 1 draws each free parameter
/// independently: uniform between its bounds when it has two, otherwise
/// θ₀ + s·u·max(|θ₀|, 1) with u uniform in [−1, 1] and s = ``startSpread`` (default 0.5:
/// starts within ±50 % of the fit's start, far enough to test robustness, near enough
/// that the model stays in the regime the start describes), reflected back inside a
/// one-sided bound. Fixed parameters keep their values.
public struct FitComparisonProblem<M: Model, O: Objective>: ComparisonProblem {
  /// The fit, with its start values, bounds and fixed parameters.
  public var fit: Fit<M, O>
  public var name: String
  /// s, the relative spread of random starts for parameters without two bounds.
  public var startSpread: Double

  /// The data fit `fit` as a problem called `name`, random starts spread by `startSpread`.
  public init(_ fit: Fit<M, O>, name: String, startSpread: Double = 0.5) {
    self.fit = fit
    self.name = name
    self.startSpread = startSpread
  }

  public var coordinateNames: [String] { fit.parameters.names }

  /// A fit has no known minimum: gaps are measured to the best run.
  public var knownMinimum: Double? { nil }

  public var hasLeastSquaresForm: Bool { fit is any LeastSquaresFitRunning }

  public func startPoint(index: Int, seed: UInt64) -> [Double] {
    let values = fit.parameters.values
    guard index > 0 else { return values }
    var random = RandomSource.stream(seed: seed, index: index)
    return fit.parameters.enumerated().map { i, p in
      guard !p.isFixed else { return values[i] }
      if let a = p.lower, let b = p.upper { return random.uniform(a, b) }
      var v = values[i] + startSpread * random.uniform(-1, 1) * max(abs(values[i]), 1)
      if let a = p.lower, v < a { v = a + (a - v) }
      if let b = p.upper, v > b { v = b - (v - b) }
      return v
    }
  }

  public func run(
    _ entrant: ComparisonEntrant, from start: [Double], budget: Int?,
    observer: @escaping IterationObserver
  ) -> RunOutcome? {
    var fit = fit
    for i in fit.parameters.indices { fit.parameters[i].value = start[i] }
    let ledger = BudgetLedger()
    let result: FitResult
    do {
      switch entrant.method {
      case .general(let optimizer):
        result = try fit.minimize(
          using: BudgetedOptimizer(base: optimizer, budget: budget, ledger: ledger),
          observer: observer)
      case .leastSquares(let optimizer):
        guard let leastSquares = fit as? any LeastSquaresFitRunning else { return nil }
        result = try leastSquares.minimizeLeastSquares(
          using: BudgetedLeastSquaresOptimizer(base: optimizer, budget: budget, ledger: ledger),
          observer: observer)
      }
    } catch {
      // A start the fit refuses (outside bounds, not finite): a failed run.
      return RunOutcome(
        point: start, value: .nan, reason: .failed("\(error)"), budgetExhausted: false,
        iterations: 0, evaluations: EvaluationCounts(), method: entrant.name)
    }
    return RunOutcome(
      point: result.values, value: result.objectiveValue, reason: result.reason,
      budgetExhausted: ledger.exhausted, iterations: result.iterations,
      evaluations: result.evaluations, method: result.method)
  }
}

/// A fit whose objective has least-squares shape, so that trust-region optimizers can
/// minimise it; the conformance is conditional, found at run time.
protocol LeastSquaresFitRunning {
  func minimizeLeastSquares(
    using optimizer: some LeastSquaresOptimizer, observer: IterationObserver?
  ) throws -> FitResult
}

extension Fit: LeastSquaresFitRunning where O: LeastSquaresObjective {
  func minimizeLeastSquares(
    using optimizer: some LeastSquaresOptimizer, observer: IterationObserver?
  ) throws -> FitResult {
    try minimize(using: optimizer, observer: observer)
  }
}
