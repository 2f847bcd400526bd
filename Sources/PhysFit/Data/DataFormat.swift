/// The layout of a numeric data file.
public enum DataFormat: Sendable, Hashable, CaseIterable {
  /// `.csv` files are CSV; a file whose first line starts with `NIST/ITL StRD` is a
  /// NIST StRD file; any other file is CSV when its first line that is neither blank
  /// nor a `#` comment contains a comma, and whitespace-separated otherwise.
  case automatic
  /// Comma-separated values with a header row of column names
  /// (see ``DataTable/parse(text:source:format:)``).
  case csv
  /// Whitespace-separated columns (`.dat`, `.txt`), names from a `#` comment line.
  case whitespace
  /// A NIST Statistical Reference Datasets file as published: a free-text header
  /// whose line `Data (lines A to B)` says where the values are, and whose line
  /// `Data:  y  x` just before them names the columns.
  case nistStRD
}
