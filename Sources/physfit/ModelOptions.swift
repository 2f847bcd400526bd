import ArgumentParser

/// The model of a fit: `--model`, a formula or a built-in name.
struct ModelOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The model: a formula in the --x names (\"A*exp(-t/tau) + B\"), a built-in name "
        + "(gaussian), or sums and calls of built-ins (\"gaussian + linear\").",
      valueName: "formula-or-name"))
  var model: String

  mutating func validate() throws {
    if model.trimmingWhitespace().isEmpty {
      throw ValidationError("--model '\(model)': empty formula")
    }
  }
}
