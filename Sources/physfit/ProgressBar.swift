import Foundation
import PhysFit

/// A one-line progress bar on standard error, redrawn in place (`\r`) at most ten
/// times a second: `epoch  37/100 [#######.............]  loss 1.234e-03`.
///
/// Only for a terminal: ``init(total:unit:scale:label:delay:)`` returns nil when standard
/// error is not a terminal (`isatty(2) == 0`), so piped or redirected runs and tests stay
/// quiet, and their standard error holds nothing but warnings and errors.
///
/// Only for long work: nothing is drawn before `delay` seconds have passed, so a fit
/// that takes a few milliseconds leaves no bar behind in the terminal.
final class ProgressBar: @unchecked Sendable {
  let total: Int?
  let unit: String
  /// Multiplies the objective value: 1/n for objectives that sum over points, so that
  /// the bar shows the loss per point as the final report does.
  let scale: Double
  /// The name of the value shown ("loss", "χ²", "−ln ℒ").
  let label: String
  /// Seconds of work before the first draw.
  let delay: Double
  private var lastDraw = -Double.infinity
  private var drawn = false
  private let lock = NSLock()

  /// - Parameters:
  ///   - delay: seconds before the bar first appears. Default ½ s: long enough that
  ///     ordinary fits finish without a bar, short enough that a long run shows at once
  ///     that it is alive.
  init?(total: Int?, unit: String, scale: Double, label: String = "loss", delay: Double = 0.5) {
    guard Self.isTerminal else { return nil }
    self.total = total
    self.unit = unit
    self.scale = scale
    self.label = label
    self.delay = delay
  }

  /// Whether standard error is a terminal.
  static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

  /// Draws the report of one iteration (epoch); the last one of a run always shows.
  func update(_ report: IterationReport) {
    lock.lock()
    defer { lock.unlock() }
    let isLast = total.map { report.iteration >= $0 } ?? false
    guard report.elapsed >= delay else { return }
    guard isLast || report.elapsed - lastDraw >= 0.1 else { return }
    lastDraw = report.elapsed
    FileHandle.standardError.write(Data(("\r" + Self.line(report, self) + "\u{1B}[K").utf8))
    drawn = true
  }

  /// The bar's text for one report: unit, count, bar (when the total is known), value.
  static func line(_ report: IterationReport, _ bar: ProgressBar) -> String {
    var line = "\(bar.unit) "
    if let total = bar.total {
      let width = 24
      let done = min(width, width * report.iteration / max(total, 1))
      line +=
        "\(report.iteration)".leftPadding("\(total)".count) + "/\(total) ["
        + String(repeating: "#", count: done) + String(repeating: ".", count: width - done) + "]"
    } else {
      line += "\(report.iteration)"
    }
    line += "  \(bar.label) \(NumberFormatting.significant(report.value * bar.scale, digits: 4))"
    if let v = report.validationValue, v.isFinite {
      line += "  validation \(NumberFormatting.significant(v * bar.scale, digits: 4))"
    }
    return line
  }

  /// Ends the bar's line, so that the report starts on a fresh one.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    drawn = false
  }
}

extension OptimizerOptions {
  /// The progress bar of a `physfit fit` minimisation: the objective's value per
  /// iteration, epoch (mini-batch gradient descent), temperature level (annealing) or hop
  /// (basin-hopping), out of the iteration limit when one was given. Nil when standard
  /// error is not a terminal.
  func fitProgressBar() -> ProgressBar? {
    let first = optimizer
    let unit: String
    if first == .annealing {
      unit = "level"
    } else if first == .basinHopping {
      unit = "hop"
    } else if first?.isGradientDescent == true, batchSize != nil || validation != nil {
      unit = "epoch"
    } else {
      unit = "iteration"
    }
    return ProgressBar(total: maxIterations ?? epochs, unit: unit, scale: 1, label: "value")
  }
}
