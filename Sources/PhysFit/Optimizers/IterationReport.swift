/// What an optimizer reports after each iteration to its observer.
///
/// One shape for every optimizer, so that progress bars, comparisons, convergence
/// plots and JSON traces are written once.
public struct IterationReport: Sendable, Hashable, Codable {
  /// Iteration number, from 1.
  public var iteration: Int
  /// Evaluations so far.
  public var evaluations: EvaluationCounts
  /// Objective value at the current point.
  public var value: Double
  /// ‖∇f‖₂ at the current point, where known (NaN otherwise).
  public var gradientNorm: Double
  /// ‖Δx‖₂ of the last step (internal coordinates).
  public var stepNorm: Double
  /// Seconds since the start of the minimisation.
  public var elapsed: Double
  /// The objective on the held-out validation points after this epoch, for optimizers
  /// that hold some out (gradient descent with a validation fraction); nil otherwise.
  /// Scaled like `value` (to the whole data set), so the two compare directly.
  public var validationValue: Double?

  /// A report of one iteration (see the properties).
  public init(
    iteration: Int, evaluations: EvaluationCounts, value: Double, gradientNorm: Double,
    stepNorm: Double, elapsed: Double, validationValue: Double? = nil
  ) {
    self.iteration = iteration
    self.evaluations = evaluations
    self.value = value
    self.gradientNorm = gradientNorm
    self.stepNorm = stepNorm
    self.elapsed = elapsed
    self.validationValue = validationValue
  }
}

/// Receives each iteration's report.
public typealias IterationObserver = (IterationReport) -> Void
