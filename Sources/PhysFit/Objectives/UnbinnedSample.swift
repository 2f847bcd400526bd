import Foundation

/// What ``UnbinnedNLL`` and ``ExtendedUnbinnedNLL`` share: the observed values, the
/// ``QuadratureRule`` over the normalisation range, and the layout of the predictions
/// — the model at the n data points, then at the K quadrature nodes.
struct UnbinnedSample: Sendable {
  /// The observed values x₁ … xₙ.
  let data: [Double]
  /// The rule that computes N(θ) = ∫ₐᵇ f dx over [a, b].
  let quadrature: QuadratureRule

  /// Checks the data and range, and makes the default rule; see
  /// ``UnbinnedNLL/init(data:range:quadrature:)`` for the arguments and errors.
  init(
    data: [Double], range: ClosedRange<Double>?, quadrature: QuadratureRule?
  ) throws(ObjectiveError) {
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
    }
    self.data = data
    self.quadrature = quadrature ?? QuadratureRule.gaussLegendre(lower: lower, upper: upper)
  }

  /// n data points followed by the K quadrature nodes.
  var predictionRows: Int { data.count + quadrature.nodes.count }
  /// The interval [a, b] of the normalisation.
  var range: ClosedRange<Double> { quadrature.lower...quadrature.upper }
  /// The data, then the quadrature nodes (an (n + K) × 1 matrix).
  var inputs: Matrix { Matrix(column: data + quadrature.nodes) }

  /// N(θ) = Σₖ wₖ f(nodeₖ) from predictions at ``inputs``.
  func integral(_ predictions: Matrix) -> Double {
    let n = data.count
    return predictions.elements.withUnsafeBufferPointer { f in
      var sum = 0.0
      for (k, w) in quadrature.weights.enumerated() { sum += w * f[n + k] }
      return sum
    }
  }

  /// Σᵢ ln f(xᵢ) over the data points; −∞ when a density there is ≤ 0 or not finite.
  func logDensitySum(_ predictions: Matrix) -> Double {
    predictions.elements.withUnsafeBufferPointer { f in
      var sum = 0.0
      for i in 0..<data.count {
        guard f[i] > 0, f[i].isFinite else { return -Double.infinity }
        sum += log(f[i])
      }
      return sum
    }
  }

  /// Writes ∂L/∂ŷ for L = −Σᵢ ln f(xᵢ) + (terms in N): −1/f(xᵢ) at data point i and
  /// `nodeScale`·wₖ at node k, where `nodeScale` = ∂L/∂N. All zeros when the value is
  /// not `finite` (a rejected step has no useful direction).
  func writeGradient(
    predictions: Matrix, into gradient: inout Matrix, nodeScale: Double, finite: Bool
  ) {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let n = data.count
    predictions.elements.withUnsafeBufferPointer { f in
      gradient.elements.withUnsafeMutableBufferPointer { g in
        for i in 0..<n { g[i] = finite ? -1 / f[i] : 0 }
        for (k, w) in quadrature.weights.enumerated() { g[n + k] = finite ? nodeScale * w : 0 }
      }
    }
  }
}
