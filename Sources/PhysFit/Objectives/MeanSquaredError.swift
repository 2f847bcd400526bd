/// Mean squared error, L = (1/N) Σᵢ (yᵢ − ŷᵢ)² — the regression loss of deep learning.
///
/// It is χ²/N with every σ = 1, so it has the same minimum as an unweighted χ² fit.
/// As least squares its residuals are rᵢ = (yᵢ − ŷᵢ)/√N.
///
/// **Error definition 1, errors scaled by s²** (no σ: ``hasAbsoluteErrors`` is false).
/// The covariance is UP·(L/ndf)·2H⁻¹ with L/ndf = RSS/(N(N − p)); the 1/N of the mean
/// cancels against H = H_χ²/N, so the errors equal the unweighted χ² fit's,
/// s²·(JᵀJ)⁻¹ with s² = RSS/(N − p) — the NIST / `curve_fit` convention. (A UP of 1/N
/// on top of the s² scaling would count the 1/N twice: the scaling already measures
/// the noise in units of L.)
public struct MeanSquaredError: LeastSquaresObjective, PointwiseObjective {
  /// The target values yᵢ.
  public let y: [Double]

  /// The mean squared error against the targets `y` (finite; throws otherwise).
  public init(y: [Double]) throws(ObjectiveError) {
    try ObjectiveError.check(y, "y", expected: "finite") { _ in true }
    self.y = y
  }

  public var errorDefinition: Double { 1 }
  public var dataCount: Int { y.count }
  public var predictionRows: Int { y.count }
  public var hasAbsoluteErrors: Bool { false }

  /// rᵢ = (yᵢ − ŷᵢ)/√N, dᵢ = −1/√N.
  public func residuals(
    predictions: Matrix, residuals r: inout [Double], derivatives d: inout [Double]
  ) {
    let n = y.count
    if r.count != n { r = Array(repeating: 0, count: n) }
    if d.count != n { d = Array(repeating: 0, count: n) }
    let w = 1 / Double(Swift.max(n, 1)).squareRoot()
    for i in 0..<n {
      r[i] = (y[i] - predictions.elements[i]) * w
      d[i] = -w
    }
  }

  public func value(predictions: Matrix) -> Double {
    var sum = 0.0
    for i in 0..<y.count {
      let e = y[i] - predictions.elements[i]
      sum += e * e
    }
    return y.isEmpty ? 0 : sum / Double(y.count)
  }

  /// ∂L/∂ŷᵢ = −2(yᵢ − ŷᵢ)/N.
  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let w = y.isEmpty ? 0 : 1 / Double(y.count)
    var sum = 0.0
    for i in 0..<y.count {
      let e = y[i] - predictions.elements[i]
      sum += e * e
      gradient.elements[i] = -2 * e * w
    }
    return sum * w
  }

  /// The batch mean (1/B) Σ_batch, an unbiased estimate of the mean over all points.
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix)
    -> Double
  {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let w = rows.isEmpty ? 0 : 1 / Double(rows.count)
    var sum = 0.0
    for (k, i) in rows.enumerated() {
      let e = y[i] - predictions.elements[k]
      sum += e * e
      gradient.elements[k] = -2 * e * w
    }
    return sum * w
  }
}
