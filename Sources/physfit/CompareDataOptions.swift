import ArgumentParser
import PhysFit

/// The data-fit form of `physfit compare`: the data file and columns of `physfit fit`
/// (``DataOptions``) and its `--model`, all optional here because `--problem` and
/// `--suite` need none of them. ``dataOptions()`` hands them to ``DataOptions`` so that
/// the file is read and checked exactly as `physfit fit` reads it.
struct CompareDataOptions: ParsableArguments {
  @Argument(help: .dataFile)
  var path: String?

  @Option(help: .dataFormat)
  var format: DataFormatChoice?

  @Option(
    name: .customLong("x"),
    help: ArgumentHelp(
      "Input column(s) of the data file, as for `physfit fit`.", valueName: "columns"))
  var xColumns: String?

  @Option(
    name: .customLong("y"),
    help: ArgumentHelp("The measured column, as for `physfit fit`.", valueName: "column"))
  var yColumn: String?

  @Option(
    name: .customLong("sigma"),
    help: ArgumentHelp("Column of absolute errors σ, as for `physfit fit`.", valueName: "column"))
  var sigmaColumn: String?

  @Option(
    help: ArgumentHelp(
      "The model of a data fit, as for `physfit fit`: a formula or built-in name.",
      valueName: "formula-or-name"))
  var model: String?

  /// The options that only a data fit reads, as typed, for messages.
  var givenDataOptions: [String] {
    var given: [String] = []
    if format != nil { given.append("--format") }
    if xColumns != nil { given.append("--x") }
    if yColumn != nil { given.append("--y") }
    if sigmaColumn != nil { given.append("--sigma") }
    if model != nil { given.append("--model") }
    return given
  }

  /// The data options of `physfit fit` (parsed, so validated the same way).
  func dataOptions() throws -> DataOptions {
    guard let path else { throw ValidationError("no data file given") }
    var arguments: [String] = []
    if let format { arguments.append("--format=\(format.rawValue)") }
    if let xColumns { arguments.append("--x=\(xColumns)") }
    if let yColumn { arguments.append("--y=\(yColumn)") }
    if let sigmaColumn { arguments.append("--sigma=\(sigmaColumn)") }
    return try DataOptions.parse(arguments + ["--", path])
  }

  /// `--model` as the fit's model options.
  func modelOptions() throws -> ModelOptions {
    try ModelOptions.parse(["--model=\(model ?? "")"])
  }
}
