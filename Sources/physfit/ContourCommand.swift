import ArgumentParser
import Foundation
import PhysFit

/// `physfit contour`: the 2-D confidence contour of two parameters, the others
/// minimised at every point.
struct ContourCommand: ParsableCommand, FitSetupCommand {
  static let configuration = CommandConfiguration(
    commandName: "contour",
    abstract: "The confidence contour of two parameters of a fit, the others profiled.",
    discussion: """
      Fits the data as `physfit fit` does, then finds the contour of --params A,B where \
      Δ = objective − minimum reaches the level: along --points rays from the minimum \
      (spread evenly around the parabolic error ellipse), with A and B held and every \
      other free parameter minimised, the crossing is bracketed and found by Brent's \
      method.

      Level: --cl CL is the joint region of the pair, Δ = UP·F⁻¹χ²₂(CL) (2.30·UP for \
      0.6827); --nsigma N is MINUIT's mncontour convention, Δ = UP·N², whose shadow on \
      each axis is that parameter's N-σ interval. Default: --cl 0.6827.

      A ray that reaches a parameter bound, fails to minimise or finds a lower minimum is \
      flagged; the contour is then open and the report says so.

      Output: the points on standard output (--json: one JSON object); --output FILE.csv \
      or FILE.json; --plot FILE.svg draws the contour, the parabolic ellipse and the \
      minimum.

      Exit status: 0 success; 2 the fit did not converge; 64 usage; 65 input; 73 an \
      output file cannot be written.

      Example:
        physfit contour line.csv --model "a + b*x" --sigma s --params a,b --nsigma 1
          --plot ab.svg
      """
  )

  @OptionGroup(title: "Data") var data: DataOptions
  @OptionGroup(title: "Model") var modelOptions: ModelOptions
  @OptionGroup(title: "Parameters") var parameters: ParameterOptions
  @OptionGroup(title: "Objective") var objective: ObjectiveOptions
  @OptionGroup(title: "Optimizer") var optimizer: OptimizerOptions

  @Option(
    name: .customLong("params"),
    help: ArgumentHelp("The two parameters, A,B (A on the x axis).", valueName: "a,b"))
  var pair: String

  @Option(
    name: .customLong("cl"),
    help: ArgumentHelp(
      "Joint confidence level of the pair, in (0, 1): Δ = UP·F⁻¹χ²₂(CL). Default 0.6827.",
      valueName: "cl"))
  var cl: Double?

  @Option(
    name: .customLong("nsigma"),
    help: ArgumentHelp(
      "Instead of --cl: Δ = UP·N², the contour whose projections are the N-σ intervals "
        + "(MINUIT's mncontour).",
      valueName: "n"))
  var nsigma: Double?

  @Option(help: "Number of rays (points on the contour), ≥ 4. Default 40.")
  var points = 40

  @Option(
    help: ArgumentHelp("Write the contour points to FILE.csv or FILE.json.", valueName: "file"))
  var output: String?

  @Option(help: ArgumentHelp("Write the contour figure (SVG).", valueName: "file.svg"))
  var plot: String?

  @Flag(help: "Print one JSON object (pretty-printed, sorted keys) instead of the text.")
  var json = false

  mutating func validate() throws {
    try checkFitOptions()
    _ = try names()
    _ = try level()
    guard points >= 4 else { throw ValidationError("--points \(points): need at least 4") }
    if let output { _ = try ProfileFileFormat(path: output, option: "--output") }
  }

  /// `--params` as two names.
  func names() throws -> (String, String) {
    let names = DataOptions.split(pair)
    guard names.count == 2, names.allSatisfy(DataOptions.isIdentifier) else {
      throw ValidationError("--params '\(pair)': expected two parameter names, A,B")
    }
    guard names[0] != names[1] else {
      throw ValidationError("--params '\(pair)': the two parameters must differ")
    }
    return (names[0], names[1])
  }

  /// The contour level of `--cl` or `--nsigma`.
  func level() throws -> ContourLevel {
    if let nsigma {
      guard cl == nil else {
        throw ValidationError("--cl and --nsigma both set the level: give one")
      }
      guard nsigma > 0 && nsigma.isFinite else {
        throw ValidationError("--nsigma '\(nsigma.formatted)': must be a positive number")
      }
      return .standardDeviations(nsigma)
    }
    return .joint(try MinosOptions.level(cl))
  }

  func run() throws {
    let (x, y) = try names()
    let run = ContourRun(x: x, y: y, level: try level(), points: points)
    let summary = try fit(with: run, purpose: "a contour")
    guard let contour = run.contour else {
      throw CLIError.internal("internal error: the contour was not computed")
    }
    let output = ContourOutput(summary: summary, contour: contour, covariance: run.covariance)
    do {
      StandardStreams.write(json ? try JSONOutput.encode(output.json) : output.text())
      if let path = self.output {
        let format = try ProfileFileFormat(path: path, option: "--output")
        try FitContext.write(
          format == .csv ? output.csv() : try JSONOutput.encode(output.json), to: path)
      }
      if let plot { try FitContext.write(output.figure().svg(), to: plot) }
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError(error)
    }
    if !contour.isClosed {
      StandardStreams.writeWarning(
        "the contour is open: \(contour.points.filter { !$0.status.isFound }.count) of "
          + "\(contour.points.count) rays found no crossing (see the report)")
    }
  }
}

/// Computes the contour on the minimised fit.
final class ContourRun: FitFollowUp {
  let x: String
  let y: String
  let level: ContourLevel
  let points: Int
  private(set) var contour: Contour?
  /// The parabolic covariance of the pair (σx², ρσxσy, σy²), for the figure's ellipse.
  private(set) var covariance: (Double, Double, Double) = (.nan, .nan, .nan)

  init(x: String, y: String, level: ContourLevel, points: Int) {
    self.x = x
    self.y = y
    self.level = level
    self.points = points
  }

  func run<M: Model, O: Objective>(
    fit: Fit<M, O>, result: FitResult, minimizer: FitMinimizer<M, O>
  ) throws {
    for name in [x, y] {
      guard let p = fit.parameters[name] else {
        throw CLIError.input(
          "--params: unknown parameter '\(name)' (the model has: "
            + fit.parameters.names.joined(separator: ", ") + ")")
      }
      if p.isFixed { throw CLIError.input("--params: '\(name)' is fixed (--fix)") }
    }
    guard result.converged else { throw FitNotConverged(reason: result.reason) }
    var computed: Contour?
    try FitContext.input("--params '\(x),\(y)'") {
      let profile = try ProfileLikelihood(fit: fit, minimum: result, minimizer: minimizer)
      computed = try profile.contour(x, y, level: level, points: points)
    }
    if let i = fit.parameters.index(of: x), let j = fit.parameters.index(of: y),
      result.covariance.rows == fit.parameters.count
    {
      let c = result.covariance
      covariance = (c[i, i], c[i, j], c[j, j])
    }
    contour = computed
  }
}
