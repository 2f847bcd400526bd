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

  public init(formula: String, column: Int, message: String) {
    self.formula = formula
    self.column = max(1, column)
    self.message = message
  }

  /// The caret line: blanks up to `column`, then `^`. Tabs in the formula are copied
  /// so that the caret stays aligned.
  public var caretLine: String {
    var line = ""
    for (offset, character) in formula.enumerated() where offset < column - 1 {
      line.append(character == "\t" ? "\t" : " ")
    }
    let missing = column - 1 - formula.count
    if missing > 0 { line += String(repeating: " ", count: missing) }
    return line + "^"
  }

  public var description: String {
    "formula error at column \(column): \(message)\n\(formula)\n\(caretLine)"
  }
}
