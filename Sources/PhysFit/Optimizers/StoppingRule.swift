/// When an optimizer stops: the one stopping-rule type all optimizers share.
///
/// Each tolerance is checked by the optimizer after every iteration; a nil limit is
/// not checked. Tolerances are relative so that they mean the same on every scale.
public struct StoppingRule: Sendable, Hashable {
  /// Maximum number of iterations.
  public var maxIterations: Int
  /// Maximum number of evaluations of any kind (values + gradients + Jacobians).
  public var maxEvaluations: Int?
  /// Step test: stop when |Δxᵢ| ≤ stepTolerance·(|xᵢ| + stepTolerance) for all i.
  public var stepTolerance: Double
  /// Gradient test, scale-invariant: stop when the largest |gᵢ|·max(|xᵢ|, 1)
  /// is ≤ gradientTolerance·max(f, 1).
  public var gradientTolerance: Double
  /// Value test: stop when |Δf| ≤ valueTolerance·max(|f|, tiny) over an iteration.
  public var valueTolerance: Double
  /// Wall-clock limit in seconds.
  public var timeLimit: Double?

  /// Defaults: tolerances near machine precision, since fits of accurate data
  /// (and small-residual problems in particular) lose digits when they stop early;
  /// the iteration limit is high because a well-posed fit stops on a tolerance first.
  public init(
    maxIterations: Int = 1000, maxEvaluations: Int? = nil, stepTolerance: Double = 1e-15,
    gradientTolerance: Double = 1e-15, valueTolerance: Double = 0, timeLimit: Double? = nil
  ) {
    self.maxIterations = maxIterations
    self.maxEvaluations = maxEvaluations
    self.stepTolerance = stepTolerance
    self.gradientTolerance = gradientTolerance
    self.valueTolerance = valueTolerance
    self.timeLimit = timeLimit
  }
}
