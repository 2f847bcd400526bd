/// One optimizer from one start: its end, its cost and its trace.
public struct RunRecord: Sendable {
  /// The optimizer's name (its row in the table).
  public var optimizer: String
  /// Which start, from 0.
  public var start: Int
  /// The start point.
  public var startPoint: [Double]
  /// How the run ended: converged, budget exhausted, iteration limit, stalled, failed, not applicable.
  public var status: RunStatus
  /// The stop reason in words (the fit's verdict for data fits).
  public var reason: String
  /// The final objective value (NaN when not applicable or failed before any value).
  public var value: Double
  /// The final point (empty when not applicable).
  public var point: [Double]
  /// value − reference (the known minimum, or the best value of any run).
  public var gap: Double
  /// Whether gap ≤ tolerance·max(|reference|, 1).
  public var success: Bool
  /// Evaluations to success, in calls (``EvaluationCounts/calls``): the evaluations at the
  /// first iteration whose best-so-far value was within the tolerance (the run's total
  /// when no iteration report shows it); nil for a run that did not succeed.
  public var evaluationsToSuccess: Int?
  /// Iterations the optimizer made.
  public var iterations: Int
  /// Evaluations the run used (values, gradients, Jacobians).
  public var evaluations: EvaluationCounts
  /// Wall-clock seconds of the whole run (including a fit's covariance).
  public var time: Double
  /// The method that produced the point.
  public var method: String
  /// Every iteration the observer saw (before the budget ran out).
  public var trace: [IterationRecord]

  /// The record of an optimizer that cannot minimise the problem.
  static func notApplicable(_ optimizer: String, start: Int, startPoint: [Double]) -> RunRecord {
    RunRecord(
      optimizer: optimizer, start: start, startPoint: startPoint, status: .notApplicable,
      reason: "the optimizer needs a least-squares problem (residuals and their Jacobian)",
      value: .nan, point: [], gap: .nan, success: false, evaluationsToSuccess: nil,
      iterations: 0, evaluations: EvaluationCounts(), time: 0, method: optimizer, trace: [])
  }

  /// Sets gap, success and evaluations to success against `reference`.
  mutating func judge(reference: Double, tolerance: Double) {
    guard status != .notApplicable else { return }
    let threshold = reference + tolerance * max(abs(reference), 1)
    gap = value - reference
    success = value.isFinite && value <= threshold
    guard success else {
      evaluationsToSuccess = nil
      return
    }
    evaluationsToSuccess =
      trace.first { $0.bestValue <= threshold }?.evaluations.calls ?? evaluations.calls
  }
}
