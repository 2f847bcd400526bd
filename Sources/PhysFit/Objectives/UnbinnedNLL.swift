import Foundation

/// Unbinned negative log-likelihood of a density f(x; θ) over one observable,
/// normalised numerically over a range [a, b]:
///
///     −ln ℒ(θ) = −Σᵢ ln f(xᵢ; θ) + n · ln N(θ),   N(θ) = ∫ₐᵇ f(x; θ) dx,
///
/// so the model need not be normalised (only its shape matters). N(θ) comes from a
/// fixed ``QuadratureRule``, chosen once, so the objective is an exact function of
/// the model's values at the data *and* at the quadrature nodes. The fit therefore
/// evaluates the model at ``inputs`` = [x₁ … xₙ; node₁ … node_K] in one batch, and
///
///     ∂L/∂ŷᵢ = −1/f(xᵢ)      (data point i),
///     ∂L/∂ŷₖ = n·wₖ/N        (quadrature node k).
///
/// A density ≤ 0 (or not finite) at a data point, or N ≤ 0, gives L = +∞: a step an
/// optimizer rejects, never a trap. Error definition ½; `dataCount` = n (the nodes
/// are not data). Use ``Fit/init(model:unbinned:range:quadrature:)`` to set one up.
public struct UnbinnedNLL: Objective {
  /// The observed values x₁ … xₙ.
  public let data: [Double]
  /// The rule that computes N(θ) over [a, b].
  public let quadrature: QuadratureRule

  /// - Parameters:
  ///   - data: observed values, finite and inside the range.
  ///   - range: the interval the density is normalised over; nil means the data's own
  ///     range [min x, max x].
  ///   - quadrature: the rule for N(θ); nil means ``QuadratureRule/gaussLegendre(lower:upper:panels:order:)``
  ///     with its defaults (512 nodes, relative accuracy 10⁻¹² for densities that vary
  ///     on scales ≥ (b − a)/32). Its interval must be the range.
  /// - Throws: ``ObjectiveError`` for no data, non-finite data, an empty or infinite
  ///   range, data outside the range, or a rule over another interval.
  public init(
    data: [Double], range: ClosedRange<Double>? = nil, quadrature: QuadratureRule? = nil
  ) throws(ObjectiveError) {
    self.data = data
    self.quadrature = try Self.makeRule(data: data, range: range, quadrature: quadrature)
  }

  public var errorDefinition: Double { 0.5 }
  public var dataCount: Int { data.count }
  /// n data points followed by the K quadrature nodes.
  public var predictionRows: Int { data.count + quadrature.nodes.count }
  /// The interval [a, b] of the normalisation.
  public var range: ClosedRange<Double> { quadrature.lower...quadrature.upper }

  /// The inputs a fit must evaluate the model at: the data, then the quadrature nodes
  /// (an (n + K) × 1 matrix).
  public var inputs: Matrix { Matrix(column: data + quadrature.nodes) }

  /// N(θ) = Σₖ wₖ f(nodeₖ) from predictions at ``inputs``.
  public func normalization(predictions: Matrix) -> Double {
    let n = data.count
    return predictions.elements.withUnsafeBufferPointer { f in
      var sum = 0.0
      for (k, w) in quadrature.weights.enumerated() { sum += w * f[n + k] }
      return sum
    }
  }

  public func value(predictions: Matrix) -> Double {
    let n = data.count
    let normalization = normalization(predictions: predictions)
    guard normalization > 0, normalization.isFinite else { return .infinity }
    let logSum = predictions.elements.withUnsafeBufferPointer { f in
      var sum = 0.0
      for i in 0..<n {
        guard f[i] > 0, f[i].isFinite else { return -Double.infinity }
        sum += log(f[i])
      }
      return sum
    }
    return -logSum + Double(n) * log(normalization)
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    let value = value(predictions: predictions)
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let n = data.count
    let normalization = normalization(predictions: predictions)
    let finite = value.isFinite
    let scale = Double(n) / normalization
    predictions.elements.withUnsafeBufferPointer { f in
      gradient.elements.withUnsafeMutableBufferPointer { g in
        for i in 0..<n { g[i] = finite ? -1 / f[i] : 0 }
        for (k, w) in quadrature.weights.enumerated() { g[n + k] = finite ? scale * w : 0 }
      }
    }
    return value
  }

  /// Checks the data and range, and makes the default rule.
  static func makeRule(
    data: [Double], range: ClosedRange<Double>?, quadrature: QuadratureRule?
  ) throws(ObjectiveError) -> QuadratureRule {
    guard !data.isEmpty else { throw .lengthMismatch("the unbinned data are empty") }
    if let i = data.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(what: "x", row: i + 1) }
    let lower = range?.lowerBound ?? data.min() ?? 0
    let upper = range?.upperBound ?? data.max() ?? 0
    guard lower.isFinite, upper.isFinite, lower < upper else {
      throw .invalidSetting(
        "the normalisation range [\(lower), \(upper)] must be finite and not empty")
    }
    if let i = data.firstIndex(where: { !(lower...upper).contains($0) }) {
      throw .outOfRange(
        what: "x", row: i + 1, value: data[i],
        expected: "inside the normalisation range [\(lower), \(upper)]")
    }
    if let quadrature {
      guard quadrature.lower == lower, quadrature.upper == upper else {
        throw .invalidSetting(
          "the quadrature rule covers [\(quadrature.lower), \(quadrature.upper)] but the normalisation range is [\(lower), \(upper)]"
        )
      }
      return quadrature
    }
    return QuadratureRule.gaussLegendre(lower: lower, upper: upper)
  }
}

extension Fit where O == UnbinnedNLL {
  /// An unbinned maximum-likelihood fit of the density `model` (one input, one output,
  /// not necessarily normalised) to the observed values `x`, normalised over `range`
  /// (nil: the data's range). The fit's inputs are the objective's [data; nodes].
  ///
  /// ```swift
  /// var fit = try Fit(model: ExpressionModel("exp(-t/tau)", inputs: ["t"]),
  ///                   unbinned: times, range: 0...50)
  /// let result = try fit.minimize(using: someOptimizer)
  /// ```
  public init(
    model: M, unbinned x: [Double], range: ClosedRange<Double>? = nil,
    quadrature: QuadratureRule? = nil
  ) throws {
    try checkDensityModel(model)
    let objective = try UnbinnedNLL(data: x, range: range, quadrature: quadrature)
    try self.init(model: model, inputs: objective.inputs, objective: objective)
  }
}

extension Fit where O == ExtendedUnbinnedNLL {
  /// An extended unbinned fit: `model` is the unnormalised density whose integral over
  /// `range` is the expected number of events (see ``ExtendedUnbinnedNLL``).
  public init(
    model: M, extendedUnbinned x: [Double], range: ClosedRange<Double>? = nil,
    quadrature: QuadratureRule? = nil
  ) throws {
    try checkDensityModel(model)
    let objective = try ExtendedUnbinnedNLL(data: x, range: range, quadrature: quadrature)
    try self.init(model: model, inputs: objective.inputs, objective: objective)
  }
}

/// A density over one observable: one input, one output.
private func checkDensityModel(_ model: some Model) throws {
  guard model.inputNames.count == 1, model.outputCount == 1 else {
    throw FitError.inputMismatch(
      "an unbinned fit needs a density of one observable with one output; the model reads \(model.inputNames.count) input(s) and gives \(model.outputCount) output(s)"
    )
  }
}
