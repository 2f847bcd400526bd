/// One optimizer's row of a comparison: its runs over all starts, summarised.
public struct OptimizerSummary: Sendable {
  /// The optimizer's name.
  public var optimizer: String
  /// False when the optimizer cannot minimise the problem (every run "not applicable").
  public var isApplicable: Bool
  /// Number of runs (starts).
  public var runs: Int
  /// Runs that ended within the tolerance of the reference.
  public var successes: Int
  /// successes / runs (0 for an optimizer that is not applicable).
  public var successRate: Double
  /// Final objective values over the starts.
  public var value: Quartiles
  /// Gaps to the reference over the starts.
  public var gap: Quartiles
  /// Evaluations over the starts, as calls of the objective (``EvaluationCounts/calls``:
  /// a value with its gradient counts one).
  public var evaluations: Quartiles
  /// Wall-clock seconds over the starts.
  public var time: Quartiles
  /// The lowest final value of any of its runs.
  public var bestValue: Double
  /// The cost this optimizer pays for a success: the median over starts of the
  /// evaluations to success, with failures counted as +∞ — so it is infinite when
  /// fewer than half of the starts succeed. Performance profiles use it.
  public var cost: Double
  /// How many runs ended with each status.
  public var statusCounts: [RunStatus: Int]

  /// The summary of `records` (the runs of one optimizer).
  init(optimizer: String, records: [RunRecord]) {
    self.optimizer = optimizer
    let applicable = records.filter { $0.status != .notApplicable }
    isApplicable = !applicable.isEmpty
    runs = records.count
    successes = records.filter(\.success).count
    successRate = runs > 0 ? Double(successes) / Double(runs) : 0
    value = Quartiles(applicable.map(\.value))
    gap = Quartiles(applicable.map(\.gap))
    evaluations = Quartiles(applicable.map { Double($0.evaluations.calls) })
    time = Quartiles(applicable.map(\.time))
    bestValue = applicable.map(\.value).filter(\.isFinite).min() ?? .nan
    cost = Quartiles(records.map { $0.evaluationsToSuccess.map(Double.init) ?? .infinity }).median
    statusCounts = Dictionary(grouping: records, by: \.status).mapValues(\.count)
  }
}
