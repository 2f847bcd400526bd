/// The outcome of one pseudo-experiment: its index, how its fit ended, the fitted
/// values and errors, the minimum of the objective and, if asked, profile intervals.
///
/// Records carry their toy index, so a study's records can be written as they
/// finish, merged from shards and resumed: a record depends on nothing but the study
/// and its index.
public struct ToyRecord: Sendable, Hashable, Codable {
  /// How a toy ended.
  public enum Status: String, Sendable, Hashable, Codable {
    /// The fit converged: the toy enters every statistic.
    case converged
    /// The fit ran but did not converge (`reason` says why).
    case notConverged
    /// No pseudo-data could be drawn, or the fit could not be set up.
    case failed
  }

  /// The toy's index in the study, 0 ..< N; its random stream is
  /// `RandomSource.stream(seed:index:)` with this index.
  public var index: Int
  /// How the toy's fit ended.
  public var status: Status
  /// Why a toy did not converge or failed; nil when it converged.
  public var reason: String?
  /// Fitted values of all parameters, in model order (empty when failed).
  public var values: [Double]
  /// Parabolic errors of all parameters (NaN where not determined; empty when failed).
  public var errors: [Double]
  /// The objective at the toy's minimum (NaN when failed).
  public var minimum: Double
  /// The number of data values of the pseudo-experiment (events for unbinned fits).
  public var dataCount: Int
  /// Profile intervals of the study's ``ToyStudy/Configuration/minos`` parameters, in
  /// that order (empty when not asked for, or when the fit did not converge).
  public var intervals: [ToyInterval]

  /// A record with every field given (see the properties).
  public init(
    index: Int, status: Status, reason: String?, values: [Double], errors: [Double],
    minimum: Double, dataCount: Int, intervals: [ToyInterval]
  ) {
    self.index = index
    self.status = status
    self.reason = reason
    self.values = values
    self.errors = errors
    self.minimum = minimum
    self.dataCount = dataCount
    self.intervals = intervals
  }

  /// A toy that could not be drawn or set up.
  static func failed(_ index: Int, _ reason: String) -> ToyRecord {
    ToyRecord(
      index: index, status: .failed, reason: reason, values: [], errors: [], minimum: .nan,
      dataCount: 0, intervals: [])
  }

  enum CodingKeys: String, CodingKey {
    case index, status, reason, values, errors, minimum, dataCount, intervals
  }

  /// Reads a record; `null` numbers become NaN.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    index = try c.decode(Int.self, forKey: .index)
    status = try c.decode(Status.self, forKey: .status)
    reason = try c.decodeIfPresent(String.self, forKey: .reason)
    values = try c.decode([NullableDouble].self, forKey: .values).doubles
    errors = try c.decode([NullableDouble].self, forKey: .errors).doubles
    minimum = try c.decode(NullableDouble.self, forKey: .minimum).value
    dataCount = try c.decode(Int.self, forKey: .dataCount)
    intervals = try c.decode([ToyInterval].self, forKey: .intervals)
  }

  /// Writes the record; non-finite numbers as `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(index, forKey: .index)
    try c.encode(status, forKey: .status)
    try c.encode(reason, forKey: .reason)
    try c.encode(values.nullable, forKey: .values)
    try c.encode(errors.nullable, forKey: .errors)
    try c.encode(NullableDouble(minimum), forKey: .minimum)
    try c.encode(dataCount, forKey: .dataCount)
    try c.encode(intervals, forKey: .intervals)
  }
}

/// A toy's profile interval of one parameter: signed errors (lower ≤ 0 ≤ upper) and
/// the status codes of the two sides (``EdgeStatus/code``).
public struct ToyInterval: Sendable, Hashable, Codable {
  /// Crossing − θ̂ below, NaN unless found.
  public var lower: Double
  /// Crossing − θ̂ above, NaN unless found.
  public var upper: Double
  /// The lower side's ``EdgeStatus/code`` ("found", "beyondLimit", …).
  public var lowerStatus: String
  /// The upper side's ``EdgeStatus/code``.
  public var upperStatus: String

  /// Whether both crossings were found.
  public var isValid: Bool { lowerStatus == "found" && upperStatus == "found" }

  /// The signed errors and side codes of a profile interval.
  public init(_ interval: ProfileInterval) {
    let found = (interval.lower.status.isFound, interval.upper.status.isFound)
    lower = found.0 ? interval.lower.error ?? .nan : .nan
    upper = found.1 ? interval.upper.error ?? .nan : .nan
    lowerStatus = interval.lower.status.code
    upperStatus = interval.upper.status.code
  }

  enum CodingKeys: String, CodingKey { case lower, upper, lowerStatus, upperStatus }

  /// Reads an interval; `null` errors become NaN.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    lower = try c.decode(NullableDouble.self, forKey: .lower).value
    upper = try c.decode(NullableDouble.self, forKey: .upper).value
    lowerStatus = try c.decode(String.self, forKey: .lowerStatus)
    upperStatus = try c.decode(String.self, forKey: .upperStatus)
  }

  /// Writes the interval; non-finite errors as `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(NullableDouble(lower), forKey: .lower)
    try c.encode(NullableDouble(upper), forKey: .upper)
    try c.encode(lowerStatus, forKey: .lowerStatus)
    try c.encode(upperStatus, forKey: .upperStatus)
  }
}
