/// A test problem for optimizer studies: a function with a search box, a name for
/// reports, and (where the literature knows it) the value of its global minimum.
///
/// ``TestFunction``, ``LennardJonesCluster`` and ``ThomsonProblem`` are benchmark
/// functions; a comparison (``Comparison``) measures the gap of each run to
/// ``knownMinimum`` when there is one, else to the best value any run found.
public protocol BenchmarkFunction: BoundedMinimizable {
  /// A short name with the size, e.g. "rosenbrock-2d" or "lj-13".
  var name: String { get }
  /// The global minimum value, if known.
  var knownMinimum: Double? { get }
}

extension TestFunction: BenchmarkFunction {
  public var knownMinimum: Double? { minimumValue }
}
