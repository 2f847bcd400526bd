/// What a ``Comparison`` runs its optimizers on: a plain function
/// (``FunctionComparisonProblem``) or a data fit (``FitComparisonProblem``).
///
/// Runs go in parallel, so a problem is a `Sendable` recipe: every run builds its own
/// evaluation state (buffers, counters) and nothing is shared between runs.
public protocol ComparisonProblem: Sendable {
  /// The name in reports, e.g. "rosenbrock-2d" or "decay.csv".
  var name: String { get }
  /// The names of the coordinates (parameters), for traces and reports.
  var coordinateNames: [String] { get }
  /// The value of the global minimum when it is known; otherwise gaps are measured
  /// to the best value any run found.
  var knownMinimum: Double? { get }
  /// Whether least-squares optimizers can minimise it.
  var hasLeastSquaresForm: Bool { get }

  /// The start point of start `index` for the comparison's `seed`. Each start draws
  /// from its own stream, ``RandomSource/stream(seed:index:)``, so it does not depend
  /// on how many starts there are or which thread runs them.
  func startPoint(index: Int, seed: UInt64) -> [Double]

  /// Minimises from `start` with `entrant` (its seed already set), recording through
  /// `budget`'s wrapper: the budget of evaluations is enforced there and every
  /// iteration report is passed to `observer`. Returns nil when the entrant cannot
  /// minimise this problem.
  func run(
    _ entrant: ComparisonEntrant, from start: [Double], budget: Int?,
    observer: @escaping IterationObserver
  ) -> RunOutcome?
}

/// The end of one run, in the problem's coordinates.
public struct RunOutcome: Sendable {
  /// The best point the run returned.
  public var point: [Double]
  /// The objective there (recomputed from the point, not taken from the optimizer).
  public var value: Double
  /// The optimizer's (or the fit's) stop reason.
  public var reason: StopReason
  /// Whether the evaluation budget cut the run short.
  public var budgetExhausted: Bool
  /// Iterations the optimizer made.
  public var iterations: Int
  /// Evaluations the optimizer used (the fit's covariance afterwards is not counted).
  public var evaluations: EvaluationCounts
  /// The method that produced the point, e.g. "least-squares (lm)".
  public var method: String

  /// An outcome with every field given (see the properties).
  public init(
    point: [Double], value: Double, reason: StopReason, budgetExhausted: Bool, iterations: Int,
    evaluations: EvaluationCounts, method: String
  ) {
    self.point = point
    self.value = value
    self.reason = reason
    self.budgetExhausted = budgetExhausted
    self.iterations = iterations
    self.evaluations = evaluations
    self.method = method
  }
}
