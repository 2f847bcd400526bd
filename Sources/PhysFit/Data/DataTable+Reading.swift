import Foundation

extension DataTable {
  /// The longest line a data file may have: 16 MiB. The reader holds at most one line
  /// (plus one read chunk) in memory, so this bounds its buffer; it is far above any
  /// real table (a 100 000-column row of 20-digit numbers is 2 MiB).
  public static let maximumLineLength = 1 << 24

  /// The most columns a table may have: 100 000. A line of a few megabytes can hold
  /// millions of one-character values, each of which would become an array; the limit
  /// keeps a hostile file from turning one line into gigabytes, far above real tables.
  public static var maximumColumns: Int { TextTableParser.maximumColumns }

  /// Reads a numeric table from a file. `source` in the table and in messages is the
  /// path as given.
  ///
  /// The file is streamed through a 1 MiB buffer (grown only for a line longer than
  /// that, up to ``maximumLineLength``): memory beyond the columns themselves stays
  /// bounded however large the file is, and pipes and FIFOs can be read too.
  ///
  /// See ``parse(text:source:format:)`` for the layouts and ``DataFormat/automatic``
  /// for how one is chosen.
  public static func read(contentsOf path: String, format: DataFormat = .automatic) throws
    -> DataTable
  {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw DataError.cannotRead(path: path, reason: Self.reason(errno))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw DataError.cannotRead(path: path, reason: Self.reason(errno))
    }
    if status.st_mode & S_IFMT == S_IFDIR {
      throw DataError.cannotRead(path: path, reason: "is a directory")
    }
    let size = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : 0
    var parser = TextTableParser(
      source: path, layout: layout(format, source: path), sizeHint: size)
    try ChunkedLineReader(descriptor: descriptor, source: path, sizeHint: size).feed(&parser)
    return try parser.finish()
  }

  private static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT, ENOTDIR: "no such file"
    case EACCES, EPERM: "permission denied"
    case EISDIR: "is a directory"
    default: String(cString: strerror(code))
    }
  }

  /// Parses a numeric table from text.
  ///
  /// Both layouts skip blank lines and `#` comments — whole comment lines anywhere, and a
  /// trailing `# …` after the values of a line. Values are decimal numbers (`1`, `-1.5`,
  /// `1e-3`, `+2.0E+05`, `.5`); NaN, infinities, overflow and empty fields are errors.
  ///
  /// - CSV: the first line that is not blank or a comment names the columns, separated by
  ///   commas; names are trimmed and may be double-quoted (`"x, m"`, `""` for a quote).
  ///   If every field of that line is a number, the file has no header: the line is data
  ///   and the columns are named "1", "2", ….
  /// - Whitespace: values separated by spaces or tabs. A first non-comment line that
  ///   holds no number names the columns (`t y dy`); otherwise the last `#` comment line
  ///   before the first data row that has as many words as that row has values
  ///   (`# t  y  dy`; commas between the words are allowed); otherwise they are "1", "2", ….
  ///
  /// Column names must be unique. Rows must all have the same number of values.
  /// Lines end in LF or CRLF; a UTF-8 byte-order mark is ignored. Text with NUL bytes
  /// or invalid UTF-8 is not a text file; a line longer than ``maximumLineLength`` or
  /// more than ``maximumColumns`` columns is an error.
  public static func parse(text: String, source: String, format: DataFormat = .automatic)
    throws -> DataTable
  {
    var text = text
    return try text.withUTF8 { bytes in
      try parse(bytes: bytes, source: source, format: format)
    }
  }

  /// Parses UTF-8 bytes (a whole file's contents) as a numeric table.
  static func parse(bytes: UnsafeBufferPointer<UInt8>, source: String, format: DataFormat)
    throws -> DataTable
  {
    guard TextCheck.isText(bytes) else { throw DataError.notText(source: source) }
    var parser = TextTableParser(
      source: source, layout: layout(format, source: source), sizeHint: bytes.count)
    let end = try ChunkedLineReader.consumeLines(bytes, into: &parser, source: source)
    if end < bytes.count && !parser.isFinished {
      try ChunkedLineReader.consumeLine(
        UnsafeBufferPointer(rebasing: bytes[end...]), into: &parser, source: source)
    }
    return try parser.finish()
  }

  /// The layout a format names, or nil to detect it; a `.csv` name is CSV.
  private static func layout(_ format: DataFormat, source: String) -> TextTableParser.Layout? {
    switch format {
    case .automatic: source.lowercased().hasSuffix(".csv") ? .csv : nil
    case .csv: .csv
    case .whitespace: .whitespace
    case .nistStRD: .nistStRD
    }
  }
}
