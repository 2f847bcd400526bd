/// A formula that could not be read, with the place where reading stopped.
///
/// The description is three lines, so that a terminal shows the caret under the
/// offending character:
///
/// ```
/// formula error at column 7: unknown function 'expp' (did you mean 'exp'?)
/// A*expp(-t/tau)
///   ^
/// ```
///
/// Columns are 1-based and count characters (`Character`s), so they line up in a
/// terminal for ordinary text. A column of `formula.count + 1` means "at the end".
public struct FormulaError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The formula as the user wrote it.
  public let formula: String
  /// 1-based character column of the problem.
  public let column: Int
  /// What was wrong, in one sentence without a trailing period.
  public let message: String

  /// An error in `formula` at the 1-based character `column`.
  public init(formula: String, column: Int, message: String) {
    self.formula = formula
    self.column = max(1, column)
    self.message = message
  }

  /// The formula as shown above the caret: line breaks become blanks (so the message
  /// stays three lines), and a formula longer than 100 characters is cut to 100 around
  /// the column, with `…` where text is left out.
  public var excerpt: String { window.text }

  /// The caret line: blanks up to `column` (in ``excerpt``), then `^`. Tabs in the
  /// formula are copied so that the caret stays aligned.
  public var caretLine: String {
    let (text, caretOffset) = window
    var line = ""
    for (offset, character) in text.enumerated() where offset < caretOffset {
      line.append(character == "\t" ? "\t" : " ")
    }
    let missing = caretOffset - text.count
    if missing > 0 { line += String(repeating: " ", count: missing) }
    return line + "^"
  }

  public var description: String {
    "formula error at column \(column): \(message)\n\(excerpt)\n\(caretLine)"
  }

  /// The shown text and the 0-based offset of the caret in it.
  private var window: (text: String, caretOffset: Int) {
    let characters = formula.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 }
    let width = 100
    guard characters.count > width else { return (String(characters), column - 1) }
    let start = min(max(0, column - 1 - width / 2), max(0, characters.count - width))
    let end = min(characters.count, start + width)
    let prefix = start > 0 ? "…" : ""
    let suffix = end < characters.count ? "…" : ""
    return (
      prefix + String(characters[start..<end]) + suffix, column - 1 - start + prefix.count
    )
  }
}
