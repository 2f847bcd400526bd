import Foundation

/// Unbuffered writes to standard output and standard error, so that nothing is lost
/// or reordered when the program exits with a status code.
enum StandardStreams {
  /// Writes `text` to standard output, ending it with a newline.
  static func write(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    FileHandle.standardOutput.write(Data(line.utf8))
  }

  /// Writes `error: <message>` to standard error. Messages are one line, except
  /// formula errors, which add the formula and a caret line.
  static func writeError(_ message: String) {
    var text = message
    while text.hasSuffix("\n") { text.removeLast() }
    FileHandle.standardError.write(Data("error: \(text)\n".utf8))
  }

  /// Writes `physfit: <message>` to standard error (a note that is neither an error nor
  /// a warning, such as what an interrupted run saved).
  static func writeNotice(_ message: String) {
    FileHandle.standardError.write(Data("physfit: \(message)\n".utf8))
  }

  /// Writes `warning: <message>` to standard error.
  static func writeWarning(_ message: String) {
    FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
  }

  /// Ends the process with `code` (standard output is unbuffered, nothing is lost).
  static func terminate(_ code: Int32) -> Never {
    exit(code)
  }
}
