import ArgumentParser
import PhysFit

/// `physfit fit`: a fit of a formula or built-in model to columns of a data file, by any
/// learning criterion (`--objective`) with any optimizer (`--optimizer`, `--then`).
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract:
      "Fit a model to columns of a data file: χ², likelihoods or cross-entropy, with any optimizer.",
    discussion: """
      The model is a formula in the input column names ("A*exp(-t/tau) + B"), a built-in \
      model ("gaussian"; see `physfit models`), or sums and calls of built-ins \
      ("gaussian + linear", "gaussian(E, A1, m1, s1) + c"). Every name that is not an \
      input, a function or a constant is a parameter.

      Columns: --x and --y default to the columns named x and y, else the first two; columns are \
      selected by name or 1-based index. A column whose name is not an identifier \
      (or a file without names) is called x in the formula (x1, x2, … for several inputs).

      Start values: --param NAME=VALUE; otherwise the data-driven guess of the built-in \
      terms of the formula, otherwise 1. A default start outside --bounds is moved inside.

      Errors: with --sigma they are absolute, from (JᵀWJ)⁻¹, and the report gives the \
      p-value of χ². Without --sigma the fit minimises the residual sum of squares and \
      the errors are scaled by √(RSS/ndf) (the curve_fit(absolute_sigma=False) and NIST \
      convention).

      Objectives (--objective): chi2 and the robust soft-l1 and huber read --y and \
      optionally --sigma; poisson reads counts in --y; gaussian-nll reads --y and --sigma, \
      or without --sigma fits σ as a parameter named sigma (noise_sigma when the model has \
      a sigma); unbinned-nll and extended-nll read one --x column, the observable, and \
      the model is a density in it (--range LOW:HIGH, default the data's range); bce reads \
      0/1 labels and the model gives the probability (--logits: the logit); ce reads class \
      labels 0..k−1 and needs --model linear, a linear model with k outputs (the logits; \
      class 0's parameters are fixed at 0, the reference class); mse reads --y. Errors of \
      every objective come from its Hessian with its error definition (1 for χ²-like, \
      0.5 for −ln ℒ) unless a trust-region optimizer gives the Jacobian's.

      Optimizers (--optimizer, --then for a polish stage): least-squares (default for \
      chi2, poisson, mse, soft-l1, huber) and the trust-region methods need a \
      least-squares objective; bfgs is the default for the others. Each setting \
      (--learning-rate, --schedule, --batch-size, --epochs, --validation, --seed, \
      --temperature, --cooling, --scaling, --solver) is an error with an optimizer that \
      does not read it. `physfit optimizers` lists them with their defaults.

      Exit status: 0 converged (or stopped early on the --validation loss, as asked); \
      2 ran but did not converge (the report is printed, with the reason); 64 usage error \
      (also a bad objective/optimizer pairing or setting); 65 input error (data, column, \
      formula, parameter, σ ≤ 0, too few points, counts < 0, labels); 70 internal error.

      Example:
        physfit fit decay.csv --model "A*exp(-t/tau) + B" --x t --y counts
          --sigma sigma --param A=1000,tau=10,B=10 --bounds tau=0:
        physfit fit hist.csv --model "A*exp(-x/tau)" --objective poisson
          --optimizer annealing --then bfgs --seed 1
      """
  )

  @OptionGroup(title: "Data")
  var data: DataOptions

  @OptionGroup(title: "Model")
  var modelOptions: ModelOptions

  var model: String { modelOptions.model }

  @OptionGroup(title: "Parameters")
  var parameters: ParameterOptions

  @OptionGroup(title: "Objective")
  var objective: ObjectiveOptions

  @OptionGroup(title: "Optimizer")
  var optimizer: OptimizerOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  @OptionGroup(title: "Figures and reports")
  var plots: PlotOptions

  @OptionGroup(title: "Profile-likelihood intervals")
  var minos: MinosOptions

  /// Checks across option groups: objective against data columns and model, optimizer
  /// and settings against objective.
  mutating func validate() throws {
    try objective.check(data: data, model: model)
    try optimizer.check(objective: objective.objective)
    try plots.check(objective: objective.objective, data: data)
  }

  func run() throws {
    let summary: FitSummary
    do {
      summary = try fit()
    } catch {
      throw CLIError(error)
    }
    let text: String
    do {
      text =
        output.json
        ? try JSONOutput.encode(JSONReport(summary))
        : ReportFormatter(summary: summary, verbose: output.verbose).render()
    } catch {
      throw CLIError(error)
    }
    // Files first: a figure or report that cannot be written ends the command (exit 73)
    // before anything reaches standard output.
    try plots.write(summary)
    StandardStreams.write(text)
    for warning in summary.minos?.warnings ?? [] { StandardStreams.writeWarning(warning) }
    if summary.isExactFit {
      StandardStreams.writeWarning(
        "the model reproduces the data exactly, so errors scaled by the scatter of the "
          + "residuals are 0 and say nothing; give the data's errors with --sigma")
    }
    if !summary.result.converged && !summary.stoppedEarly {
      StandardStreams.writeWarning("the fit did not converge: \(summary.result.reason)")
      throw PhysFitExit.notConverged
    }
  }

  /// Reads the data, builds the model and objective and runs the minimisation.
  func fit() throws -> FitSummary {
    let choice = objective.objective
    let settings = try parameters.settings()
    let selected = try data.load(readsY: choice.readsY)
    var builder = ObjectiveBuilder(
      options: objective, optimizer: optimizer, settings: settings, model: model, data: selected)
    let minosRun = try minos.followUp()
    builder.followUp = minosRun
    let (result, extras) = try builder.run()
    return FitSummary(
      result: result, model: model, data: selected, objective: choice,
      optimizer: optimizer.summary(for: choice.shape), extras: extras,
      lossScale: objective.lossScale ?? 1, minos: minosRun?.report)
  }
}
