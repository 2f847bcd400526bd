/// PhysFit's default least-squares optimizer: several GSL trust-region runs, a
/// Gauss–Newton polish, and a convergence verdict checked at the final point.
///
/// A single Levenberg–Marquardt run stops early on small-residual problems, loses
/// its way from far-away starts, or reports success on a plateau (the NIST StRD
/// suite shows all three). This optimizer therefore:
/// 1. runs the methods of its portfolio (by default LM, then geodesic LM, 2-D
///    subspace and dogleg, all with Moré scaling) from the start point, with
///    tolerances near machine precision, until one end point verifies;
/// 2. polishes each end point with safeguarded Gauss–Newton steps (taken only when
///    they lower Σr²), which restores the last digits that trust-region radius
///    control leaves on the table;
/// 3. verifies each end point with `StationarityCheck` (full-rank Jacobian and a
///    vanishing Gauss–Newton step) and returns the first verified one. When none
///    verifies, it returns the lowest end point with `converged == false` and the
///    reason — never a false success.
public struct LeastSquares: LeastSquaresOptimizer {
  /// The settings of the least-squares portfolio; every default is explained at its property.
  public struct Configuration: Sendable, Hashable {
    /// The trust-region runs, each from the start point.
    public var portfolio: [TrustRegion.Configuration]
    /// Stopping rule of each run (replaces the portfolio members' own).
    public var stopping: StoppingRule
    /// Largest number of Gauss–Newton polishing steps per end point (replaces the
    /// portfolio members' own).
    public var polishSteps: Int
    /// Stop after the first run whose end point verifies (the default), or run the
    /// whole portfolio and keep the lowest verified end point — 3–5× the work, for
    /// problems where a poor start can verify on a local minimum.
    public var stopAtFirstVerified: Bool

    /// Defaults chosen on the NIST StRD suite (see docs/optimizers.md): four
    /// complementary methods, because the failures of each are on different
    /// problems (LM first: it verifies on most problems, fastest); stopping at the
    /// first verified end point, which on the suite gives the same answers as running
    /// them all at a quarter of the cost.
    public init(
      portfolio: [TrustRegion.Configuration] = [
        .init(method: .levenbergMarquardt),
        .init(method: .geodesicLevenbergMarquardt),
        .init(method: .subspace2D),
        .init(method: .dogleg),
      ],
      stopping: StoppingRule = StoppingRule(), polishSteps: Int = 20,
      stopAtFirstVerified: Bool = true
    ) {
      self.portfolio = portfolio
      self.stopping = stopping
      self.polishSteps = polishSteps
      self.stopAtFirstVerified = stopAtFirstVerified
    }
  }

  /// The settings this optimizer runs with.
  public var configuration: Configuration

  /// The least-squares portfolio with the given settings.
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  public var name: String { "least-squares" }

  public func minimize(
    _ problem: some LeastSquaresMinimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    let before = problem.evaluations
    var iterations = 0
    var best: (result: OptimizationResult, verified: Bool)?

    for var member in configuration.portfolio {
      member.stopping = configuration.stopping
      member.polishSteps = configuration.polishSteps
      let offset = iterations
      let stage = TrustRegion(member).minimize(problem, from: start) { report in
        var report = report
        report.iteration += offset
        report.evaluations = problem.evaluations - before
        observer?(report)
      }
      iterations += stage.iterations
      let result = stage
      let verified = stage.converged
      if let current = best {
        let better =
          (verified && !current.verified)
          || (verified == current.verified && result.value < current.result.value)
        if better { best = (result, verified) }
      } else {
        best = (result, verified)
      }
      if verified && configuration.stopAtFirstVerified { break }
    }
    guard var final = best?.result else {
      return OptimizationResult(
        minimum: start, value: .nan, reason: .failed("empty portfolio"), iterations: 0,
        evaluations: EvaluationCounts(), method: name)
    }
    final.iterations = iterations
    final.evaluations = problem.evaluations - before
    return final
  }
}
