import ArgumentParser
import Foundation
import PhysFit
import PhysFitPlot

/// `--plot`, `--plot-correlation`, `--report`: the figures and the Markdown report of a
/// fit. Every file is written atomically after the fit has run, so a failed run leaves
/// none of them behind, and a file that cannot be written exits 73.
struct PlotOptions: ParsableArguments {
  @Option(
    name: .customLong("plot"),
    help: ArgumentHelp(
      "Write the fit figure (SVG): data with error bars, the model with its ±1σ band, pulls "
        + "(residuals without --sigma) below; a histogram for poisson and unbinned fits; a "
        + "pull map for two inputs.",
      valueName: "file.svg"))
  var plot: String?

  @Option(
    name: .customLong("plot-correlation"),
    help: ArgumentHelp(
      "Write the correlation matrix of the free parameters as a heat map (SVG).",
      valueName: "file.svg"))
  var correlation: String?

  @Option(
    name: .customLong("report"),
    help: ArgumentHelp(
      "Write a Markdown report: parameter table (PDG-rounded), goodness of fit, and the "
        + "figures of --plot/--plot-correlation linked.",
      valueName: "file.md"))
  var report: String?

  @Flag(name: .customLong("plot-log-y"), help: "Draw the y axis of the fit figure on a log scale.")
  var logY = false

  @Option(
    name: .customLong("unit"),
    parsing: .singleValue,
    help: ArgumentHelp(
      "The unit of a column for figure axes, COLUMN=UNIT (repeatable or comma-separated): "
        + "--unit t=s,counts=1/s draws 't [s]'.",
      valueName: "column=unit"))
  var units: [String] = []

  var wantsOutput: Bool { plot != nil || correlation != nil || report != nil }

  /// Units by column name; a malformed item is a usage error.
  func unitTable() throws -> [String: String] {
    var table: [String: String] = [:]
    for item in units.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: true) }) {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
        throw CLIError.usage("--unit '\(item)': expected COLUMN=UNIT, e.g. --unit t=s")
      }
      table[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(
        in: .whitespaces)
    }
    return table
  }

  /// Refuses, before the fit runs, the figures this fit cannot have.
  func check(objective: ObjectiveChoice, data: DataOptions) throws {
    do {
      _ = try unitTable()
    } catch let error as CLIError {
      throw ValidationError(error.message)
    }
    guard plot != nil else { return }
    if objective == .ce {
      throw ValidationError(
        "--plot draws one-output models; --objective ce has one output per class "
          + "(use --plot-correlation or --report)")
    }
    let inputs = data.xColumns.map { $0.split(separator: ",").count } ?? 1
    if inputs > 2 {
      throw ValidationError("--plot draws fits with one or two inputs, but --x selects \(inputs)")
    }
    if inputs > 1 && (objective == .unbinnedNLL || objective == .extendedNLL) {
      throw ValidationError("--plot: an unbinned fit has one observable")
    }
  }

  /// Builds every requested file, then writes them (atomically, one by one).
  func write(_ summary: FitSummary) throws {
    guard wantsOutput else { return }
    var files: [(path: String, text: String)] = []
    do {
      let units = try unitTable()
      if let plot {
        files.append((plot, try FitPlot(summary: summary, units: units, logY: logY).figure().svg()))
      }
      if let correlation {
        guard let figure = FitFigure.correlation(summary.result) else {
          throw CLIError.input(
            "--plot-correlation: the fit has no correlation matrix (fewer than two free "
              + "parameters, or no errors estimated)")
        }
        files.append((correlation, figure.svg()))
      }
      if let report {
        let markdown = MarkdownReport(
          summary: summary, reportPath: report, figurePath: plot, correlationPath: correlation)
        files.append((report, markdown.render()))
      }
      for file in files { try AtomicFile.write(file.text, to: file.path) }
    } catch {
      throw CLIError(error)
    }
  }
}
