/// A χ² that is robust against outliers: L = Σᵢ c²·ρ((rᵢ/c)²) with rᵢ = (yᵢ − ŷᵢ)/σᵢ,
/// a ``RobustLoss`` ρ (soft-L1 or Huber) and the scale c (`f_scale` in scipy).
///
/// As least squares it is written with the robust residuals
/// r̃ᵢ = c·sign(rᵢ)·√ρ((rᵢ/c)²), so that Σ r̃ᵢ² = L and trust-region least squares
/// minimises it directly, with ∂r̃ᵢ/∂ŷᵢ = −(dr̃/dr)/σᵢ. L is twice scipy's
/// `least_squares` cost ½·c²·Σρ, so that for inliers it *is* χ² (ρ(z) ≈ z):
/// **error definition 1**, like χ².
///
/// **Scale c**: residuals (in units of σ) below c count quadratically, above c
/// linearly. The default c = 1 treats anything beyond 1σ as suspect, scipy's default;
/// with σ given, c ≈ 2–3 keeps nearly all genuine points in the quadratic region.
///
/// **Covariance caveat**: L is not the likelihood of any error model the data are
/// known to follow, so its errors are approximate. They come from JᵀJ of the robust
/// residuals (with σ given, absolute; without σ, scaled by s² = L/(n − p) like χ²).
/// Points in the linear region are down-weighted there, which is the intent; when no
/// point is beyond c the result is exactly χ²'s.
public struct RobustChiSquare: LeastSquaresObjective, PointwiseObjective {
  /// The observed values yᵢ.
  public let y: [Double]
  /// 1/σᵢ, or nil when no σ was given.
  public let inverseSigma: [Double]?
  /// The robust loss ρ applied to each squared residual.
  public let loss: RobustLoss
  /// c > 0, in units of σ (or of y when no σ is given).
  public let scale: Double

  /// A robust χ²: Σ 2·s²·ρ(rᵢ²/s²) of the normalised residuals rᵢ with the given `loss` ρ and `scale` s.
  ///
  /// - Parameters:
  ///   - y: observed values.
  ///   - sigma: absolute standard deviations of y (all > 0), or nil for unweighted.
  ///   - loss: soft-L1 or Huber.
  ///   - scale: c > 0, where the loss turns from quadratic to linear. Default 1
  ///     (scipy's `f_scale` default).
  public init(y: [Double], sigma: [Double]? = nil, loss: RobustLoss, scale: Double = 1)
    throws(ObjectiveError)
  {
    try ObjectiveError.check(y, "y", expected: "finite") { _ in true }
    if let sigma {
      try ObjectiveError.checkLength(sigma, "sigma", count: y.count, of: "y")
      try ObjectiveError.check(sigma, "sigma", expected: "positive") { $0 > 0 }
    }
    guard scale > 0, scale.isFinite else {
      throw .invalidSetting("the robust loss scale must be positive and finite, not \(scale)")
    }
    self.y = y
    self.inverseSigma = sigma?.map { 1 / $0 }
    self.loss = loss
    self.scale = scale
  }

  public var errorDefinition: Double { 1 }
  public var dataCount: Int { y.count }
  public var predictionRows: Int { y.count }
  public var hasAbsoluteErrors: Bool { inverseSigma != nil }

  /// r̃ᵢ and ∂r̃ᵢ/∂ŷᵢ of point i.
  @inlinable
  func robustResidual(_ i: Int, _ prediction: Double) -> (Double, Double) {
    let w = inverseSigma?[i] ?? 1
    let r = (y[i] - prediction) * w
    let (factor, slope) = loss.residual(scaled: r / scale)
    return (r * factor, -slope * w)
  }

  public func residuals(
    predictions: Matrix, residuals r: inout [Double], derivatives d: inout [Double]
  ) {
    let n = y.count
    if r.count != n { r = Array(repeating: 0, count: n) }
    if d.count != n { d = Array(repeating: 0, count: n) }
    for i in 0..<n { (r[i], d[i]) = robustResidual(i, predictions.elements[i]) }
  }

  public func value(predictions: Matrix) -> Double {
    var sum = 0.0
    for i in 0..<y.count {
      let (r, _) = robustResidual(i, predictions.elements[i])
      sum += r * r
    }
    return sum
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    var sum = 0.0
    for i in 0..<y.count {
      let (r, d) = robustResidual(i, predictions.elements[i])
      sum += r * r
      gradient.elements[i] = 2 * r * d
    }
    return sum
  }

  /// N/B · Σ over the batch.
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix)
    -> Double
  {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let factor = rows.isEmpty ? 0 : Double(y.count) / Double(rows.count)
    var sum = 0.0
    for (k, i) in rows.enumerated() {
      let (r, d) = robustResidual(i, predictions.elements[k])
      sum += r * r
      gradient.elements[k] = factor * 2 * r * d
    }
    return factor * sum
  }
}
