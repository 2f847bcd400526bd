import Foundation

/// A trained network: architecture, weights, standardisation and what its outputs mean,
/// saved as the JSON file that docs/network-format.md documents (`physfit train --save`,
/// `physfit predict`).
///
/// ```swift
/// let result = try fit.minimize(using: GradientDescent.adam())
/// let trained = try TrainedNetwork(
///   network: fit.model, parameters: result.values, outputNames: ["y"], objective: "mse")
/// try trained.save(to: "sine.json")
/// let again = try TrainedNetwork.load(from: "sine.json")
/// let y = again.predict(x)            // bit for bit the same as trained.predict(x)
/// ```
///
/// The weights are stored per layer as W (one row per unit, `W[o][j]` the weight from
/// input j to unit o, so z = W·x + b as written in the lecture) and b, with every number
/// in the shortest decimal form that reads back exactly: a save–load round trip gives
/// bit-identical predictions.
public struct TrainedNetwork: Sendable, Hashable, Codable {
  /// Version of the file layout written by this code; ``load(from:)`` reads only it.
  public static let formatVersion = 1
  /// The value of the file's `format` field, which tells the file apart from other JSON.
  public static let formatName = "physfit-network"

  /// What the last layer's outputs are, which decides ``probabilities(_:)`` and
  /// ``classes(_:)``.
  public enum Output: String, Sendable, Hashable, Codable, CaseIterable {
    /// Regression: the outputs are values in the data's units.
    case values
    /// Binary classifier with a sigmoid output: one output, p(class 1).
    case probability
    /// Binary classifier with an identity output: one output, the logit z, p = σ(z).
    case logit
    /// k-class classifier: k logits, p = softmax(z).
    case logits

    /// Whether the outputs are class probabilities or logits rather than values.
    public var isClassifier: Bool { self != .values }
  }

  /// Architecture and standardisation.
  public let network: Network
  /// θ in ``Network/parameterNames`` order.
  public let parameters: [Double]
  /// Regression: one name per output. Classifiers: one name, the label column.
  public let outputNames: [String]
  /// The learning criterion it was trained with (`mse`, `chi2`, `bce`, `ce`, or any text).
  public let objective: String
  /// What the last layer's outputs mean.
  public let output: Output

  /// Number of classes of a classifier (2 for a binary one), nil for regression.
  public var classCount: Int? {
    switch output {
    case .values: nil
    case .probability, .logit: 2
    case .logits: network.outputCount
    }
  }

  /// Checks that θ has one finite value per parameter, and that the names and the output
  /// kind fit the network (one output for a binary classifier, at least two for
  /// `.logits`, one name per output for regression, one label name for classifiers).
  public init(
    network: Network, parameters: [Double], outputNames: [String], objective: String,
    output: Output = .values
  ) throws(NetworkError) {
    guard parameters.count == network.parameterNames.count else {
      throw NetworkError(
        "the network has \(network.parameterNames.count) parameters but \(parameters.count) "
          + "values were given")
    }
    if let k = parameters.firstIndex(where: { !$0.isFinite }) {
      throw NetworkError("parameter \(network.parameterNames[k]) is \(parameters[k]), not finite")
    }
    let k = network.outputCount
    switch output {
    case .values:
      guard outputNames.count == k else {
        throw NetworkError(
          "the network has \(k) output(s) but \(outputNames.count) output name(s) were given")
      }
    case .probability, .logit:
      guard k == 1 else {
        throw NetworkError("a binary classifier has 1 output, not \(k)")
      }
    case .logits:
      guard k >= 2 else {
        throw NetworkError("a k-class classifier needs at least 2 outputs (logits), not \(k)")
      }
    }
    if output.isClassifier, outputNames.count != 1 {
      throw NetworkError(
        "a classifier has one output name (the label), not \(outputNames.count)")
    }
    self.network = network
    self.parameters = parameters
    self.outputNames = outputNames
    self.objective = objective
    self.output = output
  }

  // MARK: Prediction

  /// The network's outputs for `inputs` (n × d, columns in ``Network/inputNames`` order):
  /// values for regression, p(class 1) for `.probability`, the logit(s) otherwise.
  /// `precondition`: d equals the network's input count (check it before).
  public func predict(_ inputs: Matrix) -> Matrix {
    precondition(
      inputs.columns == network.inputNames.count,
      "the network reads \(network.inputNames.count) input column(s), not \(inputs.columns)")
    return network.evaluate(inputs, parameters: parameters)
  }

  /// Class probabilities of a classifier: n × 1 with p(class 1) for a binary one, n × k
  /// with softmax(z) (shifted by max z, so nothing overflows) for a k-class one. For a
  /// regression network the outputs themselves.
  public func probabilities(_ inputs: Matrix) -> Matrix {
    var z = predict(inputs)
    let n = z.rows
    switch output {
    case .values, .probability: break
    case .logit:
      for i in 0..<n { z.elements[i] = Activation.logistic(z.elements[i]) }
    case .logits:
      let k = z.columns
      for i in 0..<n {
        var top = -Double.infinity
        for o in 0..<k { top = max(top, z.elements[i + o * n]) }
        var sum = 0.0
        for o in 0..<k {
          let e = exp(z.elements[i + o * n] - top)
          z.elements[i + o * n] = e
          sum += e
        }
        for o in 0..<k { z.elements[i + o * n] /= sum }
      }
    }
    return z
  }

  /// The predicted class of each point: p ≥ ½ → 1 for a binary classifier, the most
  /// probable class (the first on ties) for a k-class one; nil for regression.
  public func classes(_ inputs: Matrix) -> [Int]? {
    guard output.isClassifier else { return nil }
    return Self.classes(probabilities: probabilities(inputs), output: output)
  }

  /// Classes from the matrix ``probabilities(_:)`` returns.
  public static func classes(probabilities p: Matrix, output: Output) -> [Int] {
    let n = p.rows
    if output != .logits { return (0..<n).map { p.elements[$0] >= 0.5 ? 1 : 0 } }
    return (0..<n).map { i in
      var best = 0
      for o in 1..<p.columns where p.elements[i + o * n] > p.elements[i + best * n] { best = o }
      return best
    }
  }
}
