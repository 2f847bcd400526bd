/// A standard test function for optimizer studies, with analytic value and gradient,
/// its search box, and its known global minimum.
///
/// Build one with a static constructor (``rosenbrock(dimension:)``,
/// ``rastrigin(dimension:)``, ``himmelblau()``, ``beale()``, ``ackley(dimension:)``,
/// ``styblinskiTang(dimension:)``). Every call of ``value(at:)`` and
/// ``valueAndGradient(at:gradient:)`` is counted in ``evaluations`` (one value, and one
/// gradient for the latter), so optimizers can be compared by their evaluation counts.
///
/// The formulas run over the coordinates without allocating; a `gradient` array of the
/// right size is reused.
public final class TestFunction: Minimizable {
  /// Which formula.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²: a curved narrow valley, minimum 0 at (1, …, 1).
    case rosenbrock
    /// 10n + Σ (xᵢ² − 10 cos 2πxᵢ): about 10ⁿ local minima, global minimum 0 at the origin.
    case rastrigin
    /// (x² + y − 11)² + (x + y² − 7)²: four global minima of value 0.
    case himmelblau
    /// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: minimum 0 at (3, 0.5).
    case beale
    /// A nearly flat outer region full of small minima around one deep hole: minimum 0 at the
    /// origin.
    case ackley
    /// ½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ): minimum −39.166…·n at xᵢ = −2.9035….
    case styblinskiTang = "styblinski-tang"
  }

  /// The formula this function evaluates.
  public let kind: Kind
  /// A short name with the dimension, e.g. "rosenbrock-2d".
  public let name: String
  /// Number of coordinates n.
  public let dimension: Int
  /// Lower corner of the standard search box.
  public let lowerBounds: [Double]
  /// Upper corner of the standard search box.
  public let upperBounds: [Double]
  /// The global minimum value.
  public let minimumValue: Double
  /// Every location of the global minimum (more than one for Himmelblau).
  public let minima: [[Double]]
  /// The standard start point of the literature, where one exists.
  public let standardStart: [Double]?
  /// Values and gradients evaluated so far.
  public private(set) var evaluations = EvaluationCounts()

  init(
    kind: Kind, dimension: Int, lower: Double, upper: Double, minimumValue: Double,
    minima: [[Double]], standardStart: [Double]?
  ) {
    self.kind = kind
    self.dimension = dimension
    self.name = "\(kind.rawValue)-\(dimension)d"
    self.lowerBounds = Array(repeating: lower, count: dimension)
    self.upperBounds = Array(repeating: upper, count: dimension)
    self.minimumValue = minimumValue
    self.minima = minima
    self.standardStart = standardStart
  }

  /// Sets the evaluation counters back to zero.
  public func resetEvaluations() {
    evaluations = EvaluationCounts()
  }

  /// Euclidean distance from `x` to the nearest global minimum.
  public func distanceToNearestMinimum(_ x: [Double]) -> Double {
    minima.map { m in
      zip(x, m).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }.min() ?? .infinity
  }

  /// Whether `x` lies in the search box.
  public func contains(_ x: [Double]) -> Bool {
    x.count == dimension
      && (0..<dimension).allSatisfy { lowerBounds[$0] <= x[$0] && x[$0] <= upperBounds[$0] }
  }

  public func value(at x: [Double]) -> Double {
    precondition(x.count == dimension, "\(name): expected \(dimension) coordinates, got \(x.count)")
    evaluations.values += 1
    return x.withUnsafeBufferPointer { Self.evaluate(kind, $0, nil) }
  }

  public func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
    precondition(x.count == dimension, "\(name): expected \(dimension) coordinates, got \(x.count)")
    evaluations.values += 1
    evaluations.gradients += 1
    if gradient.count != dimension {
      gradient = Array(repeating: 0, count: dimension)
    }
    return x.withUnsafeBufferPointer { xs in
      gradient.withUnsafeMutableBufferPointer { g in Self.evaluate(kind, xs, g) }
    }
  }

  /// f(x), and ∇f(x) into `g` when it is given.
  static func evaluate(
    _ kind: Kind, _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    switch kind {
    case .rosenbrock: RosenbrockFormula.evaluate(x, g)
    case .rastrigin: RastriginFormula.evaluate(x, g)
    case .himmelblau: HimmelblauFormula.evaluate(x, g)
    case .beale: BealeFormula.evaluate(x, g)
    case .ackley: AckleyFormula.evaluate(x, g)
    case .styblinskiTang: StyblinskiTangFormula.evaluate(x, g)
    }
  }
}

/// A test function asked for with a dimension it is not defined in.
public struct TestFunctionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The function's name.
  public var function: String
  /// The dimension asked for.
  public var dimension: Int
  /// The smallest dimension the function is defined in.
  public var minimumDimension: Int

  public var description: String {
    "\(function) needs a dimension of at least \(minimumDimension), got \(dimension)"
  }

  static func check(_ kind: TestFunction.Kind, _ dimension: Int, atLeast minimum: Int) throws {
    guard dimension >= minimum else {
      throw TestFunctionError(
        function: kind.rawValue, dimension: dimension, minimumDimension: minimum)
    }
  }
}
