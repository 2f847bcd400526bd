/// Unbinned negative log-likelihood of a model whose output is the log of a density
/// that is normalised analytically over its inputs (such as ``GaussianMixture``):
///
///     −ln ℒ(θ) = −Σᵢ ŷᵢ,   ŷᵢ = ln f(xᵢ; θ),   ∂L/∂ŷᵢ = −1.
///
/// Unlike ``UnbinnedNLL``, which normalises f numerically over a one-dimensional range,
/// nothing here depends on a range: the data are the fit's inputs (n points × d
/// observables) and the model is responsible for ∫ f dᵈx = 1. The model gives ln f, not
/// f, so that points in the far tails — where f underflows — keep a finite, useful
/// gradient (a log-sum-exp inside the model).
///
/// **Error definition ½**, as for every −ln ℒ. `dataCount` = n points. A term
/// ŷᵢ that is NaN, −∞ (zero density) or +∞ gives L = +∞ — a step an optimizer rejects,
/// never a trap. A ``PointwiseObjective``: mini-batches estimate L by N/B·Σ_batch.
public struct LogDensityNLL: PointwiseObjective {
  /// n, the number of observed points.
  public let pointCount: Int

  /// The likelihood of `pointCount` observed points (the fit's input rows).
  /// - Throws: ``ObjectiveError`` when there are no points.
  public init(pointCount: Int) throws(ObjectiveError) {
    guard pointCount >= 1 else { throw .lengthMismatch("the unbinned sample is empty") }
    self.pointCount = pointCount
  }

  public var errorDefinition: Double { 0.5 }
  public var dataCount: Int { pointCount }
  public var predictionRows: Int { pointCount }

  public func value(predictions: Matrix) -> Double {
    predictions.elements.withUnsafeBufferPointer { Self.negativeSum($0, count: predictions.rows) }
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    writeGradient(predictions, &gradient, factor: 1)
  }

  /// N/B · (−Σ_batch ŷᵢ).
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix)
    -> Double
  {
    let factor = rows.isEmpty ? 0 : Double(pointCount) / Double(rows.count)
    return writeGradient(predictions, &gradient, factor: factor)
  }

  /// −factor·Σŷ, with ∂/∂ŷ = −factor (0 when the value is not finite: a rejected step
  /// has no useful direction).
  private func writeGradient(_ predictions: Matrix, _ gradient: inout Matrix, factor: Double)
    -> Double
  {
    precondition(predictions.columns == 1, "LogDensityNLL expects one prediction column (ln f)")
    let n = predictions.rows
    gradient.resize(rows: n, columns: 1)
    let sum = predictions.elements.withUnsafeBufferPointer { Self.negativeSum($0, count: n) }
    let value = factor * sum
    let slope = value.isFinite ? -factor : 0
    gradient.elements.withUnsafeMutableBufferPointer { g in
      for i in 0..<n { g[i] = slope }
    }
    return value.isFinite ? value : .infinity
  }

  /// −Σ ŷᵢ, or +∞ when any term is not finite.
  private static func negativeSum(_ y: UnsafeBufferPointer<Double>, count: Int) -> Double {
    var sum = 0.0
    for i in 0..<count {
      guard y[i].isFinite else { return .infinity }
      sum -= y[i]
    }
    return sum
  }
}

extension Fit where O == LogDensityNLL {
  /// An unbinned maximum-likelihood fit of a normalised log-density `model` (one output,
  /// ln f, over d inputs) to the observed points `sample` (n × d, one column per model
  /// input). No range: the model is normalised over all of ℝᵈ.
  ///
  /// ```swift
  /// let mixture = try GaussianMixture(components: 3, inputs: ["x", "y"])
  /// var fit = try Fit(model: mixture, sample: points)
  /// fit.parameters.values = try mixture.parameters(for: start)
  /// let result = try fit.minimize(using: BFGS())
  /// ```
  /// - Throws: ``FitError`` when the model has more than one output, the columns do not
  ///   match its inputs, or a value is not finite; ``ObjectiveError`` for no points.
  public init(model: M, sample: Matrix) throws {
    guard model.outputCount == 1 else {
      throw FitError.inputMismatch(
        "a log-density fit needs a model with one output (ln f); the model gives \(model.outputCount)"
      )
    }
    try self.init(model: model, inputs: sample, objective: LogDensityNLL(pointCount: sample.rows))
  }
}
