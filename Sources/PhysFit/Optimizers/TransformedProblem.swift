/// A problem in internal coordinates u, over one in external coordinates θ.
///
/// Every optimizer runs on this wrapper, which applies the bounds-and-fixing
/// transform (``ParameterTransform``) and the chain rule:
/// ∂f/∂uₖ = ∂f/∂θᵢ · dθᵢ/duₖ, and likewise for each column of a Jacobian.
public final class TransformedProblem<Base: Minimizable>: Minimizable {
  /// The problem in external coordinates θ.
  public let base: Base
  /// The map u ↔ θ.
  public let transform: ParameterTransform
  fileprivate var theta: [Double]
  fileprivate var fullGradient: [Double] = []
  private var slopes: [Double] = []
  fileprivate var fullJacobian = Matrix(rows: 0, columns: 0)

  /// `base` seen in the internal coordinates of `transform`.
  public init(_ base: Base, transform: ParameterTransform) {
    precondition(base.dimension == transform.parameters.count)
    self.base = base
    self.transform = transform
    self.theta = transform.parameters.values
  }

  public var dimension: Int { transform.dimension }
  public var evaluations: EvaluationCounts { base.evaluations }

  fileprivate func setTheta(_ u: [Double]) {
    transform.externalInPlace(u, into: &theta)
  }

  public func value(at u: [Double]) -> Double {
    setTheta(u)
    return base.value(at: theta)
  }

  public func valueAndGradient(at u: [Double], gradient: inout [Double]) -> Double {
    setTheta(u)
    let f = base.valueAndGradient(at: theta, gradient: &fullGradient)
    chainGradient(u, into: &gradient)
    return f
  }

  /// ∂f/∂uₖ = ∂f/∂θᵢ · dθᵢ/duₖ from the full gradient buffer.
  fileprivate func chainGradient(_ u: [Double], into gradient: inout [Double]) {
    if gradient.count != dimension { gradient = Array(repeating: 0, count: dimension) }
    if transform.isIdentity, fullGradient.count == dimension {
      // Every parameter free and unbounded: ∂f/∂u = ∂f/∂θ.
      gradient.withUnsafeMutableBufferPointer { g in
        fullGradient.withUnsafeBufferPointer { full in
          if let base = g.baseAddress, let from = full.baseAddress {
            base.update(from: from, count: full.count)
          }
        }
      }
      return
    }
    transform.derivatives(u, into: &slopes)
    for (k, i) in transform.free.enumerated() {
      gradient[k] = fullGradient[i] * slopes[k]
    }
  }

  fileprivate func chainJacobian(_ u: [Double], into j: inout Matrix) {
    transform.derivatives(u, into: &slopes)
    let m = fullJacobian.rows
    j.resize(rows: m, columns: dimension)
    fullJacobian.elements.withUnsafeBufferPointer { full in
      j.elements.withUnsafeMutableBufferPointer { out in
        for (k, i) in transform.free.enumerated() {
          let s = slopes[k]
          for r in 0..<m { out[r + k * m] = full[r + i * m] * s }
        }
      }
    }
  }
}

extension TransformedProblem: LeastSquaresMinimizable where Base: LeastSquaresMinimizable {
  public var residualCount: Int { base.residualCount }

  public func residuals(at u: [Double], into r: inout [Double]) {
    setTheta(u)
    base.residuals(at: theta, into: &r)
  }

  public func jacobian(at u: [Double], into j: inout Matrix) {
    setTheta(u)
    base.jacobian(at: theta, into: &fullJacobian)
    chainJacobian(u, into: &j)
  }
}

extension TransformedProblem: StochasticMinimizable where Base: StochasticMinimizable {
  public var pointCount: Int { base.pointCount }

  public func value(at u: [Double], points: [Int]) -> Double {
    setTheta(u)
    return base.value(at: theta, points: points)
  }

  public func valueAndGradient(at u: [Double], points: [Int], gradient: inout [Double]) -> Double {
    setTheta(u)
    let f = base.valueAndGradient(at: theta, points: points, gradient: &fullGradient)
    chainGradient(u, into: &gradient)
    return f
  }
}
