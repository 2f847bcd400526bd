/// How a profile, contour or toy study minimises a fit again: the optimizer of the
/// original fit, wrapped so that least-squares and general optimizers look alike.
///
/// ```swift
/// let minimizer = FitMinimizer<ExpressionModel, PoissonNLL>.leastSquares(LeastSquares())
/// let again = try minimizer(fit)
/// ```
/// Each profile point is a complete ``Fit`` minimisation (bounds, fixing, the
/// convergence verdict), so whatever checks a fit passes, a profile point passes too.
public struct FitMinimizer<M: Model, O: Objective>: Sendable {
  private let run: @Sendable (Fit<M, O>) throws -> FitResult

  /// Minimises with `run`, e.g. a closure that calls ``Fit/minimize(using:observer:)-(Optimizer,_)``.
  public init(_ run: @escaping @Sendable (Fit<M, O>) throws -> FitResult) {
    self.run = run
  }

  /// Minimises with any optimizer (covariance from the Hessian).
  public init(_ optimizer: some Optimizer) {
    self.run = { try $0.minimize(using: optimizer) }
  }

  /// Minimises a least-squares objective with a least-squares optimizer.
  public static func leastSquares(_ optimizer: some LeastSquaresOptimizer) -> FitMinimizer
  where O: LeastSquaresObjective {
    FitMinimizer { try $0.minimize(using: optimizer) }
  }

  /// The fit's minimum.
  public func callAsFunction(_ fit: Fit<M, O>) throws -> FitResult {
    try run(fit)
  }
}
