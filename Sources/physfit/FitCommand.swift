import ArgumentParser
import PhysFit

/// `physfit fit`: a χ² fit of a formula or built-in model to columns of a data file.
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit a model to columns of a data file (χ² with --sigma, else least squares).",
    discussion: """
      The model is a formula in the input column names ("A*exp(-t/tau) + B"), a built-in \
      model ("gaussian"; see `physfit models`), or sums and calls of built-ins \
      ("gaussian + linear", "gaussian(E, A1, m1, s1) + c"). Every name that is not an \
      input, a function or a constant is a parameter.

      Columns: --x defaults to the first column and --y to the second; columns are \
      selected by name or 1-based index. A column whose name is not an identifier \
      (or a file without names) is called x in the formula (x1, x2, … for several inputs).

      Start values: --param NAME=VALUE; otherwise the data-driven guess of the built-in \
      terms of the formula, otherwise 1. A default start outside --bounds is moved inside.

      Errors: with --sigma they are absolute, from (JᵀWJ)⁻¹, and the report gives the \
      p-value of χ². Without --sigma the fit minimises the residual sum of squares and \
      the errors are scaled by √(RSS/ndf) (the curve_fit(absolute_sigma=False) and NIST \
      convention).

      Exit status: 0 converged; 2 ran but did not converge (the report is printed, with \
      the reason); 64 usage error; 65 input error (data, column, formula, parameter, \
      σ ≤ 0, too few points); 70 internal error.

      Example:
        physfit fit decay.csv --model "A*exp(-t/tau) + B" --x t --y counts
          --sigma sigma --param A=1000,tau=10,B=10 --bounds tau=0:
      """
  )

  @OptionGroup(title: "Data")
  var data: DataOptions

  @OptionGroup(title: "Model")
  var modelOptions: ModelOptions

  var model: String { modelOptions.model }

  @OptionGroup(title: "Parameters")
  var parameters: ParameterOptions

  @OptionGroup(title: "Optimizer")
  var optimizer: OptimizerOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

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
    StandardStreams.write(text)
    if !summary.result.converged {
      StandardStreams.writeWarning("the fit did not converge: \(summary.result.reason)")
      throw PhysFitExit.notConverged
    }
  }

  /// Reads the data, builds the model and runs the minimisation.
  func fit() throws -> FitSummary {
    let settings = try parameters.settings()
    let selected = try data.load()
    let expression = try ExpressionModel(model, inputs: selected.inputNames)
    try expression.requireParameters()
    try checkInputNames(expression, selected)

    var fit = try Fit(
      model: expression, inputs: selected.inputs, y: selected.y, sigma: selected.sigma)
    let guesses = expression.initialGuesses(inputs: selected.inputs, y: selected.y)
    try settings.apply(to: &fit, guesses: guesses)
    let result = try fit.minimize(using: optimizer.leastSquaresOptimizer())
    return FitSummary(
      result: result, model: model, data: selected, optimizer: optimizer.summary)
  }

  /// A formula written in `x` while the input column has another name would fit `x` as
  /// a parameter: almost surely a mistake, so say what the input is called.
  private func checkInputNames(_ model: ExpressionModel, _ selected: SelectedData) throws {
    guard !selected.inputNames.contains("x"), model.parameterNames.contains("x") else {
      return
    }
    let names = selected.inputNames.map { "'\($0)'" }.joined(separator: ", ")
    throw CLIError.input(
      "--model '\(self.model)': the formula uses 'x', but the input column is \(names) "
        + "(--x); write the formula in \(names) or select the column with --x")
  }
}
