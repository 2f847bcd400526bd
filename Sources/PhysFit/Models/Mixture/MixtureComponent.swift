import Foundation

/// One component of a Gaussian mixture in its natural parameters: weight w, mean μ
/// and covariance Σ (d × d, symmetric positive definite).
public struct MixtureComponent: Sendable, Equatable {
  /// Mixing weight wₖ, in (0, 1); the weights of a mixture sum to 1.
  public var weight: Double
  /// Mean μ (d values).
  public var mean: [Double]
  /// Covariance Σ (d × d).
  public var covariance: Matrix

  /// A component with weight w, mean μ (d values) and covariance Σ (d × d).
  public init(weight: Double, mean: [Double], covariance: Matrix) {
    self.weight = weight
    self.mean = mean
    self.covariance = covariance
  }

  /// A one-dimensional component N(μ, σ²).
  public init(weight: Double, mean: Double, width: Double) {
    self.init(
      weight: weight, mean: [mean],
      covariance: Matrix(rows: 1, columns: 1, repeating: width * width))
  }

  /// Widths σⱼ = √Σⱼⱼ.
  public var widths: [Double] { mean.indices.map { covariance[$0, $0].squareRoot() } }

  /// Correlation ρₐᵦ = Σₐᵦ/(σₐσᵦ).
  public func correlation(_ a: Int, _ b: Int) -> Double {
    covariance[a, b] / (covariance[a, a] * covariance[b, b]).squareRoot()
  }
}

/// The lower Cholesky factor L of a symmetric d × d matrix, Σ = LLᵀ; nil when Σ is not
/// positive definite (or not finite). d is small here (the dimension of a mixture).
func choleskyFactor(_ sigma: Matrix) -> Matrix? {
  let d = sigma.rows
  var l = Matrix(rows: d, columns: d)
  for a in 0..<d {
    for b in 0...a {
      var s = sigma[a, b]
      for c in 0..<b { s -= l[a, c] * l[b, c] }
      if a == b {
        guard s > 0, s.isFinite else { return nil }
        l[a, a] = s.squareRoot()
      } else {
        l[a, b] = s / l[b, b]
      }
    }
  }
  return l
}
