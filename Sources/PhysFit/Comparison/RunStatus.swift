/// How a run of a comparison ended, in the few classes a table can count.
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// The optimizer stopped on a tolerance at a point it (or the fit) verified.
  case converged
  /// The evaluation budget ran out (the wrapper refused a call, or the optimizer's own
  /// limit stopped it).
  case budgetExhausted = "budget exhausted"
  /// The iteration limit of the stopping rule was reached.
  case iterationLimit = "iteration limit"
  /// The time limit of the stopping rule was reached.
  case timeLimit = "time limit"
  /// The optimizer stopped without progress at a point that is not a verified minimum
  /// (including an undetermined direction, and early stopping).
  case stalled
  /// The method failed, or the start was not finite.
  case failed
  /// The optimizer cannot minimise this problem (a least-squares method on a function
  /// without residuals).
  case notApplicable = "not applicable"

  /// The class of a stop reason; `budgetExhausted` overrides it.
  public init(_ reason: StopReason, budgetExhausted: Bool) {
    if budgetExhausted {
      self = .budgetExhausted
      return
    }
    switch reason {
    case _ where reason.isConvergence: self = .converged
    case .maxEvaluations: self = .budgetExhausted
    case .maxIterations: self = .iterationLimit
    case .timeLimit: self = .timeLimit
    case .stalled, .undetermined, .earlyStopped: self = .stalled
    default: self = .failed
    }
  }
}
