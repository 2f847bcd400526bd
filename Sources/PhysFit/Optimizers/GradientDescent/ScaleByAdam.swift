import Foundation

/// Adam's scaling (Kingma & Ba 2015, Algorithm 1), at step t = 1, 2, …:
///
///     m ← β₁ m + (1 − β₁) u          v ← β₂ v + (1 − β₂) u²
///     m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
///     u ← m̂ / (√v̂ + ε)
///
/// Each coordinate's step is normalised by a running estimate of its gradient's
/// size, so that followed by ``ScaleByLearningRate`` every coordinate moves by about
/// η per step whatever the scale of its gradient. ε sits outside the square root, as in
/// the paper and in optax and PyTorch.
public struct ScaleByAdam: GradientTransformation {
  /// β₁, the decay of the first-moment (mean) estimate.
  public let beta1: Double
  /// β₂, the decay of the second-moment (uncentred variance) estimate.
  public let beta2: Double
  /// ε, added to √v̂ so that a zero gradient does not divide by zero.
  public let epsilon: Double

  /// Defaults from Kingma & Ba (2015), §2 ("good default settings for the tested
  /// machine learning problems"), kept by every major library: β₁ = 0.9 (a first-moment
  /// memory of about 10 steps), β₂ = 0.999 (a second-moment memory of about 1000
  /// steps, long enough for a stable per-coordinate scale), ε = 10⁻⁸ (only guards the
  /// division where a gradient coordinate has been exactly zero).
  public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public struct State {
    /// First moment m.
    public var mean: [Double]
    /// Second moment v.
    public var meanSquare: [Double]
    /// Steps taken, t.
    public var count: Int
    /// β₁ᵗ and β₂ᵗ, kept as running products.
    var beta1Power: Double
    var beta2Power: Double
  }

  public func makeState(dimension: Int) -> State {
    State(
      mean: Array(repeating: 0, count: dimension),
      meanSquare: Array(repeating: 0, count: dimension), count: 0, beta1Power: 1,
      beta2Power: 1)
  }

  public func update(_ updates: inout [Double], state: inout State, parameters: [Double]) {
    state.count += 1
    state.beta1Power *= beta1
    state.beta2Power *= beta2
    let (b1, b2, eps) = (beta1, beta2, epsilon)
    let correction1 = 1 - state.beta1Power
    let correction2 = 1 - state.beta2Power
    let (r1, r2) = (1 / correction1, 1 / correction2)
    updates.withUnsafeMutableBufferPointer { u in
      state.mean.withUnsafeMutableBufferPointer { m in
        state.meanSquare.withUnsafeMutableBufferPointer { v in
          for i in u.indices {
            let g = u[i]
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            u[i] = m[i] * r1 / ((v[i] * r2).squareRoot() + eps)
          }
        }
      }
    }
  }

  public func validate() throws(GradientDescentError) {
    try GradientDescentError.check("Adam β1", beta1, in: 0, 1)
    try GradientDescentError.check("Adam β2", beta2, in: 0, 1)
    try GradientDescentError.checkPositive("Adam ε", epsilon)
  }

  public var description: String { "scaleByAdam(β1: \(beta1), β2: \(beta2), ε: \(epsilon))" }
}

extension GradientTransformation where Self == ScaleByAdam {
  /// Adam's per-coordinate scaling; defaults from Kingma & Ba (2015).
  public static func scaleByAdam(
    beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8
  ) -> Self {
    ScaleByAdam(beta1: beta1, beta2: beta2, epsilon: epsilon)
  }
}
