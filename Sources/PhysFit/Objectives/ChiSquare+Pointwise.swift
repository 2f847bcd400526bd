/// χ² is a sum over points, so a mini-batch B of the N points estimates it without
/// bias: χ̂² = (N/B) Σ_{i∈B} rᵢ², with ∂χ̂²/∂ŷₖ = (N/B)·2 rₖ dₖ (rᵢ = (yᵢ − ŷᵢ)/σᵢ,
/// dᵢ = −1/σᵢ). The N/B scaling keeps values, gradients and so learning rates on the
/// scale of the full χ² whatever the batch size.
extension ChiSquare: PointwiseObjective {
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix) -> Double {
    let b = rows.count
    precondition(predictions.rows == b, "one prediction row per selected point")
    gradient.resize(rows: b, columns: predictions.columns)
    guard b > 0 else { return 0 }
    let scale = Double(y.count) / Double(b)
    var sum = 0.0
    y.withUnsafeBufferPointer { y in
      predictions.elements.withUnsafeBufferPointer { p in
        gradient.elements.withUnsafeMutableBufferPointer { g in
          if let inverseSigma {
            inverseSigma.withUnsafeBufferPointer { w in
              for (k, i) in rows.enumerated() {
                let r = (y[i] - p[k]) * w[i]
                sum += r * r
                g[k] = -2 * scale * r * w[i]
              }
            }
          } else {
            for (k, i) in rows.enumerated() {
              let r = y[i] - p[k]
              sum += r * r
              g[k] = -2 * scale * r
            }
          }
        }
      }
    }
    return scale * sum
  }
}
