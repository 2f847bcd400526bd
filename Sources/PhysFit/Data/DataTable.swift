/// Named columns of numbers read from a data file.
///
/// Columns are selected by name or by 1-based position given as text (as a user types
/// it on the command line): `"y"`, or `"3"` for the third column. A column literally
/// named `"3"` wins over the third column, so a selector never changes meaning when a
/// file gains a header. Files without names get the names "1", "2", …, which makes
/// both readings agree.
public struct DataTable: Sendable, Equatable {
  /// Column names, unique, in file order.
  public let names: [String]
  /// `columns[j][i]` is row i of column j; all columns have `rowCount` values.
  public let columns: [[Double]]
  /// The file name (or other label) the table came from, used in messages.
  public let source: String

  /// A table of named columns of equal length; `source` names where it came from (a path) in
  /// messages.
  public init(names: [String], columns: [[Double]], source: String) {
    precondition(names.count == columns.count, "one name per column")
    precondition(
      columns.allSatisfy { $0.count == (columns.first?.count ?? 0) },
      "columns must have equal length")
    self.names = names
    self.columns = columns
    self.source = source
  }

  /// The number of rows (values per column).
  public var rowCount: Int { columns.first?.count ?? 0 }
  /// The number of columns.
  public var columnCount: Int { columns.count }

  /// The column with exactly this name.
  public func column(named name: String) throws -> [Double] {
    guard let index = names.firstIndex(of: name) else {
      throw DataError.unknownColumn(source: source, selector: name, names: names)
    }
    return columns[index]
  }

  /// The 0-based index of the column selected by a name or a 1-based position ("3").
  public func columnIndex(_ selector: String) throws -> Int {
    if let index = names.firstIndex(of: selector) { return index }
    if let position = Int(selector), position >= 1, position <= columns.count,
      selector.allSatisfy(\.isASCII), selector.first != "+"
    {
      return position - 1
    }
    throw DataError.unknownColumn(source: source, selector: selector, names: names)
  }

  /// The column selected by a name or a 1-based position ("3"); the name wins.
  public func column(_ selector: String) throws -> [Double] {
    columns[try columnIndex(selector)]
  }
}
