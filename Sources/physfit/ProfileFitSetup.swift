import ArgumentParser
import Foundation
import PhysFit

/// A command that fits data exactly as `physfit fit` does — the same data, model,
/// parameter, objective and optimizer options — and then works on the minimised fit
/// (`profile`, `contour`, `toys`).
protocol FitSetupCommand {
  var data: DataOptions { get }
  var modelOptions: ModelOptions { get }
  var parameters: ParameterOptions { get }
  var objective: ObjectiveOptions { get }
  var optimizer: OptimizerOptions { get }
}

/// The fit of the real data did not reach a verified minimum: nothing can be profiled
/// or drawn from it.
struct FitNotConverged: Error {
  var reason: StopReason
}

extension FitSetupCommand {
  /// The checks of `physfit fit` across the option groups.
  func checkFitOptions() throws {
    try objective.check(data: data, model: modelOptions.model)
    try optimizer.check(objective: objective.objective)
  }

  /// Reads the data, fits them and runs `followUp` on the minimised fit. A fit that
  /// does not converge ends the command with `error: …` and exit status 2; every other
  /// error becomes a ``CLIError``.
  /// `prepare` sees the selected data before the fit runs (to describe the study).
  func fit(
    with followUp: any FitFollowUp, purpose: String,
    prepare: (SelectedData) throws -> Void = { _ in }
  ) throws -> FitSummary {
    do {
      let choice = objective.objective
      let selected = try data.load(readsY: choice.readsY)
      try prepare(selected)
      var builder = ObjectiveBuilder(
        options: objective, optimizer: optimizer, settings: try parameters.settings(),
        model: modelOptions.model, data: selected)
      builder.followUp = followUp
      let (result, extras) = try builder.run()
      return FitSummary(
        result: result, model: modelOptions.model, data: selected, objective: choice,
        optimizer: optimizer.summary(for: choice.shape), extras: extras,
        lossScale: objective.lossScale ?? 1)
    } catch let error as FitNotConverged {
      StandardStreams.writeError(
        "the fit did not converge (\(error.reason)): \(purpose) needs a verified minimum")
      throw PhysFitExit.notConverged
    } catch {
      throw CLIError(error)
    }
  }
}

/// What the text outputs of `profile`, `contour` and `toys` say about the fit first.
enum FitContext {
  static func lines(_ summary: FitSummary) -> [String] {
    let data = summary.data
    var columns = "x = " + data.xColumnNames.joined(separator: ", ")
    if let y = data.yName { columns += ", y = \(y)" }
    if let sigma = data.sigmaName { columns += ", σ = \(sigma)" }
    let r = summary.result
    return [
      "model        \(summary.model)",
      "data         \(data.source): \(data.count) points, \(columns)",
      "objective    \(summary.objective.rawValue): \(summary.definition)",
      "minimum      \(summary.valueName) = \(NumberFormatting.significant(r.objectiveValue, digits: 6)) "
        + "(error definition \(NumberFormatting.compact(r.errorDefinition)))",
    ]
  }

  /// Writes `text` to `path` atomically; a failure is exit 73.
  static func write(_ text: String, to path: String) throws {
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      throw CLIError(error)
    }
  }

  /// Translates a library error about the user's request into an input error naming
  /// the option.
  static func input(_ option: String, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as UncertaintyError {
      throw CLIError.input("\(option): \(error)")
    }
  }
}
