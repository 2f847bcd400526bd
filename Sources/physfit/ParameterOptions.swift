import ArgumentParser
import PhysFit

/// Start values, bounds and fixing of the fit parameters: `--param`, `--bounds`, `--fix`.
///
/// Each option repeats and also takes comma-separated lists, so `--param A=100,tau=2`
/// equals `--param A=100 --param tau=2`. Names are checked against the model when the
/// fit is set up (see ``ParameterSettings/apply(to:guesses:)``); everything that can be
/// checked without the model is checked in `validate()`.
struct ParameterOptions: ParsableArguments {
  @Option(
    name: .customLong("param"),
    help: ArgumentHelp(
      "Start value NAME=VALUE; repeat or separate by commas (A=100,tau=2). Parameters "
        + "without one start at the built-in model's data-driven guess when the formula uses "
        + "built-in models, else at 1.",
      valueName: "name=value"))
  var starts: [String] = []

  @Option(
    name: .customLong("bounds"),
    help: ArgumentHelp(
      "Bounds NAME=LOW:HIGH; either side may be empty for a one-sided bound (tau=0:). "
        + "Repeat or separate by commas.",
      valueName: "name=low:high"))
  var bounds: [String] = []

  @Option(
    name: .customLong("fix"),
    help: ArgumentHelp(
      "Fix a parameter at its start value (NAME) or at VALUE (NAME=VALUE). Repeat or "
        + "separate by commas.",
      valueName: "name[=value]"))
  var fixes: [String] = []

  mutating func validate() throws {
    _ = try settings()
  }

  /// The parsed settings. Throws `ValidationError` (exit 64) for a malformed item,
  /// a repeated name, empty bounds, or a start value outside its bounds.
  func settings() throws -> ParameterSettings {
    var result = ParameterSettings()
    for item in starts.flatMap(DataOptions.split) {
      let (name, text) = try Self.nameAndValue(item, option: "--param")
      guard let text else {
        throw ValidationError("--param '\(item)': expected NAME=VALUE")
      }
      let value = try Self.number(text, option: "--param", item: item)
      guard result.starts[name] == nil else {
        throw ValidationError("--param '\(item)': '\(name)' is given a start value twice")
      }
      result.starts[name] = ParameterSettings.Entry(value: value, item: item)
    }
    for item in bounds.flatMap(DataOptions.split) {
      let (name, text) = try Self.nameAndValue(item, option: "--bounds")
      guard let text else {
        throw ValidationError("--bounds '\(item)': expected NAME=LOW:HIGH")
      }
      let sides = text.split(separator: ":", omittingEmptySubsequences: false)
      guard sides.count == 2 else {
        throw ValidationError(
          "--bounds '\(item)': expected NAME=LOW:HIGH with one ':' (either side may be empty)")
      }
      let lowText = String(sides[0]).trimmingWhitespace()
      let highText = String(sides[1]).trimmingWhitespace()
      var low = lowText.isEmpty ? nil : try Self.bound(lowText, item: item)
      var high = highText.isEmpty ? nil : try Self.bound(highText, item: item)
      if low == -.infinity { low = nil }
      if high == .infinity { high = nil }
      if low == nil && high == nil {
        throw ValidationError("--bounds '\(item)': give at least one finite bound")
      }
      if let low, let high, !(low < high) {
        throw ValidationError(
          "--bounds '\(item)': lower bound \(lowText) is not below upper bound \(highText)")
      }
      guard result.bounds[name] == nil else {
        throw ValidationError("--bounds '\(item)': '\(name)' is given bounds twice")
      }
      result.bounds[name] = ParameterSettings.Bounds(lower: low, upper: high, item: item)
    }
    for item in fixes.flatMap(DataOptions.split) {
      let (name, text) = try Self.nameAndValue(item, option: "--fix")
      let value = try text.map { try Self.number($0, option: "--fix", item: item) }
      guard result.fixes[name] == nil else {
        throw ValidationError("--fix '\(item)': '\(name)' is fixed twice")
      }
      if value != nil, let start = result.starts[name] {
        throw ValidationError(
          "--fix '\(item)' and --param '\(start.item)' both set the value of '\(name)'")
      }
      result.fixes[name] = ParameterSettings.Fix(value: value, item: item)
    }
    for (name, b) in result.bounds {
      let given =
        result.fixes[name]?.value.map { ($0, "--fix '\(result.fixes[name]!.item)'") }
        ?? result.starts[name].map { ($0.value, "--param '\($0.item)'") }
      guard let (value, option) = given else { continue }
      if let low = b.lower, value < low {
        throw ValidationError(
          "\(option): start value \(value.formatted) is below the lower bound of "
            + "--bounds '\(b.item)'")
      }
      if let high = b.upper, value > high {
        throw ValidationError(
          "\(option): start value \(value.formatted) is above the upper bound of "
            + "--bounds '\(b.item)'")
      }
    }
    return result
  }

  /// Splits `NAME=VALUE` (or `NAME` alone: value nil) and checks the name.
  private static func nameAndValue(_ item: String, option: String) throws -> (String, String?) {
    if item.isEmpty { throw ValidationError("\(option): empty item in the list") }
    let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let name = String(parts[0]).trimmingWhitespace()
    guard !name.isEmpty else {
      throw ValidationError("\(option) '\(item)': missing parameter name before '='")
    }
    guard DataOptions.isIdentifier(name) else {
      throw ValidationError("\(option) '\(item)': '\(name)' is not a parameter name")
    }
    guard parts.count == 2 else { return (name, nil) }
    return (name, String(parts[1]).trimmingWhitespace())
  }

  private static func number(_ text: String, option: String, item: String) throws -> Double {
    guard !text.isEmpty else {
      throw ValidationError("\(option) '\(item)': missing value after '='")
    }
    guard let value = Double(text), value.isFinite else {
      throw ValidationError("\(option) '\(item)': '\(text)' is not a finite number")
    }
    return value
  }

  private static func bound(_ text: String, item: String) throws -> Double {
    guard let value = Double(text), !value.isNaN else {
      throw ValidationError("--bounds '\(item)': '\(text)' is not a number")
    }
    return value
  }
}

/// What `--param`, `--bounds` and `--fix` asked for, by parameter name, with the item
/// as typed (for messages).
struct ParameterSettings {
  struct Entry {
    var value: Double
    var item: String
  }
  struct Bounds {
    var lower: Double?
    var upper: Double?
    var item: String
  }
  struct Fix {
    var value: Double?
    var item: String
  }

  var starts: [String: Entry] = [:]
  var bounds: [String: Bounds] = [:]
  var fixes: [String: Fix] = [:]

  /// Sets start values, bounds and fixing on `fit`.
  ///
  /// A parameter's start value is, in order of preference: its `--fix NAME=VALUE` or
  /// `--param` value; the guess from the built-in terms of the formula; 1. A start that
  /// was not given and lies outside the bounds is moved inside: to the middle of a
  /// two-sided range, or one unit (or 10 % of the bound's magnitude, if larger) inside
  /// a one-sided bound.
  ///
  /// - Throws: ``CLIError/input(_:)`` for a name the model does not have.
  func apply<M: Model, O: Objective>(
    to fit: inout Fit<M, O>, guesses: [String: Double]
  ) throws {
    let names = fit.parameters.names
    func check(_ name: String, _ option: String, _ item: String) throws {
      guard names.contains(name) else {
        throw CLIError.input(
          "\(option) '\(item)': unknown parameter '\(name)' (the model has: "
            + "\(names.joined(separator: ", ")))")
      }
    }
    for (name, entry) in starts.sorted(by: { $0.key < $1.key }) {
      try check(name, "--param", entry.item)
    }
    for (name, b) in bounds.sorted(by: { $0.key < $1.key }) {
      try check(name, "--bounds", b.item)
    }
    for (name, f) in fixes.sorted(by: { $0.key < $1.key }) { try check(name, "--fix", f.item) }

    for name in names {
      let given = fixes[name]?.value ?? starts[name]?.value
      var value = given ?? guesses[name] ?? 1
      let b = bounds[name]
      if given == nil, let b { value = Self.inside(value, lower: b.lower, upper: b.upper) }
      try fit.set(
        name, value: value, lower: b?.lower, upper: b?.upper, fixed: fixes[name] != nil)
    }
  }

  /// `value` moved inside [lower, upper] when it lies outside.
  static func inside(_ value: Double, lower: Double?, upper: Double?) -> Double {
    switch (lower, upper) {
    case (let a?, let b?): return value > a && value < b ? value : a + 0.5 * (b - a)
    case (let a?, nil): return value > a ? value : a + max(1, 0.1 * abs(a))
    case (nil, let b?): return value < b ? value : b - max(1, 0.1 * abs(b))
    case (nil, nil): return value
    }
  }
}
