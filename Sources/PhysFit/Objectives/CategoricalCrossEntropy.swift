import Foundation

/// Categorical cross-entropy over k classes, −ln ℒ of categorical labels:
///
///     L = Σᵢ [ln Σₒ e^(zᵢₒ) − zᵢ,yᵢ],    ∂L/∂zᵢₒ = softmax(zᵢ)ₒ − [o = yᵢ]
///
/// The model has k outputs, the logits z (n × k predictions); the softmax is taken
/// here, with the log-sum-exp shifted by maxₒ zᵢₒ so that no exponential overflows.
/// Labels are integer classes 0..<k.
///
/// The logits are determined only up to a common shift per point: adding the same
/// function to every class's logit leaves L unchanged. For a linear model that is a
/// shift of every class's coefficients by one vector — fix one class's parameters
/// (e.g. to 0) to make the fit identifiable, otherwise the Hessian is singular.
///
/// **Error definition 0.5** (−ln ℒ). L is the sum over points, not the mean used by
/// deep-learning frameworks by default (a mean would need UP = 0.5/N).
public struct CategoricalCrossEntropy: PointwiseObjective {
  /// The class of each point, 0-based.
  public let labels: [Int]
  /// K, the number of classes (the model's outputs).
  public let classCount: Int

  /// Categorical cross-entropy of class `labels` 0..<`classCount`, the model giving `classCount` logits per point.
  ///
  /// - Parameters:
  ///   - labels: the class of each point, in 0..<classCount.
  ///   - classCount: k ≥ 2, the model's number of outputs.
  public init(labels: [Int], classCount: Int) throws(ObjectiveError) {
    guard classCount >= 2 else {
      throw .invalidSetting("categorical cross-entropy needs at least 2 classes, not \(classCount)")
    }
    for (i, c) in labels.enumerated() where !(0..<classCount).contains(c) {
      throw .outOfRange(
        what: "label", row: i + 1, value: Double(c), expected: "a class in 0..<\(classCount)")
    }
    self.labels = labels
    self.classCount = classCount
  }

  public var errorDefinition: Double { 0.5 }
  public var dataCount: Int { labels.count }
  public var predictionRows: Int { labels.count }

  /// Σ over prediction rows k ↔ data rows row(k), gradient scaled by `factor`.
  func accumulate(
    count: Int, row: (Int) -> Int, predictions z: Matrix, gradient: inout Matrix,
    wantsGradient: Bool, factor: Double
  ) -> Double {
    precondition(z.columns == classCount, "expected \(classCount) logit columns")
    let n = z.rows
    var sum = 0.0
    z.elements.withUnsafeBufferPointer { zz in
      for k in 0..<count {
        var top = -Double.infinity
        for o in 0..<classCount { top = Swift.max(top, zz[k + o * n]) }
        guard top.isFinite else {
          sum = .infinity
          if wantsGradient {
            for o in 0..<classCount { gradient.elements[k + o * n] = .nan }
          }
          continue
        }
        var total = 0.0
        for o in 0..<classCount { total += Foundation.exp(zz[k + o * n] - top) }
        let label = labels[row(k)]
        sum += top + Foundation.log(total) - zz[k + label * n]
        if wantsGradient {
          for o in 0..<classCount {
            let p = Foundation.exp(zz[k + o * n] - top) / total
            gradient.elements[k + o * n] = factor * (p - (o == label ? 1 : 0))
          }
        }
      }
    }
    return factor * sum
  }

  public func value(predictions: Matrix) -> Double {
    var none = Matrix(rows: 0, columns: 0)
    return accumulate(
      count: labels.count, row: { $0 }, predictions: predictions, gradient: &none,
      wantsGradient: false, factor: 1)
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    return accumulate(
      count: labels.count, row: { $0 }, predictions: predictions, gradient: &gradient,
      wantsGradient: true, factor: 1)
  }

  /// N/B · Σ over the batch.
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix)
    -> Double
  {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let factor = rows.isEmpty ? 0 : Double(labels.count) / Double(rows.count)
    return accumulate(
      count: rows.count, row: { rows[$0] }, predictions: predictions,
      gradient: &gradient, wantsGradient: true, factor: factor)
  }
}
