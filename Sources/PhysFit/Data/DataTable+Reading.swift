import Foundation

extension DataTable {
  /// Reads a numeric table from a file. `source` in the table and in messages is the
  /// path as given.
  ///
  /// See ``parse(text:source:format:)`` for the two layouts and ``DataFormat/automatic``
  /// for how one is chosen.
  public static func read(contentsOf path: String, format: DataFormat = .automatic) throws
    -> DataTable
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DataError.cannotRead(path: path, reason: "no such file")
    }
    if isDirectory.boolValue {
      throw DataError.cannotRead(path: path, reason: "is a directory")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason =
        FileManager.default.isReadableFile(atPath: path) ? "read failed" : "permission denied"
      throw DataError.cannotRead(path: path, reason: reason)
    }
    return try data.withUnsafeBytes { raw in
      try parse(bytes: raw.bindMemory(to: UInt8.self), source: path, format: format)
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
  /// Lines end in LF or CRLF; a UTF-8 byte-order mark is ignored.
  public static func parse(text: String, source: String, format: DataFormat = .automatic)
    throws -> DataTable
  {
    var text = text
    return try text.withUTF8 { bytes in
      try parse(bytes: bytes, source: source, format: format)
    }
  }

  /// Parses UTF-8 bytes (the file's contents) as a numeric table.
  static func parse(bytes: UnsafeBufferPointer<UInt8>, source: String, format: DataFormat)
    throws -> DataTable
  {
    guard TextCheck.isText(bytes) else { throw DataError.notText(source: source) }
    var start = 0
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      start = 3  // byte-order mark
    }
    let body = UnsafeBufferPointer(rebasing: bytes[start...])
    var parser = TextTableParser(bytes: body, source: source)
    let layout: TextTableParser.Layout =
      switch format {
      case .automatic: parser.detectLayout()
      case .csv: .csv
      case .whitespace: .whitespace
      case .nistStRD: .nistStRD
      }
    return try parser.parse(layout: layout)
  }
}
