/// One optimizer taking part in a ``Comparison``, under the name its rows carry.
///
/// A general optimizer minimises any problem; a least-squares optimizer only problems
/// of least-squares shape (a χ²-like fit). On any other problem its runs are recorded
/// as ``RunStatus/notApplicable`` rather than failing the comparison.
public struct ComparisonEntrant: Sendable {
  /// What kind of optimizer, with the optimizer itself.
  public enum Method: Sendable {
    /// A general minimiser of a scalar objective.
    case general(any Optimizer)
    /// A least-squares method, which needs residuals and their Jacobian.
    case leastSquares(any LeastSquaresOptimizer)
  }

  /// The name in tables and traces (e.g. "bfgs", "annealing+bfgs").
  public var name: String
  /// The optimizer that runs.
  public var method: Method

  /// An entrant named `name` (its row in the table) running `method`.
  public init(name: String, method: Method) {
    self.name = name
    self.method = method
  }

  /// A general optimizer under its own name.
  public init(_ optimizer: some Optimizer) {
    self.init(name: optimizer.name, method: .general(optimizer))
  }

  /// A least-squares optimizer under its own name.
  public init(leastSquares optimizer: some LeastSquaresOptimizer) {
    self.init(name: optimizer.name, method: .leastSquares(optimizer))
  }

  /// Whether the optimizer needs residuals and their Jacobian.
  public var needsLeastSquares: Bool {
    if case .leastSquares = method { return true }
    return false
  }
}
