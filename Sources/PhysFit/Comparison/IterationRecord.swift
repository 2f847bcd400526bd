/// One iteration of one run, as the common observer reported it, with the best value
/// of the run so far.
public struct IterationRecord: Sendable, Hashable, Codable {
  /// Iteration number as the optimizer counts it (from 1).
  public var iteration: Int
  /// Evaluations since the start of the run.
  public var evaluations: EvaluationCounts
  /// The objective at the iteration's point.
  public var value: Double
  /// The lowest finite value reported so far in the run (+∞ before any).
  public var bestValue: Double
  /// ‖∇f‖₂ where the optimizer knows it, NaN otherwise.
  public var gradientNorm: Double
  /// Seconds since the run started (wall clock).
  public var elapsed: Double

  /// A record with every field given (see the properties).
  public init(
    iteration: Int, evaluations: EvaluationCounts, value: Double, bestValue: Double,
    gradientNorm: Double, elapsed: Double
  ) {
    self.iteration = iteration
    self.evaluations = evaluations
    self.value = value
    self.bestValue = bestValue
    self.gradientNorm = gradientNorm
    self.elapsed = elapsed
  }
}

/// Collects the iteration reports of one run (on the run's own thread).
final class TraceRecorder: @unchecked Sendable {
  private let clock = ContinuousClock.now
  private(set) var records: [IterationRecord] = []
  private var best = Double.infinity

  /// Seconds since the recorder was made.
  var elapsed: Double {
    (ContinuousClock.now - clock).seconds
  }

  func record(_ report: IterationReport) {
    if report.value.isFinite { best = min(best, report.value) }
    records.append(
      IterationRecord(
        iteration: report.iteration, evaluations: report.evaluations, value: report.value,
        bestValue: best, gradientNorm: report.gradientNorm, elapsed: elapsed))
  }
}
