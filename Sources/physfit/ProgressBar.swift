import Foundation
import PhysFit

/// A one-line progress bar on standard error, redrawn in place (`\r`) at most ten
/// times a second: `epoch  37/100 [#######.............]  loss 1.234e-03`.
///
/// Only for a terminal: ``init(total:unit:scale:)`` returns nil when standard error is not
/// a terminal (`isatty(2) == 0`), so piped or redirected runs and tests stay quiet.
final class ProgressBar {
  let total: Int?
  let unit: String
  /// Multiplies the objective value: 1/n for objectives that sum over points, so that
  /// the bar shows the loss per point as the final report does.
  let scale: Double
  private var lastDraw = -Double.infinity
  private var drawn = false

  init?(total: Int?, unit: String, scale: Double) {
    guard isatty(STDERR_FILENO) != 0 else { return nil }
    self.total = total
    self.unit = unit
    self.scale = scale
  }

  /// Draws the report of one iteration (epoch); the last one of a run always shows.
  func update(_ report: IterationReport) {
    let isLast = total.map { report.iteration >= $0 } ?? false
    guard isLast || report.elapsed - lastDraw >= 0.1 else { return }
    lastDraw = report.elapsed
    var line = "\(unit) "
    if let total {
      let width = 24
      let done = min(width, width * report.iteration / max(total, 1))
      line +=
        "\(report.iteration)".leftPadding("\(total)".count) + "/\(total) ["
        + String(repeating: "#", count: done) + String(repeating: ".", count: width - done) + "]"
    } else {
      line += "\(report.iteration)"
    }
    line += "  loss \(NumberFormatting.significant(report.value * scale, digits: 4))"
    FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    drawn = true
  }

  /// Ends the bar's line, so that the report starts on a fresh one.
  func finish() {
    if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
