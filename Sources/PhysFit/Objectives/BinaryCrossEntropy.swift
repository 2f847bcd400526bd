import Foundation

/// Binary cross-entropy, −ln ℒ of Bernoulli labels:
///
///     L = −Σᵢ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)]
///
/// The lecture's reading of classification: a sigmoid output p = σ(z) is the
/// probability of class 1, and the label a Bernoulli draw with that probability.
/// Labels are 0 or 1 (soft targets in [0, 1] are accepted too).
///
/// The model's output is either the probability p (``Input/probabilities``, e.g. a
/// formula `1/(1+exp(-(b0+b1*x)))`) or the logit z (``Input/logits``). Logits are
/// the numerically stable choice: ℓ = max(z, 0) − y·z + ln(1 + e^(−|z|)) and
/// ∂ℓ/∂z = σ(z) − y never round p to 0 or 1, while with probabilities a confident
/// wrong prediction loses its digits in 1 − p (and p ∉ (0, 1) is +∞).
///
/// **Error definition 0.5** (−ln ℒ). L is the sum, not the mean, over points, so the
/// covariance 2·UP·H⁻¹ = H⁻¹ is the inverse observed Fisher information.
public struct BinaryCrossEntropy: PointwiseObjective {
  /// What the model's single output is.
  public enum Input: String, Sendable, Hashable {
    /// p ∈ (0, 1), e.g. from a sigmoid.
    case probabilities
    /// z ∈ ℝ with p = 1/(1 + e^(−z)).
    case logits
  }

  /// yᵢ ∈ [0, 1] per point (0 or 1 for hard labels).
  public let labels: [Double]
  /// Whether the model outputs probabilities or logits.
  public let input: Input

  /// Binary cross-entropy of 0/1 `labels`, the model giving probabilities or logits (`input`).
  ///
  /// - Parameters:
  ///   - labels: 0 or 1 per point (values in [0, 1] are read as soft targets).
  ///   - input: probabilities (default, the lecture's sigmoid output) or logits.
  public init(labels: [Double], input: Input = .probabilities) throws(ObjectiveError) {
    try ObjectiveError.check(labels, "labels", expected: "in [0, 1]") { $0 >= 0 && $0 <= 1 }
    self.labels = labels
    self.input = input
  }

  public var errorDefinition: Double { 0.5 }
  public var dataCount: Int { labels.count }
  public var predictionRows: Int { labels.count }

  /// ℓ and ∂ℓ/∂(prediction) for one point.
  @inlinable
  func term(_ y: Double, _ prediction: Double) -> (Double, Double) {
    switch input {
    case .logits:
      let z = prediction
      guard z.isFinite else { return (.infinity, .nan) }
      let e = Foundation.exp(-Swift.abs(z))
      let sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e)
      return (Swift.max(z, 0) - y * z + Foundation.log1p(e), sigmoid - y)
    case .probabilities:
      let p = prediction
      guard p >= 0, p <= 1 else { return (.infinity, .nan) }
      var value = 0.0
      var slope = 0.0
      if y > 0 {
        value -= y * Foundation.log(p)
        slope -= y / p
      }
      if y < 1 {
        value -= (1 - y) * Foundation.log1p(-p)
        slope += (1 - y) / (1 - p)
      }
      return (value, slope)
    }
  }

  public func value(predictions: Matrix) -> Double {
    var sum = 0.0
    for i in 0..<labels.count { sum += term(labels[i], predictions.elements[i]).0 }
    return sum
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    var sum = 0.0
    for i in 0..<labels.count {
      let (v, g) = term(labels[i], predictions.elements[i])
      sum += v
      gradient.elements[i] = g
    }
    return sum
  }

  /// N/B · Σ over the batch.
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix)
    -> Double
  {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let factor = rows.isEmpty ? 0 : Double(labels.count) / Double(rows.count)
    var sum = 0.0
    for (k, i) in rows.enumerated() {
      let (v, g) = term(labels[i], predictions.elements[k])
      sum += v
      gradient.elements[k] = factor * g
    }
    return factor * sum
  }
}
