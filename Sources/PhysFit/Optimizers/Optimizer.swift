/// An optimization algorithm — the third element — for any objective.
///
/// An optimizer is a small configuration value; `minimize` runs it on a problem.
/// Optimizers never own data, models or logging: they see a ``Minimizable`` and
/// report iterations to an ``IterationObserver``.
public protocol Optimizer: Sendable {
  /// A short name for reports (e.g. "bfgs").
  var name: String { get }
  /// Minimises `problem` starting at `start`.
  func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult
}

/// An optimization algorithm that needs a least-squares problem (residuals and
/// their Jacobian), such as trust-region Levenberg–Marquardt. Pairing one with an
/// objective that has no residual form is a compile-time error.
public protocol LeastSquaresOptimizer: Sendable {
  /// A short name for reports (e.g. "lm").
  var name: String { get }
  /// Minimises Σ r² of `problem` starting at `start`.
  func minimize(
    _ problem: some LeastSquaresMinimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult
}
