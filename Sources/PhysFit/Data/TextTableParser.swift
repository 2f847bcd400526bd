import Foundation

/// The line scanner behind ``DataTable/parse(text:source:format:)`` and
/// ``DataTable/read(contentsOf:format:)``: it is fed one line at a time (the bytes
/// without the line break), so a file can be streamed through a fixed-size buffer;
/// numbers are parsed in place by ``DecimalParser`` (no String per field) and
/// appended to the columns, which are the only memory that grows with the file.
///
/// The layout is known up front (a `.csv` name or an explicit format) or decided at
/// the first line that needs it (see ``DataFormat/automatic``).
struct TextTableParser {
  enum Layout { case csv, whitespace, nistStRD }

  private let source: String
  private var layout: Layout?
  /// Bytes of the whole input when known (the file size), to reserve the columns.
  private let sizeHint: Int
  /// The 1-based number of the line being consumed.
  private var lineNumber = 0
  /// Whether any line held more than white space.
  private var sawNonBlank = false
  /// Column names and values once the header (or first row) has been seen.
  private var names: [String] = []
  private var values: ColumnAccumulator?
  private var inRows: Bool { values != nil }
  private var finished = false

  // Whitespace layout, before the first row: names from a text header line or a comment.
  private var textHeader: (line: Int, words: [String])?
  /// The last comment line of each word count (the header is the last one whose word
  /// count matches the first row; keeping one per count bounds the memory).
  private var commentsByCount: [Int: (line: Int, words: [String])] = [:]

  // NIST StRD layout.
  private var nistRows: ClosedRange<Int>?

  /// - Parameters:
  ///   - layout: the layout, or nil to detect it from the content.
  ///   - sizeHint: the input's size in bytes (0 if unknown), for reserving columns.
  init(source: String, layout: Layout?, sizeHint: Int) {
    self.source = source
    self.layout = layout
    self.sizeHint = sizeHint
  }

  /// Whether the rest of the input cannot change the table (a NIST file past its last
  /// data line), so a reader may stop early.
  var isFinished: Bool { finished }

  /// Lines consumed so far (the number of the last one).
  var linesConsumed: Int { lineNumber }

  // MARK: Limits

  /// The most columns a table may have. A line of a few megabytes can hold millions of
  /// one-character values, each of which would become an array: the limit keeps a
  /// hostile file from turning a small line into gigabytes of column headers, while
  /// staying far above real tables (spectra with tens of thousands of channels).
  static let maximumColumns = 100_000

  // MARK: Consuming lines

  /// Consumes the next line: its bytes without the `\n` (a trailing `\r` is dropped here).
  mutating func consume(_ raw: UnsafeBufferPointer<UInt8>) throws {
    lineNumber += 1
    guard !finished else { return }
    var line = raw
    if lineNumber == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
      line = UnsafeBufferPointer(rebasing: line[3...])  // byte-order mark
    }
    if let last = line.last, last == UInt8(ascii: "\r") {
      line = UnsafeBufferPointer(rebasing: line[..<(line.count - 1)])
    }
    let view = LineView(bytes: line, number: lineNumber)
    let kind = view.kind
    if kind != .blank { sawNonBlank = true }
    if layout == nil {
      if lineNumber == 1 && line.starts(with: "NIST/ITL StRD".utf8) {
        layout = .nistStRD
      } else if kind == .content {
        layout = view.content.contains(UInt8(ascii: ",")) ? .csv : .whitespace
      } else {
        if kind == .comment { recordComment(view) }
        return
      }
    }
    switch layout {
    case .csv: try consumeCSV(view, kind)
    case .whitespace: try consumeWhitespace(view, kind)
    case .nistStRD, nil: try consumeNIST(view, kind)
    }
  }

  /// The table, once every line has been consumed.
  mutating func finish() throws -> DataTable {
    guard sawNonBlank else { throw DataError.empty(source: source) }
    switch layout {
    case .csv:
      guard inRows else { throw DataError.noHeader(source: source) }
    case .nistStRD:
      guard nistRows != nil else {
        throw DataError.malformedNISTHeader(
          source: source, reason: "no 'Data (lines A to B)' line in the header")
      }
    case .whitespace, nil:
      break
    }
    guard let columns = values?.finish(), let first = columns.first, !first.isEmpty else {
      throw DataError.noDataRows(source: source)
    }
    return DataTable(names: names, columns: columns, source: source)
  }

  // MARK: Columns

  /// Names the columns; rows follow.
  private mutating func startRows(_ names: [String]) {
    self.names = names
    values = ColumnAccumulator(columns: names.count, sizeHint: sizeHint)
  }

  /// Parses a comma-separated row and keeps it.
  private func csvRow(_ line: LineView) throws {
    guard let values else { return }
    try line.csvRow(
      names: names, into: values.rowPointer, stride: values.blockRows, source: source)
    values.commitRow(lineBytes: line.bytes.count)
  }

  /// Parses a whitespace-separated row and keeps it.
  private func whitespaceRow(_ line: LineView) throws {
    guard let values else { return }
    try line.whitespaceRow(
      names: names, into: values.rowPointer, stride: values.blockRows, source: source)
    values.commitRow(lineBytes: line.bytes.count)
  }

  private func checkColumnCount(_ count: Int, line: Int) throws {
    if count > Self.maximumColumns {
      throw DataError.tooManyColumns(source: source, line: line, limit: Self.maximumColumns)
    }
  }

  private static func checkUnique(_ names: [String], source: String, line: Int) throws {
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() {
      if let first = seen[name] {
        throw DataError.duplicateColumn(
          source: source, line: line, name: name, first: first + 1, second: index + 1)
      }
      seen[name] = index
    }
  }

  private static func positionalNames(_ count: Int) -> [String] {
    (0..<count).map { String($0 + 1) }
  }

  // MARK: CSV

  private mutating func consumeCSV(_ line: LineView, _ kind: LineView.Kind) throws {
    guard kind == .content else { return }
    if inRows {
      try csvRow(line)
      return
    }
    let fields = try line.headerFields(source: source, limit: Self.maximumColumns)
    let allNumbers = fields.allSatisfy { field in
      !field.quoted && !field.range.isEmpty && line.parse(field.range) != .invalid
    }
    let header: [String]
    if allNumbers {
      header = Self.positionalNames(fields.count)
    } else {
      for (index, field) in fields.enumerated() where field.name.isEmpty {
        throw DataError.emptyColumnName(source: source, line: line.number, field: index + 1)
      }
      header = fields.map(\.name)
      try Self.checkUnique(header, source: source, line: line.number)
    }
    startRows(header)
    if allNumbers { try csvRow(line) }
  }

  // MARK: Whitespace

  private mutating func recordComment(_ line: LineView) {
    guard !inRows else { return }
    var start = 0
    while start < line.bytes.count
      && (LineView.isSpace(line.bytes[start]) || line.bytes[start] == UInt8(ascii: "#"))
    {
      start += 1
    }
    let words = line.words(
      start..<line.bytes.count, commas: true, limit: Self.maximumColumns + 1)
    guard !words.isEmpty, words.count <= Self.maximumColumns else { return }
    commentsByCount[words.count] = (line.number, words.map(line.text))
  }

  private mutating func consumeWhitespace(_ line: LineView, _ kind: LineView.Kind) throws {
    switch kind {
    case .blank: return
    case .comment:
      recordComment(line)
      return
    case .content: break
    }
    if inRows {
      try whitespaceRow(line)
      return
    }
    let tokens = line.words(line.contentRange, limit: Self.maximumColumns + 1)
    try checkColumnCount(tokens.count, line: line.number)
    if textHeader == nil && tokens.allSatisfy({ line.parse($0) == .invalid }) {
      textHeader = (line.number, tokens.map(line.text))
      return
    }
    let header: [String]
    if let textHeader {
      header = textHeader.words
      try Self.checkUnique(header, source: source, line: textHeader.line)
    } else if let comment = commentsByCount[tokens.count] {
      header = comment.words
      try Self.checkUnique(header, source: source, line: comment.line)
    } else {
      header = Self.positionalNames(tokens.count)
    }
    commentsByCount = [:]
    startRows(header)
    try whitespaceRow(line)
  }

  // MARK: NIST StRD

  /// A NIST StRD file: the header line `Data (lines A to B)` gives the rows; the last
  /// line before row A that starts with `Data:` names the columns.
  private mutating func consumeNIST(_ line: LineView, _ kind: LineView.Kind) throws {
    guard let rows = nistRows else {
      let words = line.words(0..<line.bytes.count, limit: 64).map(line.text)
      if let i = words.firstIndex(of: "Data"), i + 5 <= words.count,
        words[i + 1] == "(lines", words[i + 3] == "to",
        let a = Int(words[i + 2]), let b = Int(words[i + 4].dropLast()), a <= b
      {
        nistRows = a...b
      }
      return
    }
    if line.number < rows.lowerBound {
      let words = line.words(0..<line.bytes.count, limit: Self.maximumColumns + 2)
      if let first = words.first, line.text(first) == "Data:" {
        try checkColumnCount(words.count - 1, line: line.number)
        names = words.dropFirst().map(line.text)
      }
      return
    }
    if line.number > rows.upperBound {
      finished = true
      return
    }
    if !inRows {
      guard !names.isEmpty else {
        throw DataError.malformedNISTHeader(
          source: source,
          reason: "no 'Data:  y  x' line names the columns before line \(rows.lowerBound)")
      }
      try Self.checkUnique(names, source: source, line: rows.lowerBound - 1)
      startRows(names)
    }
    guard kind == .content else { return }
    try whitespaceRow(line)
  }
}
