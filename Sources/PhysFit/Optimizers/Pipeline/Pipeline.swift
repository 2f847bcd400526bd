/// A global stage followed by a local polish, as one optimizer:
/// `Pipeline(SimulatedAnnealing(seed: 1), then: BFGS())`.
///
/// The polish starts at the global stage's best point. The result is one
/// minimisation: the observer sees one continuous iteration count, evaluations and
/// iterations add up over both stages, the stop reason is the polish's (it is the
/// stage that certifies a minimum), and `method` names both stages, e.g.
/// "annealing+bfgs". Should the polish end higher than it started (it cannot with a
/// descent method), the global stage's point is kept.
public struct Pipeline<Global: Optimizer, Local: Optimizer>: Optimizer {
  /// The first stage, usually a global search.
  public var global: Global
  /// The second stage, a local optimizer started from the first stage's minimum.
  public var local: Local

  /// Runs `global`, then `local` from where it ended.
  public init(_ global: Global, then local: Local) {
    self.global = global
    self.local = local
  }

  public var name: String { "\(global.name)+\(local.name)" }

  public func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    StageChain.run(
      global, then: { local.minimize($0, from: $1, observer: $2) }, on: problem, from: start,
      observer: observer)
  }
}

/// A global stage followed by a least-squares polish, as one least-squares
/// optimizer: `LeastSquaresPipeline(SimulatedAnnealing(seed: 1), then: LeastSquares())`.
///
/// The same joining as ``Pipeline``; the second stage is a
/// ``LeastSquaresOptimizer`` (trust-region Levenberg–Marquardt and friends), so the
/// pipeline itself needs a least-squares problem and a fit uses its residual
/// Jacobian for the covariance.
public struct LeastSquaresPipeline<Global: Optimizer, Local: LeastSquaresOptimizer>:
  LeastSquaresOptimizer
{
  /// The first stage, usually a global search.
  public var global: Global
  /// The second stage, a least-squares optimizer started from the first stage's minimum.
  public var local: Local

  /// Runs `global`, then the least-squares `local` from where it ended.
  public init(_ global: Global, then local: Local) {
    self.global = global
    self.local = local
  }

  public var name: String { "\(global.name)+\(local.name)" }

  public func minimize(
    _ problem: some LeastSquaresMinimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    StageChain.run(
      global, then: { local.minimize($0, from: $1, observer: $2) }, on: problem, from: start,
      observer: observer)
  }
}
