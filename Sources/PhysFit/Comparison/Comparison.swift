/// Optimizers side by side on one problem: every optimizer from the same starts, under
/// the same budget, with every iteration recorded.
///
/// ```swift
/// let problem = FunctionComparisonProblem { try! TestFunction.rosenbrock(dimension: 2) }
/// let comparison = Comparison.run(
///   problem, entrants: [ComparisonEntrant(BFGS()), ComparisonEntrant(NelderMead())],
///   settings: ComparisonSettings(starts: 20, seed: 1, budget: 2000))
/// for row in comparison.summaries { print(row.optimizer, row.successRate) }
/// ```
///
/// The result is a value: per-run records (``runs``, in optimizer then start order)
/// and one ``OptimizerSummary`` per optimizer. For a fixed seed it is the same on any
/// number of threads, wall times aside.
public struct Comparison: Sendable {
  /// The problem's name.
  public var problem: String
  /// Its coordinate (parameter) names.
  public var coordinateNames: [String]
  /// The known minimum, if the problem has one.
  public var knownMinimum: Double?
  /// The value gaps are measured to: the known minimum, else the lowest final value
  /// of any run (NaN when no run has a finite value).
  public var reference: Double
  /// The starts, seed, budget, tolerance and threads the runs used.
  public var settings: ComparisonSettings
  /// The optimizers, in the order given.
  public var optimizers: [String]
  /// Every run, ordered by optimizer, then start.
  public var runs: [RunRecord]
  /// One row per optimizer, in the order given.
  public var summaries: [OptimizerSummary]

  /// The runs of one optimizer, by start.
  public func runs(of optimizer: String) -> [RunRecord] {
    runs.filter { $0.optimizer == optimizer }
  }

  /// The run with the lowest final value (the first in optimizer, then start order, on
  /// ties); nil when no run has a finite value.
  public var bestRun: RunRecord? {
    var best: RunRecord?
    for run in runs where run.value.isFinite && run.status != .notApplicable {
      if let current = best, current.value <= run.value { continue }
      best = run
    }
    return best
  }

  /// Assembles a comparison from its raw runs: the reference, each run's gap and
  /// success, and the summaries.
  init(
    problem: some ComparisonProblem, optimizers: [String], settings: ComparisonSettings,
    runs raw: [RunRecord]
  ) {
    self.problem = problem.name
    self.coordinateNames = problem.coordinateNames
    self.knownMinimum = problem.knownMinimum
    self.settings = settings
    self.optimizers = optimizers
    let found = raw.filter { $0.status != .notApplicable }.map(\.value).filter(\.isFinite).min()
    reference = problem.knownMinimum ?? found ?? .nan
    var runs = raw
    if reference.isFinite {
      for k in runs.indices {
        runs[k].judge(reference: reference, tolerance: settings.successTolerance)
      }
    }
    self.runs = runs
    summaries = optimizers.map { name in
      OptimizerSummary(optimizer: name, records: runs.filter { $0.optimizer == name })
    }
  }
}
