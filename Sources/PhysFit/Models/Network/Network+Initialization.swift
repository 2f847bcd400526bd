extension Network {
  /// A start point θ₀ drawn from `seed`: each layer's weights by its
  /// ``Dense/effectiveInitialization`` (Glorot uniform for identity, tanh and sigmoid;
  /// He normal for ReLU and softplus), biases 0.
  ///
  /// Not 1 (the default start of every other model's parameters): identical weights
  /// make all units of a layer compute the same function and receive the same
  /// gradient, so they never become different. The random draw breaks that symmetry.
  /// One seed reproduces θ₀ bit for bit (``RandomSource``).
  public func initialParameters(seed: UInt64) -> [Double] {
    var random = RandomSource(seed: seed)
    var theta = Array(repeating: 0.0, count: parameterNames.count)
    for (l, layer) in layers.enumerated() {
      let rule = layer.effectiveInitialization
      for i in 0..<(layer.outputs * layer.inputs) {
        theta[layout.weights[l] + i] = rule.sample(
          fanIn: layer.inputs, fanOut: layer.outputs, random: &random)
      }
    }
    return theta
  }

  /// The network's parameters, named, at ``initialParameters(seed:)``.
  public func makeParameters(seed: UInt64) -> ParameterSet {
    var set = ParameterSet(names: parameterNames, value: 0)
    set.values = initialParameters(seed: seed)
    return set
  }
}

extension Fit where M == Network {
  /// Sets the start values of the network's weights to
  /// ``Network/initialParameters(seed:)``, keeping any bounds and fixing. A network
  /// fit should start here: the default start (every parameter 1) is symmetric and
  /// saturates tanh and sigmoid units.
  public mutating func initializeWeights(seed: UInt64) {
    parameters.values = model.initialParameters(seed: seed)
  }
}
