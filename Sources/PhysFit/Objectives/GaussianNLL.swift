import Foundation

/// Gaussian negative log-likelihood,
///
///     −ln ℒ = Σᵢ [(yᵢ − μᵢ)²/(2σᵢ²) + ln σᵢ]      (+ N/2·ln 2π, dropped)
///
/// with σ either from a data column (then it is χ²/2 plus a constant) or predicted per
/// point by the model — e.g. one fitted noise parameter through
/// ``WithNoiseParameter``, or a heteroscedastic network with a second output. With σ
/// predicted, the predictions have two columns, μ and σ; with σ from a column, one.
///
/// **Error definition 0.5**, as for every −ln ℒ: Δ(−ln ℒ) = ½ is one standard
/// deviation. A fitted σ has the familiar error σ/√(2N) for a constant mean.
///
/// σᵢ ≤ 0 in the predictions is outside the model: the value is +∞ and its gradient
/// NaN, which optimizers treat as a rejected step.
public struct GaussianNLL: PointwiseObjective {
  /// The observed values yᵢ.
  public let y: [Double]
  /// σᵢ from a column, or nil when the model predicts σ as a second output.
  public let sigma: [Double]?

  /// σ from a data column. Throws for σ ≤ 0 or non-finite data.
  public init(y: [Double], sigma: [Double]) throws(ObjectiveError) {
    try ObjectiveError.check(y, "y", expected: "finite") { _ in true }
    try ObjectiveError.checkLength(sigma, "sigma", count: y.count, of: "y")
    try ObjectiveError.check(sigma, "sigma", expected: "positive") { $0 > 0 }
    self.y = y
    self.sigma = sigma
  }

  /// σ predicted by the model: predictions are n × 2, columns (μ, σ).
  public init(y: [Double]) throws(ObjectiveError) {
    try ObjectiveError.check(y, "y", expected: "finite") { _ in true }
    self.y = y
    self.sigma = nil
  }

  public var errorDefinition: Double { 0.5 }
  public var dataCount: Int { y.count }
  public var predictionRows: Int { y.count }
  /// Columns of the predictions: 1 (μ) with σ from data, 2 (μ, σ) otherwise.
  public var predictionColumns: Int { sigma == nil ? 2 : 1 }

  /// ℓ, ∂ℓ/∂μ, ∂ℓ/∂σ for one point: (y − μ)²/2σ² + ln σ, −(y − μ)/σ², (1 − z²)/σ.
  @inlinable
  static func term(_ y: Double, _ mu: Double, _ sigma: Double) -> (Double, Double, Double) {
    guard sigma > 0, sigma.isFinite, mu.isFinite else { return (.infinity, .nan, .nan) }
    let z = (y - mu) / sigma
    return (0.5 * z * z + Foundation.log(sigma), -z / sigma, (1 - z * z) / sigma)
  }

  /// Σ over the points `rows` (prediction row k ↔ data row rows[k]) times `factor`.
  func accumulate(
    count: Int, row: (Int) -> Int, predictions: Matrix, gradient: inout Matrix,
    factor: Double
  ) -> Double {
    precondition(
      predictions.columns == predictionColumns,
      "GaussianNLL expects \(predictionColumns) prediction column(s)")
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let n = predictions.rows
    var sum = 0.0
    for k in 0..<count {
      let i = row(k)
      let mu = predictions.elements[k]
      if let sigma {
        let (v, dMu, _) = Self.term(y[i], mu, sigma[i])
        sum += v
        gradient.elements[k] = factor * dMu
      } else {
        let (v, dMu, dSigma) = Self.term(y[i], mu, predictions.elements[k + n])
        sum += v
        gradient.elements[k] = factor * dMu
        gradient.elements[k + n] = factor * dSigma
      }
    }
    return factor * sum
  }

  public func value(predictions: Matrix) -> Double {
    var scratch = Matrix(rows: 0, columns: 0)
    return valueAndGradient(predictions: predictions, gradient: &scratch)
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    accumulate(
      count: y.count, row: { $0 }, predictions: predictions, gradient: &gradient, factor: 1)
  }

  /// N/B · Σ over the batch.
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix)
    -> Double
  {
    let factor = rows.isEmpty ? 0 : Double(y.count) / Double(rows.count)
    return accumulate(
      count: rows.count, row: { rows[$0] }, predictions: predictions, gradient: &gradient,
      factor: factor)
  }
}
