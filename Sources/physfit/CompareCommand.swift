import ArgumentParser
import Foundation
import PhysFit

/// `physfit compare`: optimizers side by side on one problem — a data fit or a built-in
/// test function — or on a suite of problems with performance profiles.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare optimizers side by side: success rates, evaluations, traces, profiles.",
    discussion: """
      Runs every optimizer of --optimizers from the same --starts start points under the \
      same --budget of evaluations (calls of the objective: a value, a value with its \
      gradient, a residual vector or a Jacobian each count one, as scipy's nfev; an optimizer without \
      a limit of its own is held to it by counting its calls), recording every \
      iteration. The problem is one of:
        DATA --model …   a data fit, with the options of `physfit fit` (--x, --y, \
      --sigma, --objective, --param, --bounds, --fix, …); each run is that fit with one \
      optimizer. Start 0 is the fit's start; start k ≥ 1 draws each free parameter \
      uniformly between its bounds, or within ±50 % (--start-spread) of its start \
      (reflected at a one-sided bound).
        --problem NAME[:N]   a built-in test function with its known minimum; starts \
      are uniform in its search box.
        --suite NAME   every problem of a suite (classic: the test functions at small \
      dimensions; physics: Lennard-Jones clusters of 5, 7, 13 atoms, Thomson problems of \
      5, 8, 12 charges), with Dolan–Moré performance profiles.

      A run succeeds when its final value is within --success-tolerance·max(|f*|, 1) of \
      f*, the known minimum or else the best value of any run. The table gives per \
      optimizer the successful starts, the median final value and gap, the median \
      evaluations [quartiles], the median time and the status counts (converged, budget \
      exhausted, iteration limit, stalled, failed). Least-squares methods on a problem \
      without residuals are listed as not applicable.

      Runs go in parallel (--threads); each start draws from its own random stream and \
      run k of a seeded optimizer (annealing, sgd, …) uses seed + k, so the numbers are \
      the same for every thread count and repetition (wall times aside).

      Exit status: 0 the comparison ran (whatever the optimizers did); 64 usage; 65 input \
      (data, model, parameters); 73 an output file cannot be written.

      Examples:
        physfit compare --problem rosenbrock:2 --optimizers all --starts 20
          --seed 1 --budget 5000 --trace rb.csv --plot rb.svg
        physfit compare decay.csv --model "A*exp(-t/tau) + B" --x t
          --y counts --sigma sigma --param A=1000,tau=10,B=10
          --optimizers lm,bfgs,nelder-mead
        physfit compare --suite physics --starts 10 --budget 40000
          --optimizers bfgs,cg-pr,annealing+bfgs --plot profile.svg
      """
  )

  @OptionGroup(title: "Data fit")
  var dataFit: CompareDataOptions

  @OptionGroup(title: "Parameters (data fit)")
  var parameters: ParameterOptions

  @OptionGroup(title: "Objective (data fit)")
  var objective: ObjectiveOptions

  @Option(help: ArgumentHelp(CompareProblemSpec.help + ".", valueName: "name[:n]"))
  var problem: String?

  @Option(
    help: ArgumentHelp(
      "A suite of problems with performance profiles: classic, physics.", valueName: "name"))
  var suite: CompareSuiteName?

  @Option(
    help: ArgumentHelp(
      "Comma-separated optimizers of `physfit optimizers`, a+b for a pipeline "
        + "(annealing+bfgs), or all (every optimizer, one row each). Default all.",
      valueName: "list"))
  var optimizers = "all"

  @Option(help: ArgumentHelp("Start points per optimizer. Default 10.", valueName: "k"))
  var starts = 10

  @Option(
    help: ArgumentHelp(
      "Data fit: starts k ≥ 1 draw a parameter without two bounds within ±s·max(|start|, 1) "
        + "of its start (give --bounds to draw a parameter uniformly in a range instead). "
        + "Default 0.5.",
      valueName: "s"))
  var startSpread = 0.5

  @Option(
    help: ArgumentHelp(
      "Seed of the start points and of seeded optimizers (run k uses seed + k). Default 0.",
      valueName: "s"))
  var seed: UInt64 = 0

  @Option(
    help: ArgumentHelp(
      "Most evaluations per run, as calls (a value with its gradient counts one). Default: none, each "
        + "optimizer's own stopping rule.",
      valueName: "evals"))
  var budget: Int?

  @Option(
    help: ArgumentHelp(
      "Iteration limit of every optimizer, as `physfit fit --max-iterations`.", valueName: "n"))
  var maxIterations: Int?

  @Option(
    help: ArgumentHelp(
      "Stopping tolerance of every optimizer, as `physfit fit --tolerance`.", valueName: "x"))
  var tolerance: Double?

  @Option(
    help: ArgumentHelp(
      "A run succeeds when f − f* ≤ x·max(|f*|, 1). Default 1e-6.", valueName: "x"))
  var successTolerance = 1e-6

  @Option(
    help: ArgumentHelp(
      "Threads running the runs. Default: the number of processors. Results do not depend "
        + "on it.",
      valueName: "n"))
  var threads: Int?

  @Option(
    help: ArgumentHelp(
      "Write every iteration of every run to FILE.csv or FILE.json.", valueName: "file"))
  var trace: String?

  @Option(
    help: ArgumentHelp(
      "Write the figure (SVG): convergence (median best gap vs evaluations, quartile band), "
        + "or the performance profiles with --suite.",
      valueName: "file.svg"))
  var plot: String?

  @Flag(help: "Print one JSON object (pretty-printed, sorted keys) instead of the table.")
  var json = false

  mutating func validate() throws {
    let forms = [dataFit.path != nil, problem != nil, suite != nil].filter { $0 }.count
    guard forms == 1 else {
      throw ValidationError(
        forms == 0
          ? "give a problem: a data file with --model, --problem NAME[:N], or --suite NAME"
          : "give one problem: a data file, --problem or --suite, not several")
    }
    if dataFit.path != nil {
      guard dataFit.model != nil else {
        throw ValidationError("a data fit needs --model (a formula or built-in name)")
      }
      let data = try dataFit.dataOptions()
      let model = try dataFit.modelOptions()
      try objective.check(data: data, model: model.model)
    } else {
      let fitOnly =
        dataFit.givenDataOptions
        + (startSpread != 0.5 ? ["--start-spread"] : [])
        + (parameters.starts.isEmpty ? [] : ["--param"])
        + (parameters.bounds.isEmpty ? [] : ["--bounds"])
        + (parameters.fixes.isEmpty ? [] : ["--fix"])
        + (objective.objective != .chi2 ? ["--objective"] : [])
        + (objective.lossScale != nil ? ["--loss-scale"] : [])
        + (objective.range != nil ? ["--range"] : [])
        + (objective.logits ? ["--logits"] : [])
      if let option = fitOnly.first {
        throw ValidationError(
          "\(option) is an option of a data fit; --problem and --suite have no data or model")
      }
    }
    if let problem { _ = try CompareProblemSpec(parsing: problem) }
    _ = try CompareOptimizerList(parsing: optimizers)
    guard starts >= 1 && starts <= 100_000 else {
      throw ValidationError("--starts '\(starts)': must be between 1 and 100000")
    }
    guard startSpread > 0 && startSpread.isFinite else {
      throw ValidationError(
        "--start-spread '\(startSpread.formatted)': must be a positive number")
    }
    if let budget, budget < 1 {
      throw ValidationError("--budget '\(budget)': must be at least 1")
    }
    if let maxIterations, maxIterations < 1 {
      throw ValidationError("--max-iterations '\(maxIterations)': must be at least 1")
    }
    if let tolerance, !(tolerance > 0 && tolerance < 1) {
      throw ValidationError(
        "--tolerance '\(tolerance.formatted)': must be a number between 0 and 1 (exclusive)")
    }
    guard successTolerance >= 0 && successTolerance.isFinite else {
      throw ValidationError(
        "--success-tolerance '\(successTolerance.formatted)': must be a non-negative number")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads '\(threads)': must be at least 1")
    }
    if let trace { _ = try CompareTrace.format(of: trace) }
  }

  var settings: ComparisonSettings {
    ComparisonSettings(
      starts: starts, seed: seed, budget: budget, successTolerance: successTolerance,
      threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// `--max-iterations`/`--tolerance` for the header, when given.
  var limits: String? {
    var parts: [String] = []
    if let maxIterations { parts.append("--max-iterations \(maxIterations)") }
    if let tolerance { parts.append("--tolerance \(NumberFormatting.compact(tolerance))") }
    return parts.isEmpty ? nil : parts.joined(separator: ", ") + " for every optimizer"
  }

  var jsonSettings: CompareJSON.Settings {
    CompareJSON.Settings(
      starts: starts, seed: seed, budget: budget, successTolerance: successTolerance,
      maxIterations: maxIterations, tolerance: tolerance,
      startSpread: dataFit.path != nil ? startSpread : nil)
  }

  func run() throws {
    let list = try CompareOptimizerList(parsing: optimizers)
    let bar = CompareProgress()
    var progress: (@Sendable (Int, Int) -> Void)?
    if let bar {
      progress = { done, total in bar.update(done, total) }
    }
    let output: CompareOutput
    do {
      if let suite {
        let entrants = try list.entrants(
          maxIterations: maxIterations, tolerance: tolerance, shape: .general)
        let result = suite.suite.run(entrants: entrants, settings: settings, progress: progress)
        bar?.finish()
        output = CompareOutput(suite: result, command: self)
      } else if let problem {
        let entrants = try list.entrants(
          maxIterations: maxIterations, tolerance: tolerance, shape: .general)
        let spec = try CompareProblemSpec(parsing: problem)
        let comparison = Comparison.run(
          try spec.problem(), entrants: entrants, settings: settings, progress: progress)
        bar?.finish()
        output = CompareOutput(comparison: comparison, fit: nil, command: self)
      } else {
        let (comparison, fit) = try compareFit(list, progress: progress)
        bar?.finish()
        output = CompareOutput(comparison: comparison, fit: fit, command: self)
      }
    } catch {
      bar?.finish()
      throw CLIError(error)
    }
    try output.write()
  }

  /// The data-fit form: the fit is built as `physfit fit` builds it, then compared.
  private func compareFit(
    _ list: CompareOptimizerList, progress: (@Sendable (Int, Int) -> Void)?
  ) throws -> (Comparison, CompareJSON.FitDescription) {
    let data = try dataFit.dataOptions()
    let model = try dataFit.modelOptions().model
    let choice = objective.objective
    let entrants = try list.entrants(
      maxIterations: maxIterations, tolerance: tolerance, shape: choice.shape)
    let selected = try data.load(readsY: choice.readsY)
    let follow = CompareFitRun(
      entrants: entrants, settings: settings, name: selected.source, startSpread: startSpread,
      progress: progress)
    // The builder minimises the fit once before handing it over; one cheap iteration
    // suffices, the comparison runs every optimizer from the fit's own start.
    var builder = ObjectiveBuilder(
      options: objective, optimizer: try OptimizerOptions.parse(["--max-iterations", "1"]),
      settings: try parameters.settings(), model: model, data: selected)
    builder.followUp = follow
    let (result, extras) = try builder.run()
    guard let comparison = follow.comparison else {
      throw CLIError.internal("internal error: the fit was not handed to the comparison")
    }
    let summary = FitSummary(
      result: result, model: model, data: selected, objective: choice, optimizer: "",
      extras: extras, lossScale: objective.lossScale ?? 1)
    let description = CompareJSON.FitDescription(
      model: model, data: selected.source, points: selected.count, objective: choice.rawValue,
      objectiveDefinition: summary.definition)
    return (comparison, description)
  }
}
