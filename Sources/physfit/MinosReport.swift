import Foundation
import PhysFit

/// The profile-likelihood intervals of `physfit fit --minos`, as a table beside the
/// parabolic errors and as the `minos` object of the JSON report.
///
/// ```
/// profile-likelihood intervals: CL 68.27 % (k = 1), Δχ²_λ = 1
/// parameter   value   parabolic   lower    upper
/// mu          1.06        0.30    −0.28    +0.32
/// B           2.39        0.80    −0.72    +0.89
/// ```
/// Values and errors are given to two significant digits of the smallest error.
struct MinosReport {
  var level: ConfidenceLevel
  /// Δ of one standard deviation (UP, times s² for scaled errors).
  var errorUnit: Double = .nan
  var intervals: [ProfileInterval] = []
  /// Why no interval was computed (the fit did not converge), or nil.
  var skipped: String?

  init(level: ConfidenceLevel, errorUnit: Double, intervals: [ProfileInterval]) {
    self.level = level
    self.errorUnit = errorUnit
    self.intervals = intervals
  }

  init(level: ConfidenceLevel, skipped: String) {
    self.level = level
    self.skipped = skipped
  }

  var threshold: Double { errorUnit * level.chiSquareQuantile(degreesOfFreedom: 1) }

  /// "CL 68.27 % (k = 1)".
  var levelText: String {
    "CL \(NumberFormatting.fixed(100 * level.probability, decimals: 2)) % "
      + "(k = \(NumberFormatting.compact(level.standardDeviations)))"
  }

  /// The text table, with a note line for every side that is not a crossing.
  func lines(valueName: String) -> [String] {
    guard skipped == nil else {
      return ["profile-likelihood intervals: not computed (\(skipped ?? ""))"]
    }
    var lines = [
      "profile-likelihood intervals: \(levelText), \(Self.deltaName(valueName)) = "
        + NumberFormatting.compact(threshold)
    ]
    var rows = [["parameter", "value", "parabolic", "lower", "upper"]]
    var notes: [String] = []
    for interval in intervals {
      let format = Self.format(interval)
      rows.append([
        interval.parameter, format(interval.value), format(interval.parabolicHalfWidth),
        Self.side(interval.lower, sign: "−", format), Self.side(interval.upper, sign: "+", format),
      ])
      for (name, edge) in [("lower", interval.lower), ("upper", interval.upper)]
      where !edge.status.isFound {
        notes.append("  \(interval.parameter) \(name): \(edge.status)")
      }
    }
    let widths = (0..<5).map { c in rows.map { $0[c].count }.max() ?? 0 }
    for row in rows {
      var line = row[0].padding(widths[0])
      for c in 1..<5 { line += "   " + row[c].leftPadding(widths[c]) }
      lines.append(line.trimmingTrailingSpaces())
    }
    return lines + notes
  }

  /// "Δχ²", "Δ(−ln ℒ)": the rise of the objective called `valueName`.
  static func deltaName(_ valueName: String) -> String {
    valueName.hasPrefix("−") ? "Δ(\(valueName))" : "Δ\(valueName)"
  }

  /// Value and errors to two significant digits of the smallest error (parabolic or
  /// either side), so that an asymmetry shows: 1.06, 0.30, −0.28, +0.32.
  static func format(_ interval: ProfileInterval) -> (Double) -> String {
    let errors = [interval.parabolicHalfWidth, interval.lower.error, interval.upper.error]
      .compactMap { $0.map(abs) }.filter { $0 > 0 && $0.isFinite }
    guard let smallest = errors.min() else { return { NumberFormatting.compact($0) } }
    let decimals = 1 - Int(log10(smallest).rounded(.down))
    guard (0...12).contains(decimals) else {
      return { NumberFormatting.significant($0, digits: 3) }
    }
    return { NumberFormatting.fixed($0, decimals: decimals) }
  }

  /// "−0.28" for a found lower side, "at bound" / "FAILED" / … otherwise.
  static func side(_ edge: IntervalEdge, sign: String, _ format: (Double) -> String) -> String {
    switch edge.status {
    case .found: return sign + format(abs(edge.error ?? .nan))
    case .beyondLimit: return "at bound"
    case .minimizerFailed: return "FAILED"
    case .maxIterations: return "NO CROSSING"
    case .newMinimum: return "NEW MINIMUM"
    }
  }

  /// Warnings for stderr: one per interval with a side that is not a crossing.
  var warnings: [String] {
    if let skipped { return ["no profile-likelihood intervals: \(skipped)"] }
    return intervals.filter { !$0.isValid }.map {
      "the profile-likelihood interval of '\($0.parameter)' is incomplete (see the report)"
    }
  }
}

/// The `minos` object of the JSON reports (docs/json-schema.md).
struct MinosJSON: Encodable {
  struct Edge: Encodable {
    /// crossing − value (negative below); null unless found or at a bound.
    var error: JSONNumber
    var bound: JSONNumber
    var reached: JSONNumber
    var status: String
    var message: String
    var minimizations: Int

    init(_ edge: IntervalEdge) {
      error = JSONNumber(edge.error)
      bound = JSONNumber(edge.bound)
      reached = JSONNumber(edge.reached)
      status = edge.status.code
      message = edge.status.description
      minimizations = edge.minimizations
    }
  }

  struct Interval: Encodable {
    var name: String
    var value: JSONNumber
    var parabolicError: JSONNumber
    var parabolicHalfWidth: JSONNumber
    var lower: Edge
    var upper: Edge
    var valid: Bool

    init(_ interval: ProfileInterval) {
      name = interval.parameter
      value = JSONNumber(interval.value)
      parabolicError = JSONNumber(interval.parabolicError)
      parabolicHalfWidth = JSONNumber(interval.parabolicHalfWidth)
      lower = Edge(interval.lower)
      upper = Edge(interval.upper)
      valid = interval.isValid
    }
  }

  var confidenceLevel: Double
  var standardDeviations: Double
  var threshold: JSONNumber
  var skipped: String?
  var parameters: [Interval]

  init(_ report: MinosReport) {
    confidenceLevel = report.level.probability
    standardDeviations = report.level.standardDeviations
    threshold = JSONNumber(report.skipped == nil ? report.threshold : nil)
    skipped = report.skipped
    parameters = report.intervals.map(Interval.init)
  }

  enum CodingKeys: String, CodingKey {
    case confidenceLevel, standardDeviations, threshold, skipped, parameters
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(confidenceLevel, forKey: .confidenceLevel)
    try c.encode(standardDeviations, forKey: .standardDeviations)
    try c.encode(threshold, forKey: .threshold)
    try c.encode(skipped, forKey: .skipped)
    try c.encode(parameters, forKey: .parameters)
  }
}
