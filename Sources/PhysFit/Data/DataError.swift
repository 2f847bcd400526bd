/// A problem with a data file or a column selection, with the place it was found.
///
/// Messages are one line and start with the place, in the compiler convention
/// `file:line:field:` — where **field is the 1-based number of the value on the line**
/// (the column of the table), not a character offset. The column's name follows in
/// the message, e.g. `data.csv:12:3: expected a number in column "dy", found 'abc'`.
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file could not be opened or read; `reason` is e.g. "no such file".
  case cannotRead(path: String, reason: String)
  /// NUL bytes or invalid UTF-8: a binary file.
  case notText(source: String)
  /// Nothing but whitespace.
  case empty(source: String)
  /// A CSV file with only blank and comment lines.
  case noHeader(source: String)
  /// Column names but no row of values.
  case noDataRows(source: String)
  /// A NIST StRD file whose header does not say where the data are or what they are called.
  case malformedNISTHeader(source: String, reason: String)
  /// A value that is not a number where a number was expected.
  case invalidNumber(source: String, line: Int, field: Int, column: String, found: String)
  /// NaN, infinity, or a value that overflows a Double (e.g. 1e999).
  case notFinite(source: String, line: Int, field: Int, column: String, found: String)
  /// An empty field where a number was expected.
  case emptyValue(source: String, line: Int, field: Int, column: String)
  /// A row with more or fewer values than the header has columns.
  case raggedRow(source: String, line: Int, expected: Int, found: Int)
  /// A header field without a name.
  case emptyColumnName(source: String, line: Int, field: Int)
  /// A quoted CSV field whose closing quote is missing.
  case unterminatedQuote(source: String, line: Int, field: Int)
  /// Two columns with the same name (`first` and `second` are their 1-based positions).
  case duplicateColumn(source: String, line: Int, name: String, first: Int, second: Int)
  /// A column selection (`--x`, `--y`, ...) that matches no column name or 1-based index.
  case unknownColumn(source: String, selector: String, names: [String])
  /// A line longer than the reader's limit (see ``DataTable/maximumLineLength``).
  case lineTooLong(source: String, line: Int, limit: Int)
  /// More columns than a table may have (see ``DataTable/maximumColumns``).
  case tooManyColumns(source: String, line: Int, limit: Int)

  public var description: String {
    switch self {
    case .cannotRead(let path, let reason):
      return "cannot read '\(path)': \(reason)"
    case .notText(let source):
      return "\(source): not a text file"
    case .empty(let source):
      return "\(source): file is empty"
    case .noHeader(let source):
      return "\(source): no header row (only blank and comment lines)"
    case .noDataRows(let source):
      return "\(source): no data rows"
    case .malformedNISTHeader(let source, let reason):
      return "\(source): NIST StRD header: \(reason)"
    case .invalidNumber(let source, let line, let field, let column, let found):
      return "\(source):\(line):\(field): expected a number in column \"\(column)\", "
        + "found '\(Self.abbreviated(found))'"
    case .notFinite(let source, let line, let field, let column, let found):
      return "\(source):\(line):\(field): value '\(Self.abbreviated(found))' in column "
        + "\"\(column)\" is not finite"
    case .emptyValue(let source, let line, let field, let column):
      return "\(source):\(line):\(field): empty value in column \"\(column)\""
    case .raggedRow(let source, let line, let expected, let found):
      return "\(source):\(line): expected \(expected) values, found \(found)"
    case .emptyColumnName(let source, let line, let field):
      return "\(source):\(line):\(field): empty column name"
    case .unterminatedQuote(let source, let line, let field):
      return "\(source):\(line):\(field): unterminated quote in column name"
    case .duplicateColumn(let source, let line, let name, let first, let second):
      return "\(source):\(line): duplicate column name '\(name)' (columns \(first) and \(second))"
    case .unknownColumn(let source, let selector, let names):
      return "no column '\(selector)' in \(source) (columns: \(names.joined(separator: ", ")))"
    case .lineTooLong(let source, let line, let limit):
      return
        "\(source):\(line): line is longer than \(limit) bytes (\(limit >> 20) MiB), the most a "
        + "data file's line may have"
    case .tooManyColumns(let source, let line, let limit):
      return "\(source):\(line): more than \(limit) columns, the most a data table may have"
    }
  }

  /// Keeps messages to one readable line when a "value" is a whole garbage line.
  private static func abbreviated(_ text: String) -> String {
    text.count <= 40 ? text : String(text.prefix(37)) + "..."
  }
}
