/// χ² = Σᵢ ((yᵢ − ŷᵢ)/σᵢ)², the least-squares criterion of a physics fit.
///
/// With σ given the errors are absolute: cov = (JᵀWJ)⁻¹ and χ² follows a χ²(ndf)
/// distribution for a correct model. Without σ every σᵢ = 1 and the covariance is
/// scaled by s² = RSS/(n − p) — the convention of NIST StRD and of scipy's
/// `curve_fit(absolute_sigma=False)`.
public struct ChiSquare: LeastSquaresObjective {
  /// The observed values yᵢ.
  public let y: [Double]
  /// 1/σᵢ, or nil when no σ was given.
  public let inverseSigma: [Double]?

  /// χ² = Σ((yᵢ − f(xᵢ))/σᵢ)² of the observed `y`, or the residual sum of squares without `sigma`.
  ///
  /// - Parameters:
  ///   - y: observed values.
  ///   - sigma: absolute standard deviations of y (all > 0), or nil for unweighted.
  public init(y: [Double], sigma: [Double]? = nil) {
    if let sigma {
      precondition(sigma.count == y.count, "σ and y must have the same length")
      precondition(sigma.allSatisfy { $0 > 0 && $0.isFinite }, "σ must be positive and finite")
    }
    self.y = y
    self.inverseSigma = sigma?.map { 1 / $0 }
  }

  public var errorDefinition: Double { 1 }
  public var dataCount: Int { y.count }
  public var predictionRows: Int { y.count }
  public var hasAbsoluteErrors: Bool { inverseSigma != nil }

  /// rᵢ = (yᵢ − ŷᵢ)/σᵢ, dᵢ = −1/σᵢ.
  public func residuals(
    predictions: Matrix, residuals r: inout [Double], derivatives d: inout [Double]
  ) {
    let n = y.count
    if r.count != n { r = Array(repeating: 0, count: n) }
    if d.count != n { d = Array(repeating: 0, count: n) }
    if let w = inverseSigma {
      for i in 0..<n {
        r[i] = (y[i] - predictions.elements[i]) * w[i]
        d[i] = -w[i]
      }
    } else {
      for i in 0..<n {
        r[i] = y[i] - predictions.elements[i]
        d[i] = -1
      }
    }
  }

  /// χ² directly, without the residual buffers of the generic least-squares path.
  public func value(predictions: Matrix) -> Double {
    var sum = 0.0
    for i in y.indices {
      let r = (y[i] - predictions.elements[i]) * (inverseSigma?[i] ?? 1)
      sum += r * r
    }
    return sum
  }

  /// χ² and ∂χ²/∂ŷᵢ = −2 rᵢ/σᵢ, without intermediate buffers.
  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    var sum = 0.0
    for i in y.indices {
      let w = inverseSigma?[i] ?? 1
      let r = (y[i] - predictions.elements[i]) * w
      sum += r * r
      gradient.elements[i] = -2 * r * w
    }
    return sum
  }
}
