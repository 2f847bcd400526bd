/// What a toy study is: everything its result files must agree on before they can
/// be merged, and everything its report needs besides the records.
public struct ToyStudyHeader: Sendable, Hashable, Codable {
  /// The seed of every toy's random stream.
  public var seed: UInt64
  /// N, the number of toys of the whole study (all shards).
  public var toys: Int
  /// All parameter names, in model order.
  public var parameters: [String]
  /// Whether each parameter was free (pulls are reported for free ones).
  public var free: [Bool]
  /// θ_true, the values the toys are drawn from.
  public var truth: [Double]
  /// The objective's minimum on the real data (for the goodness-of-fit p-value).
  public var observedMinimum: Double
  /// The objective's error definition.
  public var errorDefinition: Double
  /// The confidence level of the coverage tests.
  public var confidenceLevel: Double
  /// Parameters with profile intervals in every toy.
  public var minos: [String]
  /// What was fitted — model, data, objective, settings — as the program that ran the
  /// study describes it; shards with different fingerprints are different studies.
  public var fingerprint: String

  /// A header with every field given (see the properties).
  public init(
    seed: UInt64, toys: Int, parameters: [String], free: [Bool], truth: [Double],
    observedMinimum: Double, errorDefinition: Double, confidenceLevel: Double, minos: [String],
    fingerprint: String
  ) {
    self.seed = seed
    self.toys = toys
    self.parameters = parameters
    self.free = free
    self.truth = truth
    self.observedMinimum = observedMinimum
    self.errorDefinition = errorDefinition
    self.confidenceLevel = confidenceLevel
    self.minos = minos
    self.fingerprint = fingerprint
  }

  /// The first difference from `other` that makes the two different studies, as
  /// "what: this vs other", or nil when they are the same study. Truth and observed
  /// minimum may differ by 10⁻⁹ relative: the fit of the real data may round
  /// differently on another machine (BLAS kernels differ between CPUs).
  public func difference(from other: ToyStudyHeader) -> String? {
    func close(_ a: Double, _ b: Double) -> Bool {
      a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }
    if seed != other.seed { return "seed: \(seed) vs \(other.seed)" }
    if toys != other.toys { return "number of toys: \(toys) vs \(other.toys)" }
    if fingerprint != other.fingerprint {
      return "model, data or settings: \(fingerprint) vs \(other.fingerprint)"
    }
    if parameters != other.parameters || free != other.free {
      return
        "parameters: \(parameters.joined(separator: ",")) vs \(other.parameters.joined(separator: ","))"
    }
    if truth.count != other.truth.count || !zip(truth, other.truth).allSatisfy(close) {
      return "true values: \(truth) vs \(other.truth)"
    }
    if !close(observedMinimum, other.observedMinimum) {
      return "observed minimum: \(observedMinimum) vs \(other.observedMinimum)"
    }
    if errorDefinition != other.errorDefinition {
      return "error definition: \(errorDefinition) vs \(other.errorDefinition)"
    }
    if confidenceLevel != other.confidenceLevel {
      return "confidence level: \(confidenceLevel) vs \(other.confidenceLevel)"
    }
    if minos != other.minos {
      return "profile-interval parameters: \(minos) vs \(other.minos)"
    }
    return nil
  }

  enum CodingKeys: String, CodingKey {
    case seed, toys, parameters, free, truth, observedMinimum, errorDefinition
    case confidenceLevel, minos, fingerprint
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    seed = try c.decode(UInt64.self, forKey: .seed)
    toys = try c.decode(Int.self, forKey: .toys)
    parameters = try c.decode([String].self, forKey: .parameters)
    free = try c.decode([Bool].self, forKey: .free)
    truth = try c.decode([NullableDouble].self, forKey: .truth).doubles
    observedMinimum = try c.decode(NullableDouble.self, forKey: .observedMinimum).value
    errorDefinition = try c.decode(Double.self, forKey: .errorDefinition)
    confidenceLevel = try c.decode(Double.self, forKey: .confidenceLevel)
    minos = try c.decode([String].self, forKey: .minos)
    fingerprint = try c.decode(String.self, forKey: .fingerprint)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(seed, forKey: .seed)
    try c.encode(toys, forKey: .toys)
    try c.encode(parameters, forKey: .parameters)
    try c.encode(free, forKey: .free)
    try c.encode(truth.nullable, forKey: .truth)
    try c.encode(NullableDouble(observedMinimum), forKey: .observedMinimum)
    try c.encode(errorDefinition, forKey: .errorDefinition)
    try c.encode(confidenceLevel, forKey: .confidenceLevel)
    try c.encode(minos, forKey: .minos)
    try c.encode(fingerprint, forKey: .fingerprint)
  }
}
