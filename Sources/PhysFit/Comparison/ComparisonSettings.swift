import Foundation

/// How a comparison runs: how many starts, from which seed, with what budget, and what
/// counts as success.
public struct ComparisonSettings: Sendable, Hashable {
  /// Start points per optimizer (the same starts for every optimizer). Default 10.
  public var starts: Int
  /// Seed of the start points and of the optimizers' own random numbers (run k of a
  /// seeded optimizer uses seed + k). Equal seeds give identical results.
  public var seed: UInt64
  /// Most evaluations per run, counted as calls of the objective: a value, a value with
  /// its gradient, a residual vector or a Jacobian each count one (``EvaluationCounts/calls``,
  /// scipy's `nfev` with `jac=True` — the "energy evaluations" of the cluster literature).
  /// Every evaluation count of a comparison is in this unit. Nil for no budget (then each
  /// optimizer's own stopping rule alone ends its runs).
  public var budget: Int?
  /// A run succeeds when its final value f satisfies
  /// f − f* ≤ tolerance·max(|f*|, 1), f* the known minimum or the best value of any
  /// run. Default 10⁻⁶: six significant digits of the minimum — the same minimum to
  /// any reader of a table, yet loose enough that optimizers stopping on their own
  /// default tolerances count.
  public var successTolerance: Double
  /// Threads running the runs. Default: the number of active processors. Results do
  /// not depend on it (wall times aside).
  public var threads: Int

  /// Settings with every value given; the defaults are those of the properties' descriptions.
  public init(
    starts: Int = 10, seed: UInt64 = 0, budget: Int? = nil, successTolerance: Double = 1e-6,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    precondition(starts >= 1, "a comparison needs at least one start")
    precondition(budget.map { $0 >= 1 } ?? true, "an evaluation budget must be positive")
    precondition(successTolerance >= 0, "the success tolerance cannot be negative")
    self.starts = starts
    self.seed = seed
    self.budget = budget
    self.successTolerance = successTolerance
    self.threads = max(threads, 1)
  }
}
