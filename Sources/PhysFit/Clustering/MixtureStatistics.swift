/// The M-step of a Gaussian mixture: the weighted sample statistics of each component
/// under responsibilities γᵢₖ (soft for EM, 0/1 for clusters):
///
///     Nₖ = Σᵢ γᵢₖ,   wₖ = Nₖ/n,   μₖ = Σᵢ γᵢₖ xᵢ / Nₖ,
///     Σₖ = Σᵢ γᵢₖ (xᵢ − μₖ)(xᵢ − μₖ)ᵀ / Nₖ + diag(floor),
///
/// the maximum-likelihood update for fixed γ. The floor keeps Σₖ positive definite
/// when a component shrinks onto a few points (where the likelihood is unbounded).
enum MixtureStatistics {
  /// One component per column of `responsibilities` (n × K); `varianceFloor` has d
  /// values. A component with Nₖ = 0 gets weight 0 and the overall mean.
  static func components(
    _ data: Matrix, responsibilities gamma: Matrix, diagonalOnly: Bool, varianceFloor: [Double]
  ) -> [MixtureComponent] {
    let n = data.rows
    let d = data.columns
    return (0..<gamma.columns).map { k in
      var total = 0.0
      var mean = Array(repeating: 0.0, count: d)
      for i in 0..<n {
        let g = gamma[i, k]
        total += g
        for a in 0..<d { mean[a] += g * data[i, a] }
      }
      let scale = total > 0 ? 1 / total : 0
      for a in 0..<d { mean[a] *= scale }
      var covariance = Matrix(rows: d, columns: d)
      for i in 0..<n {
        let g = gamma[i, k]
        for a in 0..<d {
          let ra = data[i, a] - mean[a]
          for b in 0...a where !diagonalOnly || a == b {
            covariance[a, b] += g * ra * (data[i, b] - mean[b])
          }
        }
      }
      for a in 0..<d {
        for b in 0...a {
          covariance[a, b] *= scale
          covariance[b, a] = covariance[a, b]
        }
        covariance[a, a] += varianceFloor[a]
      }
      return MixtureComponent(weight: total / Double(n), mean: mean, covariance: covariance)
    }
  }
}
