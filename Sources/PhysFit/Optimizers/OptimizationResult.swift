/// Why an optimizer stopped. Non-convergence is a status, not an error.
public enum StopReason: Sendable, Hashable, CustomStringConvertible {
  /// The step fell below the step tolerance at a verified stationary point.
  case stepTolerance
  /// The scaled gradient fell below the gradient tolerance.
  case gradientTolerance
  /// The value changed by less than the value tolerance.
  case valueTolerance
  /// No further decrease was possible, and the point passed the stationarity check.
  case noFurtherProgress
  /// The iteration limit was reached.
  case maxIterations
  /// The evaluation budget was used up.
  case maxEvaluations
  /// The time limit was reached.
  case timeLimit
  /// The optimizer could not make progress and the point is not a verified minimum.
  case stalled(String)
  /// Some combination of the named coordinates does not change the objective at the
  /// end point (a rank-deficient Jacobian, or a Hessian singular after scaling): a
  /// plateau or a degenerate model, not a verified minimum. `combination`, when two
  /// parameters are involved and it has a simple form, is the combination the data do
  /// determine (`a·b` for a model `a*b*x`).
  case undetermined([String], combination: String? = nil)
  /// The objective is not finite at the start point.
  case nonFiniteStart
  /// The method failed (GSL error, singular system, ...).
  case failed(String)
  /// Early stopping: the validation loss was lowest at `bestEpoch` and did not improve
  /// up to `lastEpoch`; the result holds the best epoch's parameters, which are not a
  /// minimum of the training objective (so this is not convergence).
  case earlyStopped(bestEpoch: Int, lastEpoch: Int)
  /// The run was asked to stop (``GradientDescent/Checkpointing``) and returned its
  /// best point so far; its state was saved for a resume.
  case interrupted

  /// Whether this reason means the minimum was found.
  public var isConvergence: Bool {
    switch self {
    case .stepTolerance, .gradientTolerance, .valueTolerance, .noFurtherProgress: true
    default: false
    }
  }

  public var description: String {
    switch self {
    case .stepTolerance: "step below tolerance"
    case .gradientTolerance: "gradient below tolerance"
    case .valueTolerance: "value change below tolerance"
    case .noFurtherProgress: "no further decrease possible at a stationary point"
    case .maxIterations: "iteration limit reached"
    case .maxEvaluations: "evaluation budget used up"
    case .timeLimit: "time limit reached"
    case .stalled(let why): "stalled: \(why)"
    case .undetermined(let names, let combination?):
      "\(names.joined(separator: " and ")) are degenerate (combination \(combination)): the data "
        + "determine only that combination at the end point"
    case .undetermined(let names, nil):
      "the data do not determine \(names.joined(separator: ", ")) at the end point (rank-deficient Jacobian)"
    case .nonFiniteStart: "objective is not finite at the start point"
    case .failed(let why): "failed: \(why)"
    case .earlyStopped(let best, let last):
      "early stopping: validation loss lowest at epoch \(best), no improvement up to epoch \(last)"
    case .interrupted: "interrupted (the best point so far; the state was saved)"
    }
  }
}

/// The outcome of one minimisation, in the problem's own coordinates.
public struct OptimizationResult: Sendable {
  /// The best point found.
  public var minimum: [Double]
  /// f at `minimum`.
  public var value: Double
  /// Why it stopped.
  public var reason: StopReason
  /// Iterations taken.
  public var iterations: Int
  /// Evaluations used.
  public var evaluations: EvaluationCounts
  /// Which algorithm (or pipeline stage) produced the minimum, for reports.
  public var method: String

  /// An outcome: the end point and its value, why the run stopped, and what it cost.
  public init(
    minimum: [Double], value: Double, reason: StopReason, iterations: Int,
    evaluations: EvaluationCounts, method: String
  ) {
    self.minimum = minimum
    self.value = value
    self.reason = reason
    self.iterations = iterations
    self.evaluations = evaluations
    self.method = method
  }

  /// Whether the optimizer found a minimum it could verify.
  public var converged: Bool { reason.isConvergence }
}
