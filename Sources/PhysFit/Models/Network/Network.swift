/// A feed-forward neural network (multilayer perceptron) as a ``Model``: dense layers
/// a⁽ˡ⁾ = φ⁽ˡ⁾(z⁽ˡ⁾), z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽⁰⁾ = x.
///
/// ```swift
/// let net = try Network {      // or Sequential { ... }, or Network(layers: [...])
///   Dense(2, 64, .tanh)
///   Dense(64, 1)
/// }
/// var fit = try Fit(model: net, inputs: x, objective: try MeanSquaredError(y: y))
/// fit.initializeWeights(seed: 1)
/// let result = try fit.minimize(using: GradientDescent.adam(learningRate: .constant(1e-2)))
/// ```
///
/// In the lecture's reading a network is just a very flexible model, so it is trained
/// by the same objectives (χ², MSE, cross-entropies, likelihoods) and optimizers (Adam,
/// BFGS, Levenberg–Marquardt, annealing) as a formula: its weights are the model's
/// parameter vector θ.
///
/// **Parameters θ**, layer by layer, W⁽ˡ⁾ then b⁽ˡ⁾; W⁽ˡ⁾ (outputs × inputs) column-major,
/// i.e. weight by weight `w<l>_<o>_<j>` for j = 0..<inputs, o = 0..<outputs (the
/// weight from unit j of layer l − 1 to unit o of layer l; layers count from 1,
/// units from 0), then the biases `b<l>_<o>`. Column-major W lets the batched products
/// XWᵀ, δᵀA and δW each be one `dgemm` on θ in place, without copies.
///
/// **Outputs**: the last layer's width k. A regression network usually ends in
/// ``Activation/identity``; a classifier ends in identity too (logits for
/// ``CategoricalCrossEntropy``, which applies the softmax itself, or for
/// ``BinaryCrossEntropy`` with `.logits`), or in ``Activation/sigmoid`` for
/// ``BinaryCrossEntropy`` with probabilities.
///
/// **Standardisation** (optional, saved with the network): inputs are standardised and
/// outputs un-standardised inside ``evaluate(_:parameters:into:workspace:)``, so the
/// model speaks data units to every objective (see ``Standardization``).
///
/// **Scratch**: all pre-activations Z⁽ˡ⁾, activations A⁽ˡ⁾ and backward signals δ live
/// in the caller's ``ModelWorkspace``; after the first batch of a given size no call
/// allocates.
///
/// `Codable`: the architecture (layers, input names) and the standardisation encode as
/// plain JSON values; the weights are the fit's parameter values, in
/// ``parameterNames`` order.
public struct Network: Model, Codable, Hashable {
  /// The layers, first to last.
  public let layers: [Dense]
  public let inputNames: [String]
  /// Networks are over-parameterised by design: a fit may have more weights than points.
  public var allowsMoreParametersThanData: Bool { true }
  /// Standardisation of the inputs (d columns), or nil.
  public private(set) var inputStandardization: Standardization?
  /// Standardisation of the outputs (k columns), or nil.
  public private(set) var outputStandardization: Standardization?
  public let parameterNames: [String]
  let layout: NetworkLayout

  /// A network of the given layers. Throws unless there is at least one layer, every
  /// width is at least 1, each layer's input width equals the previous layer's output
  /// width, and `inputNames` (default x1…xd) has one unique name per input.
  public init(inputNames: [String]? = nil, layers: [Dense]) throws(NetworkError) {
    guard let first = layers.first else {
      throw NetworkError("a network needs at least one layer")
    }
    for (l, layer) in layers.enumerated() {
      guard layer.inputs >= 1, layer.outputs >= 1 else {
        throw NetworkError(
          "layer \(l + 1) is \(layer.inputs) → \(layer.outputs); widths must be at least 1")
      }
      if l > 0, layer.inputs != layers[l - 1].outputs {
        throw NetworkError(
          "layer \(l + 1) reads \(layer.inputs) input(s) but layer \(l) has \(layers[l - 1].outputs) unit(s)"
        )
      }
    }
    let names = inputNames ?? (1...first.inputs).map { "x\($0)" }
    guard names.count == first.inputs else {
      throw NetworkError(
        "the first layer reads \(first.inputs) input(s) but \(names.count) input name(s) were given"
      )
    }
    guard Set(names).count == names.count else {
      throw NetworkError("input names must be unique: \(names.joined(separator: ", "))")
    }
    self.layers = layers
    self.inputNames = names
    self.parameterNames = Self.parameterNames(layers)
    self.layout = NetworkLayout(layers)
  }

  /// A network from a layer block: `try Network { Dense(2, 64, .tanh); Dense(64, 1) }`.
  public init(inputNames: [String]? = nil, @LayerBuilder _ layers: () -> [Dense])
    throws(NetworkError)
  {
    try self.init(inputNames: inputNames, layers: layers())
  }

  /// An MLP from its widths, e.g. `[2, 64, 64, 1]` for `2-64-64-1`: every hidden layer
  /// with `activation`, the last with `output` (identity by default).
  public init(
    widths: [Int], activation: Activation, output: Activation = .identity,
    inputNames: [String]? = nil
  ) throws(NetworkError) {
    guard widths.count >= 2 else {
      throw NetworkError(
        "a network needs at least an input and an output width, not \(widths.count) width(s)")
    }
    let layers = (1..<widths.count).map { l in
      Dense(widths[l - 1], widths[l], l == widths.count - 1 ? output : activation)
    }
    try self.init(inputNames: inputNames, layers: layers)
  }

  /// k = the last layer's width.
  public var outputCount: Int { layers[layers.count - 1].outputs }

  /// `w<l>_<o>_<j>` (column-major W) then `b<l>_<o>` for each layer l = 1…L.
  static func parameterNames(_ layers: [Dense]) -> [String] {
    var names: [String] = []
    for (index, layer) in layers.enumerated() {
      let l = index + 1
      for j in 0..<layer.inputs {
        for o in 0..<layer.outputs { names.append("w\(l)_\(o)_\(j)") }
      }
      for o in 0..<layer.outputs { names.append("b\(l)_\(o)") }
    }
    return names
  }

  /// Sets (or clears, with nil) the standardisations. Throws unless the input one has
  /// d columns and the output one k.
  public mutating func setStandardization(
    inputs: Standardization?, outputs: Standardization?
  ) throws(NetworkError) {
    if let inputs, inputs.count != inputNames.count {
      throw NetworkError(
        "input standardisation has \(inputs.count) column(s) but the network reads \(inputNames.count)"
      )
    }
    if let outputs, outputs.count != outputCount {
      throw NetworkError(
        "output standardisation has \(outputs.count) column(s) but the network has \(outputCount) output(s)"
      )
    }
    inputStandardization = inputs
    outputStandardization = outputs
  }

  /// A copy standardising with the column means and spreads of `inputs` (n × d) and, if
  /// given, of the regression targets `outputs` (n × k).
  public func standardized(inputs: Matrix, outputs: Matrix? = nil) throws(NetworkError)
    -> Network
  {
    var copy = self
    try copy.setStandardization(
      inputs: Standardization(columnsOf: inputs),
      outputs: try outputs.map { (m) throws(NetworkError) in try Standardization(columnsOf: m) })
    return copy
  }

  enum CodingKeys: String, CodingKey {
    case layers, inputNames, inputStandardization, outputStandardization
  }

  /// Decodes the architecture and standardisation, validated as by the initialisers.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    do {
      try self.init(
        inputNames: try c.decode([String].self, forKey: .inputNames),
        layers: try c.decode([Dense].self, forKey: .layers))
      try setStandardization(
        inputs: try c.decodeIfPresent(Standardization.self, forKey: .inputStandardization),
        outputs: try c.decodeIfPresent(Standardization.self, forKey: .outputStandardization))
    } catch let error as NetworkError {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: c.codingPath, debugDescription: error.description))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(layers, forKey: .layers)
    try c.encode(inputNames, forKey: .inputNames)
    try c.encodeIfPresent(inputStandardization, forKey: .inputStandardization)
    try c.encodeIfPresent(outputStandardization, forKey: .outputStandardization)
  }
}
