import Foundation

/// The progress of a comparison on standard error, one line redrawn in place at most
/// ten times a second: `runs  37/220 [####....................]`.
///
/// Only for a terminal (like ``ProgressBar``): ``init(label:)`` returns nil when standard
/// error is not one, so piped runs and tests stay quiet. Updates come from the worker
/// threads, one at a time (the comparison serialises its progress callback).
final class CompareProgress: @unchecked Sendable {
  private let label: String
  private var lastDraw = -Double.infinity
  private let clock = ContinuousClock.now
  private var drawn = false

  init?(label: String = "runs") {
    guard isatty(STDERR_FILENO) != 0 else { return nil }
    self.label = label
  }

  func update(_ done: Int, _ total: Int) {
    let d = ContinuousClock.now - clock
    let now = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    guard done >= total || now - lastDraw >= 0.1 else { return }
    lastDraw = now
    let width = 24
    let filled = total > 0 ? min(width, width * done / total) : width
    let line =
      "\(label) " + "\(done)".leftPadding("\(total)".count) + "/\(total) ["
      + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    drawn = true
  }

  /// Ends the line so that the report starts on a fresh one.
  func finish() {
    if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
