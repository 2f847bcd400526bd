/// A test function that is a sum of squares, f(x) = Σⱼ rⱼ(x)², offered with its
/// residuals and their Jacobian, so that least-squares methods (Levenberg–Marquardt,
/// dogleg, …) can be compared on it beside the general optimizers — as MINPACK's test
/// set (Moré, Garbow & Hillstrom 1981) poses Rosenbrock, Beale and others.
///
/// The residuals, with f = Σ r² exactly as ``TestFunction`` evaluates it:
///
///     Rosenbrock:  r₂ᵢ = 10 (xᵢ₊₁ − xᵢ²),  r₂ᵢ₊₁ = 1 − xᵢ      (i = 1 … n − 1)
///     Himmelblau:  r₁ = x² + y − 11,  r₂ = x + y² − 7
///     Beale:       rₖ = cₖ − x + x yᵏ,  c = (1.5, 2.25, 2.625)   (k = 1, 2, 3)
///
/// Values and gradients come from the wrapped function (and are counted there); a
/// residual vector counts as a value and a Jacobian as a Jacobian in ``evaluations``.
public final class TestFunctionResiduals: BenchmarkFunction, LeastSquaresMinimizable {
  /// The function whose residuals these are.
  public let function: TestFunction
  private var jacobians = 0
  private var residualValues = 0

  /// The residual form of `function`, or nil when it is not a sum of squares (Rastrigin,
  /// Ackley, Styblinski–Tang).
  public init?(_ function: TestFunction) {
    switch function.kind {
    case .rosenbrock, .himmelblau, .beale: self.function = function
    case .rastrigin, .ackley, .styblinskiTang: return nil
    }
  }

  /// The function's name ("rosenbrock-2d").
  public var name: String { function.name }
  /// The function's global minimum value.
  public var knownMinimum: Double? { function.knownMinimum }
  /// Number of coordinates n.
  public var dimension: Int { function.dimension }
  /// Lower corner of the function's search box.
  public var lowerBounds: [Double] { function.lowerBounds }
  /// Upper corner of the function's search box.
  public var upperBounds: [Double] { function.upperBounds }

  /// The function's values and gradients, plus the residual vectors (as values) and
  /// Jacobians evaluated here.
  public var evaluations: EvaluationCounts {
    var counts = function.evaluations
    counts.values += residualValues
    counts.jacobians += jacobians
    return counts
  }

  /// f(x) = Σ r(x)².
  public func value(at x: [Double]) -> Double { function.value(at: x) }

  /// f(x) and ∇f(x) = 2 Jᵀr.
  public func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
    function.valueAndGradient(at: x, gradient: &gradient)
  }

  /// m: 2(n − 1) for Rosenbrock, 2 for Himmelblau, 3 for Beale.
  public var residualCount: Int {
    switch function.kind {
    case .rosenbrock: 2 * (dimension - 1)
    case .himmelblau: 2
    default: 3
    }
  }

  /// Writes r(x).
  public func residuals(at x: [Double], into r: inout [Double]) {
    precondition(x.count == dimension, "\(name): expected \(dimension) coordinates")
    residualValues += 1
    if r.count != residualCount { r = Array(repeating: 0, count: residualCount) }
    switch function.kind {
    case .rosenbrock:
      for i in 0..<(dimension - 1) {
        r[2 * i] = 10 * (x[i + 1] - x[i] * x[i])
        r[2 * i + 1] = 1 - x[i]
      }
    case .himmelblau:
      r[0] = x[0] * x[0] + x[1] - 11
      r[1] = x[0] + x[1] * x[1] - 7
    default:
      var power = 1.0
      for k in 0..<3 {
        power *= x[1]
        r[k] = Self.bealeConstants[k] - x[0] + x[0] * power
      }
    }
  }

  /// Writes ∂r/∂x (m × n).
  public func jacobian(at x: [Double], into j: inout Matrix) {
    precondition(x.count == dimension, "\(name): expected \(dimension) coordinates")
    jacobians += 1
    j.resize(rows: residualCount, columns: dimension)
    for k in j.elements.indices { j.elements[k] = 0 }
    switch function.kind {
    case .rosenbrock:
      for i in 0..<(dimension - 1) {
        j[2 * i, i] = -20 * x[i]
        j[2 * i, i + 1] = 10
        j[2 * i + 1, i] = -1
      }
    case .himmelblau:
      j[0, 0] = 2 * x[0]
      j[0, 1] = 1
      j[1, 0] = 1
      j[1, 1] = 2 * x[1]
    default:
      var power = 1.0  // y^(k−1)
      for k in 0..<3 {
        j[k, 0] = -1 + power * x[1]
        j[k, 1] = Double(k + 1) * x[0] * power
        power *= x[1]
      }
    }
  }

  /// Beale's constants c₁, c₂, c₃.
  static let bealeConstants = [1.5, 2.25, 2.625]
}

extension TestFunction {
  /// This function as a comparison offers it: with its residuals when it is a sum of
  /// squares (``TestFunctionResiduals``), so that least-squares methods apply, else as
  /// it is.
  public var benchmark: any BenchmarkFunction {
    TestFunctionResiduals(self) ?? self
  }
}
