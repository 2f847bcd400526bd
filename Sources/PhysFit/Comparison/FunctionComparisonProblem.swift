/// A plain function as a comparison problem: a ``BenchmarkFunction`` (or any bounded
/// function) built afresh for every run.
///
/// Starts are uniform in the function's search box (a coordinate without two finite
/// bounds draws from a standard normal around 0). Least-squares optimizers apply when
/// the function also has a residual form (it is a ``LeastSquaresMinimizable``, such as
/// ``TestFunctionResiduals``); otherwise they are listed as not applicable.
public struct FunctionComparisonProblem: ComparisonProblem {
  public let name: String
  /// The number of coordinates.
  public let dimension: Int
  /// The search box's lower corner (starts are drawn inside the box).
  public let lowerBounds: [Double]
  /// The search box's upper corner.
  public let upperBounds: [Double]
  public let knownMinimum: Double?
  /// Whether the function has a residual form, so that least-squares methods apply.
  public let hasLeastSquaresForm: Bool
  private let make: @Sendable () -> any BoundedMinimizable

  /// A problem that calls `make` for a fresh instance of the function in every run.
  /// `make` is called once here, and its error (a dimension the function is not
  /// defined in) thrown; later calls must then succeed.
  public init(_ make: @escaping @Sendable () throws -> any BenchmarkFunction) throws {
    let sample = try make()
    let name = sample.name
    self.init(
      name: sample.name, knownMinimum: sample.knownMinimum, lowerBounds: sample.lowerBounds,
      upperBounds: sample.upperBounds
    ) {
      do {
        return try make()
      } catch {
        preconditionFailure("\(name) could be built once but not again: \(error)")
      }
    }
  }

  /// A problem from any bounded function, with its name and known minimum (if any).
  public init(
    name: String, knownMinimum: Double?, lowerBounds: [Double], upperBounds: [Double],
    make: @escaping @Sendable () -> any BoundedMinimizable
  ) {
    precondition(lowerBounds.count == upperBounds.count, "box corners of different dimension")
    self.name = name
    self.dimension = lowerBounds.count
    self.lowerBounds = lowerBounds
    self.upperBounds = upperBounds
    self.knownMinimum = knownMinimum
    self.hasLeastSquaresForm = make() is any LeastSquaresMinimizable
    self.make = make
  }

  public var coordinateNames: [String] { (0..<dimension).map { "x\($0 + 1)" } }

  public func startPoint(index: Int, seed: UInt64) -> [Double] {
    var random = RandomSource.stream(seed: seed, index: index)
    return (0..<dimension).map { i in
      let (a, b) = (lowerBounds[i], upperBounds[i])
      return a.isFinite && b.isFinite ? random.uniform(a, b) : random.normal()
    }
  }

  public func run(
    _ entrant: ComparisonEntrant, from start: [Double], budget: Int?,
    observer: @escaping IterationObserver
  ) -> RunOutcome? {
    let function = make()
    let ledger = BudgetLedger()
    let result: OptimizationResult
    switch entrant.method {
    case .general(let optimizer):
      result = BudgetedOptimizer(base: optimizer, budget: budget, ledger: ledger)
        .minimize(function, from: start, observer: observer)
    case .leastSquares(let optimizer):
      guard let residuals = function as? any LeastSquaresMinimizable else { return nil }
      result = BudgetedLeastSquaresOptimizer(base: optimizer, budget: budget, ledger: ledger)
        .minimize(residuals, from: start, observer: observer)
    }
    // The value at the returned point, from the function itself (an optimizer's own
    // value may belong to another point of its last iteration).
    let value = result.minimum.count == dimension ? function.value(at: result.minimum) : .nan
    return RunOutcome(
      point: result.minimum, value: value, reason: result.reason,
      budgetExhausted: ledger.exhausted, iterations: result.iterations,
      evaluations: result.evaluations, method: result.method)
  }
}
