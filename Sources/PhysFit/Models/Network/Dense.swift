/// A fully connected layer, a = φ(z) with z = W x + b for each point: the lecture's
/// neuron z = Σᵢ wᵢxᵢ + b, `outputs` of them side by side.
///
/// A value: the layer describes its shape and activation; its weights live in the
/// network's parameter vector θ (see ``Network``), so that every optimizer sees them.
/// W is `outputs × inputs`, b has `outputs` entries.
public struct Dense: Sendable, Hashable, Codable {
  /// Width of the layer's input (fan-in).
  public var inputs: Int
  /// Number of units (fan-out).
  public var outputs: Int
  /// The activation φ applied to z = W x + b.
  public var activation: Activation
  /// Weight initialisation; nil uses ``Activation/defaultInitialization``.
  public var initialization: WeightInitialization?

  /// `Dense(2, 64, .tanh)`: 2 inputs, 64 units, tanh. The activation defaults to
  /// identity, the usual last layer of a regression network (and of a classifier,
  /// whose logits go to a cross-entropy).
  public init(
    _ inputs: Int, _ outputs: Int, _ activation: Activation = .identity,
    initialization: WeightInitialization? = nil
  ) {
    self.inputs = inputs
    self.outputs = outputs
    self.activation = activation
    self.initialization = initialization
  }

  /// outputs·inputs weights plus outputs biases.
  public var parameterCount: Int { outputs * (inputs + 1) }

  /// The rule that draws W.
  public var effectiveInitialization: WeightInitialization {
    initialization ?? activation.defaultInitialization
  }
}
