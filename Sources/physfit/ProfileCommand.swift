import ArgumentParser
import Foundation
import PhysFit

/// `physfit profile`: the profile of one parameter — Δ(θ) with every other parameter
/// minimised — as data (CSV or JSON) and a figure, with its profile-likelihood interval.
struct ProfileCommand: ParsableCommand, FitSetupCommand {
  static let configuration = CommandConfiguration(
    commandName: "profile",
    abstract: "Profile one parameter of a fit: Δ of the objective with the others minimised.",
    discussion: """
      Fits the data as `physfit fit` does (same data, model, parameter, objective and \
      optimizer options), then holds --parameter at each of --points values in --scan \
      and minimises all other free parameters there, each point starting from the \
      previous one's solution. Δ = objective − minimum; the interval at --cl is where \
      Δ = UP·k² (UP the error definition, k = Φ⁻¹((1 + CL)/2)), found by root bracketing, \
      not read off the grid.

      Default scan: twice the interval on each side (three parabolic errors where a side \
      has no crossing), cut at the parameter's bounds.

      Output: the interval and the points on standard output (--json: one JSON object); \
      --output FILE.csv or FILE.json writes the points; --plot FILE.svg draws Δ with the \
      parabola of the parabolic error and the interval.

      Exit status: 0 success; 2 the fit did not converge; 64 usage; 65 input; 73 an \
      output file cannot be written.

      Example:
        physfit profile counts.csv --model "mu*s + b" --objective poisson
          --parameter mu --cl 0.9 --output mu.csv --plot mu.svg
      """
  )

  @OptionGroup(title: "Data") var data: DataOptions
  @OptionGroup(title: "Model") var modelOptions: ModelOptions
  @OptionGroup(title: "Parameters") var parameters: ParameterOptions
  @OptionGroup(title: "Objective") var objective: ObjectiveOptions
  @OptionGroup(title: "Optimizer") var optimizer: OptimizerOptions

  @Option(
    name: .customLong("parameter"),
    help: ArgumentHelp("The parameter to profile.", valueName: "name"))
  var name: String

  @Option(
    help: ArgumentHelp(
      "The values to scan, LOW:HIGH (inside the parameter's bounds). Default: twice the "
        + "interval on each side.",
      valueName: "low:high"))
  var scan: String?

  @Option(help: "Number of profile points, ≥ 2. Default 41.")
  var points = 41

  @Option(
    name: .customLong("cl"),
    help: ArgumentHelp(
      "Confidence level of the interval, in (0, 1). Default 0.6827 (one standard deviation).",
      valueName: "cl"))
  var cl: Double?

  @Option(
    help: ArgumentHelp(
      "Write the profile points to FILE.csv or FILE.json.", valueName: "file"))
  var output: String?

  @Option(help: ArgumentHelp("Write the profile figure (SVG).", valueName: "file.svg"))
  var plot: String?

  @Flag(help: "Print one JSON object (pretty-printed, sorted keys) instead of the text.")
  var json = false

  mutating func validate() throws {
    try checkFitOptions()
    guard DataOptions.isIdentifier(name) else {
      throw ValidationError("--parameter '\(name)': not a parameter name")
    }
    _ = try MinosOptions.level(cl)
    _ = try scanRange()
    guard points >= 2 else { throw ValidationError("--points \(points): need at least 2") }
    if let output { _ = try ProfileFileFormat(path: output, option: "--output") }
  }

  /// `--scan` as numbers.
  func scanRange() throws -> (Double, Double)? {
    guard let scan else { return nil }
    let sides = scan.split(separator: ":", omittingEmptySubsequences: false).map {
      String($0).trimmingWhitespace()
    }
    guard sides.count == 2, let a = Double(sides[0]), let b = Double(sides[1]), a.isFinite,
      b.isFinite
    else {
      throw ValidationError("--scan '\(scan)': expected LOW:HIGH with two finite numbers")
    }
    guard a < b else {
      throw ValidationError("--scan '\(scan)': \(sides[0]) is not below \(sides[1])")
    }
    return (a, b)
  }

  func run() throws {
    let run = ProfileRun(
      name: name, level: try MinosOptions.level(cl), scan: try scanRange(), points: points)
    let summary = try fit(with: run, purpose: "a profile")
    guard let result = run.result else {
      throw CLIError.internal("internal error: the profile was not computed")
    }
    let output = ProfileOutput(summary: summary, profile: result)
    do {
      StandardStreams.write(json ? try JSONOutput.encode(output.json) : output.text())
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError(error)
    }
    if let path = self.output {
      let format = try ProfileFileFormat(path: path, option: "--output")
      let text = format == .csv ? output.csv() : try JSONOutput.encode(output.json)
      try FitContext.write(text, to: path)
    }
    if let plot { try FitContext.write(output.figure().svg(), to: plot) }
    for warning in MinosReport(
      level: result.interval.level, errorUnit: result.profile.errorUnit,
      intervals: [result.interval]
    ).warnings {
      StandardStreams.writeWarning(warning)
    }
  }
}

/// The format of an output file, from its extension.
enum ProfileFileFormat {
  case csv
  case json

  init(path: String, option: String) throws {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "csv": self = .csv
    case "json": self = .json
    default:
      throw ValidationError("\(option) '\(path)': the file name must end in .csv or .json")
    }
  }
}

/// Computes the interval and the profile of one parameter on the minimised fit.
final class ProfileRun: FitFollowUp {
  let name: String
  let level: ConfidenceLevel
  let scan: (Double, Double)?
  let points: Int

  struct Result {
    var interval: ProfileInterval
    var profile: Profile
    /// All parameter names, in model order (for the columns of the points).
    var parameterNames: [String]
    var free: [Bool]
  }

  private(set) var result: Result?

  init(name: String, level: ConfidenceLevel, scan: (Double, Double)?, points: Int) {
    self.name = name
    self.level = level
    self.scan = scan
    self.points = points
  }

  func run<M: Model, O: Objective>(
    fit: Fit<M, O>, result minimum: FitResult, minimizer: FitMinimizer<M, O>
  ) throws {
    guard let spec = fit.parameters[name] else {
      throw CLIError.input(
        "--parameter '\(name)': unknown parameter (the model has: "
          + fit.parameters.names.joined(separator: ", ") + ")")
    }
    guard !spec.isFixed else {
      throw CLIError.input("--parameter '\(name)': the parameter is fixed (--fix)")
    }
    guard minimum.converged else { throw FitNotConverged(reason: minimum.reason) }
    var computed: Result?
    try FitContext.input("--parameter '\(name)'") {
      let profile = try ProfileLikelihood(fit: fit, minimum: minimum, minimizer: minimizer)
      let interval = try profile.interval(for: name, level: level)
      let (low, high) = scan ?? Self.defaultScan(interval, spec)
      var curve: Profile?
      try FitContext.input("--scan") {
        curve = try profile.profile(of: name, from: low, to: high, points: points)
      }
      if let curve {
        computed = Result(
          interval: interval, profile: curve, parameterNames: fit.parameters.names,
          free: fit.parameters.map { !$0.isFixed })
      }
    }
    result = computed
  }

  /// Twice the interval on each side — three parabolic half-widths where a side has no
  /// crossing (0.3·max(|θ̂|, 1) without a parabolic error) — cut at the bounds.
  static func defaultScan(_ interval: ProfileInterval, _ spec: Parameter) -> (Double, Double) {
    let v = interval.value
    var fallback = 3 * interval.parabolicHalfWidth
    if !(fallback > 0 && fallback.isFinite) { fallback = 0.3 * max(abs(v), 1) }
    let below = interval.lower.status.isFound ? -2 * (interval.lower.error ?? 0) : fallback
    let above = interval.upper.status.isFound ? 2 * (interval.upper.error ?? 0) : fallback
    var low = v - (below > 0 ? below : fallback)
    var high = v + (above > 0 ? above : fallback)
    if let a = spec.lower { low = max(low, a) }
    if let b = spec.upper { high = min(high, b) }
    return (low, high)
  }
}
