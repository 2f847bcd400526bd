import Foundation

/// An elementwise activation a = φ(z) of a dense layer's pre-activation z = Σ wᵢxᵢ + b.
///
/// | case | φ(z) | φ′(z) |
/// |---|---|---|
/// | ``identity`` | z | 1 |
/// | ``sigmoid`` | 1/(1 + e^(−z)) | a(1 − a) |
/// | ``tanh`` | tanh z | 1 − a² |
/// | ``relu`` | max(z, 0) | 1 for z > 0, else 0 |
/// | ``softplus`` | ln(1 + e^z) | 1/(1 + e^(−z)) |
///
/// φ′ is written in terms of a wherever it can be (sigmoid, tanh, and ReLU, whose
/// z > 0 exactly when a > 0), so the backward pass reuses the forward activations
/// instead of evaluating exponentials again, and the forward pass keeps only A for
/// those layers (Z too only for softplus, `needsPreActivation`). tanh goes through
/// one vectorised kernel (`VectorTanh`), for batches and single values alike.
///
/// **Softmax** is not an activation here: a classifier's last layer is ``identity``
/// (the logits z), and ``CategoricalCrossEntropy`` applies the softmax inside the
/// loss, with the log-sum-exp shifted so that nothing overflows and ∂L/∂z =
/// softmax(z) − onehot(y) exactly. Likewise a binary classifier either ends in
/// ``sigmoid`` with ``BinaryCrossEntropy/Input/probabilities`` (the lecture's Bernoulli
/// output) or in ``identity`` with ``BinaryCrossEntropy/Input/logits`` (the stable form).
public enum Activation: String, Sendable, Hashable, Codable, CaseIterable {
  /// φ(z) = z: the output layer of a regression network, or logits.
  case identity
  /// φ(z) = 1/(1 + e^(−z)): a probability, the lecture's Bernoulli output.
  case sigmoid
  /// φ(z) = tanh z: a smooth, zero-centred hidden activation.
  case tanh
  /// φ(z) = max(z, 0): the rectifier, piecewise linear.
  case relu
  /// φ(z) = ln(1 + e^z): a smooth rectifier.
  case softplus

  /// The initialisation that keeps this activation's signal variance steady through
  /// depth: He (Kaiming) normal for the rectifiers ReLU and softplus, whose output
  /// halves the variance, Glorot (Xavier) uniform for the activations that are
  /// linear with slope ≤ 1 near 0 (identity, tanh, sigmoid).
  public var defaultInitialization: WeightInitialization {
    switch self {
    case .relu, .softplus: .heNormal
    case .identity, .sigmoid, .tanh: .glorotUniform
    }
  }

  /// The logistic function 1/(1 + e^(−z)), computed from e^(−|z|) so it never overflows.
  @inlinable
  static func logistic(_ z: Double) -> Double {
    let e = Foundation.exp(-Swift.abs(z))
    return z >= 0 ? 1 / (1 + e) : e / (1 + e)
  }

  /// φ(z) for one value (sigmoid and softplus in their overflow-free forms; tanh through
  /// the same kernel as the batched layers).
  public func callAsFunction(_ z: Double) -> Double {
    switch self {
    case .identity: return z
    case .sigmoid: return Activation.logistic(z)
    case .tanh: return VectorTanh.tanh(z)
    case .relu: return z > 0 ? z : 0
    case .softplus: return Swift.max(z, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(z)))
    }
  }

  /// φ′(z), given z and a = φ(z).
  @inlinable
  public func derivative(z: Double, a: Double) -> Double {
    switch self {
    case .identity: return 1
    case .sigmoid: return a * (1 - a)
    case .tanh: return 1 - a * a
    case .relu: return z > 0 ? 1 : 0
    case .softplus: return Activation.logistic(z)
    }
  }

  /// Whether φ′ needs the pre-activation z (softplus); the others take φ′ from a alone,
  /// so a network keeps only A for their layers and applies φ in place.
  var needsPreActivation: Bool { self == .softplus }

  /// a ← φ(z) over `count` values; `a` may be `z` (in place).
  func apply(_ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>, count: Int) {
    switch self {
    case .identity: if UnsafePointer(a) != z { a.update(from: z, count: count) }
    case .relu: Self.rectify(z, into: a, count: count)
    case .tanh: VectorTanh.apply(z, into: a, count: count)
    case .sigmoid, .softplus: for i in 0..<count { a[i] = self(z[i]) }
    }
  }

  /// δ ← δ ⊙ φ′(z) over `count` values, with a = φ(z) from the forward pass (z is read
  /// only by softplus; for the other activations it may be any pointer, e.g. `a`).
  func multiplyByDerivative(
    _ delta: UnsafeMutablePointer<Double>, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
    count: Int
  ) {
    switch self {
    case .identity: return
    case .sigmoid: for i in 0..<count { delta[i] *= a[i] * (1 - a[i]) }
    case .tanh: for i in 0..<count { delta[i] *= 1 - a[i] * a[i] }
    case .relu: Self.keepWherePositive(delta, a, count: count)
    case .softplus: for i in 0..<count { delta[i] *= Activation.logistic(z[i]) }
    }
  }

  /// a ← max(z, 0) (0 for NaN), four values at a time.
  static func rectify(_ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>, count: Int)
  {
    typealias Lanes = SIMD4<Double>
    var i = 0
    while i + 4 <= count {
      var v = UnsafeRawPointer(z + i).loadUnaligned(as: Lanes.self)
      v.replace(with: 0, where: .!(v .> 0))
      UnsafeMutableRawPointer(a + i).storeBytes(of: v, as: Lanes.self)
      i += 4
    }
    while i < count {
      a[i] = z[i] > 0 ? z[i] : 0
      i += 1
    }
  }

  /// δ ← 0 where a ≤ 0 (ReLU′ = [a > 0]), four values at a time.
  static func keepWherePositive(
    _ delta: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, count: Int
  ) {
    typealias Lanes = SIMD4<Double>
    var i = 0
    while i + 4 <= count {
      var d = UnsafeRawPointer(delta + i).loadUnaligned(as: Lanes.self)
      let v = UnsafeRawPointer(a + i).loadUnaligned(as: Lanes.self)
      d.replace(with: 0, where: .!(v .> 0))
      UnsafeMutableRawPointer(delta + i).storeBytes(of: d, as: Lanes.self)
      i += 4
    }
    while i < count {
      if !(a[i] > 0) { delta[i] = 0 }
      i += 1
    }
  }
}
