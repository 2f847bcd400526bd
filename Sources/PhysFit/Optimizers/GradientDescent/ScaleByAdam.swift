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

  /// One step over all coordinates, four at a time (SIMD square roots and divisions: a
  /// network's mini-batch step updates thousands of weights, and the scalar loop was
  /// 12 % of the 64-128-10 benchmark), on several threads for a million
  /// (`ElementwiseLoops`).
  public func update(_ updates: inout [Double], state: inout State, parameters: [Double]) {
    state.count += 1
    state.beta1Power *= beta1
    state.beta2Power *= beta2
    let (b1, b2, eps) = (beta1, beta2, epsilon)
    let (r1, r2) = (1 / (1 - state.beta1Power), 1 / (1 - state.beta2Power))
    updates.withUnsafeMutableBufferPointer { uBuffer in
      state.mean.withUnsafeMutableBufferPointer { mBuffer in
        state.meanSquare.withUnsafeMutableBufferPointer { vBuffer in
          guard let u = uBuffer.baseAddress, let m = mBuffer.baseAddress,
            let v = vBuffer.baseAddress
          else { return }
          let n = uBuffer.count
          precondition(mBuffer.count == n && vBuffer.count == n, "Adam state has another size")
          let (uu, mm, vv) = (SharedPointer(u), SharedPointer(m), SharedPointer(v))
          ElementwiseLoops.forEachRange(n) { range in
            let first = range.lowerBound
            Self.step(
              uu.base + first, mm.base + first, vv.base + first, count: range.count,
              b1: b1, b2: b2, r1: r1, r2: r2, eps: eps)
          }
        }
      }
    }
  }

  /// The update of `count` coordinates, four at a time.
  static func step(
    _ u: UnsafeMutablePointer<Double>, _ m: UnsafeMutablePointer<Double>,
    _ v: UnsafeMutablePointer<Double>, count n: Int, b1: Double, b2: Double, r1: Double,
    r2: Double, eps: Double
  ) {
    typealias Lanes = SIMD4<Double>
    var i = 0
    while i + 4 <= n {
      let g = UnsafeRawPointer(u + i).loadUnaligned(as: Lanes.self)
      let mi = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: Lanes.self) + (1 - b1) * g
      let vi = b2 * UnsafeRawPointer(v + i).loadUnaligned(as: Lanes.self) + (1 - b2) * g * g
      UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: Lanes.self)
      UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: Lanes.self)
      let step = mi * r1 / ((vi * r2).squareRoot() + eps)
      UnsafeMutableRawPointer(u + i).storeBytes(of: step, as: Lanes.self)
      i += 4
    }
    while i < n {
      let g = u[i]
      m[i] = b1 * m[i] + (1 - b1) * g
      v[i] = b2 * v[i] + (1 - b2) * g * g
      u[i] = m[i] * r1 / ((v[i] * r2).squareRoot() + eps)
      i += 1
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
