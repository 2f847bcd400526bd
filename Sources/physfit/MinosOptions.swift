import ArgumentParser
import PhysFit

/// `--minos [PARAMS]` and `--cl` of `physfit fit`: profile-likelihood (MINOS-style)
/// intervals beside the parabolic errors.
struct MinosOptions: ParsableArguments {
  @Option(
    name: .customLong("minos"), defaultAsFlag: "all", parsing: .next,
    help: ArgumentHelp(
      "Add profile-likelihood (MINOS-style) intervals of the listed parameters (comma-"
        + "separated; all free parameters without a list) beside the parabolic errors. "
        + "Write it after the data file, or as --minos=a,b.",
      valueName: "params"))
  var minos: String? = nil

  @Option(
    name: .customLong("cl"),
    help: ArgumentHelp(
      "Confidence level of the intervals, in (0, 1): Δ = UP·k², k = Φ⁻¹((1 + CL)/2). "
        + "Default 0.6827 (one standard deviation, Δχ² = 1, Δ(−ln ℒ) = ½).",
      valueName: "cl"))
  var cl: Double?

  mutating func validate() throws {
    _ = try Self.level(cl)
    if cl != nil && minos == nil {
      throw ValidationError("--cl is a setting of --minos (the level of its intervals)")
    }
    _ = try parameters()
  }

  /// The confidence level of `--cl` (one standard deviation by default); a usage error
  /// outside (0, 1).
  static func level(_ cl: Double?, option: String = "--cl") throws -> ConfidenceLevel {
    guard let cl else { return .oneSigma }
    do {
      return try ConfidenceLevel(cl)
    } catch {
      throw ValidationError("\(option) '\(cl.formatted)': must lie strictly between 0 and 1")
    }
  }

  /// The `--minos` list: nil when not asked, an empty list for all free parameters.
  func parameters() throws -> [String]? {
    guard let minos else { return nil }
    if minos == "all" { return [] }
    let names = DataOptions.split(minos)
    for name in names where !DataOptions.isIdentifier(name) {
      throw ValidationError("--minos '\(minos)': '\(name)' is not a parameter name")
    }
    return names
  }

  /// The follow-up that computes the intervals, or nil without `--minos`.
  func followUp() throws -> MinosRun? {
    guard let names = try parameters() else { return nil }
    return MinosRun(parameters: names.isEmpty ? nil : names, level: try Self.level(cl))
  }
}

/// Computes the profile intervals of a minimised fit for `physfit fit --minos`.
final class MinosRun: FitFollowUp {
  /// The parameters asked for; nil for all free ones.
  let parameters: [String]?
  let level: ConfidenceLevel
  /// The intervals, once the fit has run.
  private(set) var report: MinosReport?

  init(parameters: [String]?, level: ConfidenceLevel) {
    self.parameters = parameters
    self.level = level
  }

  func run<M: Model, O: Objective>(
    fit: Fit<M, O>, result: FitResult, minimizer: FitMinimizer<M, O>
  ) throws {
    for name in parameters ?? [] {
      guard let p = fit.parameters[name] else {
        throw CLIError.input(
          "--minos: unknown parameter '\(name)' (the model has: "
            + fit.parameters.names.joined(separator: ", ") + ")")
      }
      if p.isFixed {
        throw CLIError.input(
          "--minos: '\(name)' is fixed (--fix): only free parameters have intervals")
      }
    }
    guard result.converged else {
      report = MinosReport(level: level, skipped: "the fit did not converge")
      return
    }
    do {
      let profile = try ProfileLikelihood(fit: fit, minimum: result, minimizer: minimizer)
      report = MinosReport(
        level: level, errorUnit: profile.errorUnit,
        intervals: try profile.intervals(for: parameters, level: level))
    } catch {
      report = MinosReport(level: level, skipped: "\(error)")
    }
  }
}
