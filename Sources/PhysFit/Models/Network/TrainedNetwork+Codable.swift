/// The JSON layout of a ``TrainedNetwork`` (docs/network-format.md):
///
/// ```json
/// {
///   "format": "physfit-network", "version": 1,
///   "objective": "mse", "output": "values", "classCount": null,
///   "inputNames": ["x"], "outputNames": ["y"],
///   "layers": [
///     { "inputs": 1, "outputs": 8, "activation": "tanh",
///       "weights": [[0.12], …], "biases": [0.0, …] },
///     …
///   ],
///   "inputStandardization": { "means": [0.0], "scales": [1.7] },
///   "outputStandardization": null
/// }
/// ```
///
/// Decoding checks the architecture (as ``Network`` does), the shape of every W and b
/// against it, and that every weight is finite; each failure names the field.
extension TrainedNetwork {
  enum CodingKeys: String, CodingKey {
    case format, version, objective, output, classCount, inputNames, outputNames, layers
    case inputStandardization, outputStandardization
  }

  /// One layer in the file: shape, activation, W (outputs rows × inputs) and b.
  struct Layer: Codable {
    var inputs: Int
    var outputs: Int
    var activation: Activation
    var weights: [[Double]]
    var biases: [Double]
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(Self.formatName, forKey: .format)
    try c.encode(Self.formatVersion, forKey: .version)
    try c.encode(objective, forKey: .objective)
    try c.encode(output, forKey: .output)
    try c.encode(classCount, forKey: .classCount)
    try c.encode(network.inputNames, forKey: .inputNames)
    try c.encode(outputNames, forKey: .outputNames)
    let layers = network.layers.enumerated().map { l, layer in
      let offset = network.layout.weights[l]
      let count = layer.outputs * layer.inputs
      return Layer(
        inputs: layer.inputs, outputs: layer.outputs, activation: layer.activation,
        weights: (0..<layer.outputs).map { o in
          (0..<layer.inputs).map { j in parameters[offset + o + j * layer.outputs] }
        },
        biases: Array(parameters[(offset + count)..<(offset + count + layer.outputs)]))
    }
    try c.encode(layers, forKey: .layers)
    try c.encode(network.inputStandardization, forKey: .inputStandardization)
    try c.encode(network.outputStandardization, forKey: .outputStandardization)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func corrupt(_ key: CodingKeys, _ why: String) -> DecodingError {
      DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: why)
    }
    let version = try c.decode(Int.self, forKey: .version)
    guard version == Self.formatVersion else {
      throw corrupt(
        .version,
        "version \(version) is not supported (this program reads version "
          + "\(Self.formatVersion))")
    }
    let layers = try c.decode([Layer].self, forKey: .layers)
    var theta: [Double] = []
    for (l, layer) in layers.enumerated() {
      let at = "layers[\(l)]"
      guard layer.weights.count == layer.outputs else {
        throw corrupt(
          .layers,
          "\(at).weights has \(layer.weights.count) row(s) but the layer has "
            + "\(layer.outputs) output(s)")
      }
      for (o, row) in layer.weights.enumerated() where row.count != layer.inputs {
        throw corrupt(
          .layers,
          "\(at).weights[\(o)] has \(row.count) weight(s) but the layer has "
            + "\(layer.inputs) input(s)")
      }
      guard layer.biases.count == layer.outputs else {
        throw corrupt(
          .layers,
          "\(at).biases has \(layer.biases.count) value(s) but the layer has "
            + "\(layer.outputs) output(s)")
      }
      for j in 0..<layer.inputs {
        for o in 0..<layer.outputs {
          let w = layer.weights[o][j]
          guard w.isFinite else { throw corrupt(.layers, "\(at).weights[\(o)][\(j)] is \(w)") }
          theta.append(w)
        }
      }
      for (o, b) in layer.biases.enumerated() {
        guard b.isFinite else { throw corrupt(.layers, "\(at).biases[\(o)] is \(b)") }
        theta.append(b)
      }
    }
    var network: Network
    do {
      network = try Network(
        inputNames: try c.decode([String].self, forKey: .inputNames),
        layers: layers.map { Dense($0.inputs, $0.outputs, $0.activation) })
    } catch let error as NetworkError {
      throw corrupt(.layers, error.description)
    }
    do {
      try network.setStandardization(
        inputs: try c.decodeIfPresent(Standardization.self, forKey: .inputStandardization),
        outputs: try c.decodeIfPresent(Standardization.self, forKey: .outputStandardization))
    } catch let error as NetworkError {
      throw corrupt(.inputStandardization, error.description)
    }
    let output = try c.decode(Output.self, forKey: .output)
    do {
      try self.init(
        network: network, parameters: theta,
        outputNames: try c.decode([String].self, forKey: .outputNames),
        objective: try c.decode(String.self, forKey: .objective), output: output)
    } catch let error as NetworkError {
      throw corrupt(.outputNames, error.description)
    }
    if let k = try c.decodeIfPresent(Int.self, forKey: .classCount), k != classCount {
      throw corrupt(
        .classCount,
        "is \(k) but the \(output.rawValue) output of the network has "
          + (classCount.map { "\($0) classes" } ?? "no classes"))
    }
  }
}
