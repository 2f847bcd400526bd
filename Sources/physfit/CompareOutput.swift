import Foundation
import PhysFit
import PhysFitPlot

/// What `physfit compare` writes: the report or JSON on standard output, and the
/// --trace and --plot files (each atomically; a file that cannot be written is exit 73).
/// Files are built before any is written, so a failure leaves none half-written.
struct CompareOutput {
  var comparisons: [Comparison]
  var suite: SuiteResult?
  var fit: CompareJSON.FitDescription?
  var command: CompareCommand

  init(comparison: Comparison, fit: CompareJSON.FitDescription?, command: CompareCommand) {
    comparisons = [comparison]
    self.fit = fit
    self.command = command
  }

  init(suite: SuiteResult, command: CompareCommand) {
    comparisons = suite.comparisons
    self.suite = suite
    self.command = command
  }

  func write() throws {
    var files: [(path: String, text: String)] = []
    if let path = command.trace {
      files.append(
        (path, try CompareTrace.text(comparisons, format: CompareTrace.format(of: path))))
    }
    if let path = command.plot {
      let figure =
        suite.map(ComparisonFigure.profile) ?? ComparisonFigure.convergence(comparisons[0])
      files.append((path, figure.svg()))
    }
    let text = command.json ? try JSONOutput.encode(json) : report
    for file in files {
      do {
        try AtomicFile.write(file.text, to: file.path)
      } catch {
        throw CLIError(error)
      }
    }
    StandardStreams.write(text)
  }

  var json: CompareJSON {
    CompareJSON(
      kind: suite == nil ? "comparison" : "suite", suite: suite?.suite, fit: fit,
      settings: command.jsonSettings, problems: comparisons.map(CompareJSON.Problem.init),
      profile: suite.map { CompareJSON.Profile($0.profile) })
  }

  var report: String {
    if let suite {
      return CompareReport.render(suite, settings: command.settings, limits: command.limits)
    }
    let c = comparisons[0]
    var describe: [String]
    if let fit {
      describe = [
        "compare      \(fit.data): \(fit.points) points, model \(fit.model)",
        "objective    \(fit.objective): \(fit.objectiveDefinition)",
        "parameters   " + c.coordinateNames.joined(separator: ", "),
      ]
    } else {
      describe = ["compare      \(c.problem): \(c.coordinateNames.count) coordinates"]
    }
    return CompareReport.render(c, describe: describe, limits: command.limits)
  }
}
