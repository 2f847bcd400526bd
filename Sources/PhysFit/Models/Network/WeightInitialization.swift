/// How a dense layer's weights are drawn before training; biases always start at 0.
///
/// Both rules scale the weights with the layer's fan-in (and fan-out) so that the
/// variance of the activations neither grows nor dies away through depth, which is
/// what makes a deep network trainable from a random start.
public enum WeightInitialization: String, Sendable, Hashable, Codable, CaseIterable {
  /// Glorot & Bengio (2010): W ~ U(−a, a), a = √(6/(fan_in + fan_out)), i.e.
  /// Var W = 2/(fan_in + fan_out). For activations with slope 1 at 0 (identity, tanh;
  /// sigmoid's slope is ¼ but it is the conventional choice there as well).
  case glorotUniform
  /// He et al. (2015): W ~ N(0, 2/fan_in). A rectifier passes half of its input's
  /// variance, which the factor 2 restores.
  case heNormal

  /// One weight of a layer with the given fan-in and fan-out, drawn from `random`.
  public func sample(fanIn: Int, fanOut: Int, random: inout RandomSource) -> Double {
    switch self {
    case .glorotUniform:
      let a = (6 / Double(fanIn + fanOut)).squareRoot()
      return random.uniform(-a, a)
    case .heNormal:
      return (2 / Double(fanIn)).squareRoot() * random.normal()
    }
  }
}
