import Foundation

/// The line scanner behind ``DataTable/parse(text:source:format:)``: one pass over the
/// UTF-8 bytes, numbers parsed in place by ``DecimalParser`` (no String per field),
/// line ends found with `memchr` so very long lines cost nothing extra.
struct TextTableParser {
  enum Layout { case csv, whitespace, nistStRD }

  private let bytes: UnsafeBufferPointer<UInt8>
  private let source: String

  init(bytes: UnsafeBufferPointer<UInt8>, source: String) {
    self.bytes = bytes
    self.source = source
  }

  // MARK: Lines

  private struct Line {
    var number: Int
    /// Bytes of the line without the line break (a trailing CR is dropped).
    var start: Int
    var end: Int
  }

  private struct LineCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var number = 0

    mutating func next() -> Line? {
      guard position < bytes.count, let base = bytes.baseAddress else { return nil }
      number += 1
      let start = position
      var end = bytes.count
      if let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
        end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
      }
      position = end + 1
      if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      return Line(number: number, start: start, end: end)
    }
  }

  @inline(__always)
  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
      || byte == 0x0B || byte == 0x0C
  }

  private enum Kind { case blank, comment, content }

  /// Whether a line is blank, a whole-line `#` comment, or holds values.
  private func kind(of line: Line) -> Kind {
    var i = line.start
    while i < line.end && Self.isSpace(bytes[i]) { i += 1 }
    if i == line.end { return .blank }
    return bytes[i] == UInt8(ascii: "#") ? .comment : .content
  }

  /// The line up to a `#` comment, without surrounding white space.
  private func content(of line: Line) -> Range<Int> {
    var start = line.start
    var end = line.end
    if let base = bytes.baseAddress, end > start,
      let hash = memchr(base + start, Int32(UInt8(ascii: "#")), end - start)
    {
      end = UnsafeRawPointer(hash).assumingMemoryBound(to: UInt8.self) - base
    }
    while start < end && Self.isSpace(bytes[start]) { start += 1 }
    while end > start && Self.isSpace(bytes[end - 1]) { end -= 1 }
    return start..<end
  }

  private func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  private func isWhollyBlank() -> Bool {
    bytes.allSatisfy { Self.isSpace($0) || $0 == UInt8(ascii: "\n") }
  }

  // MARK: Layout

  /// `.csv` by extension; otherwise CSV when the first line with values has a comma.
  func detectLayout() -> Layout {
    if source.lowercased().hasSuffix(".csv") { return .csv }
    if bytes.starts(with: "NIST/ITL StRD".utf8) { return .nistStRD }
    var lines = LineCursor(bytes: bytes)
    while let line = lines.next() {
      guard kind(of: line) == .content else { continue }
      let range = content(of: line)
      return bytes[range].contains(UInt8(ascii: ",")) ? .csv : .whitespace
    }
    return .whitespace
  }

  mutating func parse(layout: Layout) throws -> DataTable {
    if isWhollyBlank() { throw DataError.empty(source: source) }
    switch layout {
    case .csv: return try parseCSV()
    case .whitespace: return try parseWhitespace()
    case .nistStRD: return try parseNISTStRD()
    }
  }

  // MARK: Values

  /// Parses one field as a number, or throws the error that names its place.
  @inline(__always)
  private func number(_ range: Range<Int>, line: Int, field: Int, names: [String]) throws
    -> Double
  {
    var range = range
    // Some exporters quote every field: accept "1.5" as 1.5.
    if range.count >= 2 && bytes[range.lowerBound] == UInt8(ascii: "\"")
      && bytes[range.upperBound - 1] == UInt8(ascii: "\"")
    {
      range = (range.lowerBound + 1)..<(range.upperBound - 1)
    }
    if range.isEmpty {
      throw DataError.emptyValue(
        source: source, line: line, field: field, column: names[field - 1])
    }
    switch DecimalParser.parse(UnsafeBufferPointer(rebasing: bytes[range])) {
    case .number(let value) where value.isFinite:
      return value
    case .number, .nonFinite:
      throw DataError.notFinite(
        source: source, line: line, field: field, column: names[field - 1], found: text(range))
    case .invalid:
      throw DataError.invalidNumber(
        source: source, line: line, field: field, column: names[field - 1], found: text(range))
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
    (1...max(count, 1)).prefix(count).map(String.init)
  }

  private func estimatedRows(firstLineLength: Int) -> Int {
    bytes.count / max(firstLineLength + 1, 8) + 16
  }

  // MARK: CSV

  private struct HeaderField {
    var name: String
    var quoted: Bool
    var range: Range<Int>
  }

  /// Splits a header line on commas outside double quotes, stopping at a `#` outside quotes.
  private func headerFields(_ line: Line) throws -> [HeaderField] {
    var fields: [HeaderField] = []
    var i = line.start
    let end = line.end
    while true {
      let number = fields.count + 1
      while i < end && Self.isSpace(bytes[i]) { i += 1 }
      if i < end && bytes[i] == UInt8(ascii: "\"") {
        var name: [UInt8] = []
        var j = i + 1
        var closed = false
        while j < end {
          if bytes[j] == UInt8(ascii: "\"") {
            if j + 1 < end && bytes[j + 1] == UInt8(ascii: "\"") {
              name.append(UInt8(ascii: "\""))
              j += 2
              continue
            }
            closed = true
            break
          }
          name.append(bytes[j])
          j += 1
        }
        guard closed else {
          throw DataError.unterminatedQuote(source: source, line: line.number, field: number)
        }
        let nameText = String(decoding: name, as: UTF8.self)
        fields.append(HeaderField(name: nameText, quoted: true, range: i..<(j + 1)))
        i = j + 1
        while i < end && Self.isSpace(bytes[i]) { i += 1 }
        if i < end && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "#") {
          // Text after the closing quote: treat the whole field as one unquoted name.
          var k = i
          while k < end && bytes[k] != UInt8(ascii: ",") && bytes[k] != UInt8(ascii: "#") {
            k += 1
          }
          fields[fields.count - 1].name += text(i..<k).trimmingCharacters(in: .whitespaces)
          i = k
        }
      } else {
        var k = i
        while k < end && bytes[k] != UInt8(ascii: ",") && bytes[k] != UInt8(ascii: "#") {
          k += 1
        }
        var last = k
        while last > i && Self.isSpace(bytes[last - 1]) { last -= 1 }
        fields.append(HeaderField(name: text(i..<last), quoted: false, range: i..<last))
        i = k
      }
      if i < end && bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      break
    }
    return fields
  }

  private func parseCSV() throws -> DataTable {
    var lines = LineCursor(bytes: bytes)
    var headerLine: Line?
    while let line = lines.next() {
      if kind(of: line) == .content {
        headerLine = line
        break
      }
    }
    guard let header = headerLine else { throw DataError.noHeader(source: source) }
    let fields = try headerFields(header)
    let allNumbers = fields.allSatisfy { field in
      !field.quoted && !field.range.isEmpty
        && DecimalParser.parse(UnsafeBufferPointer(rebasing: bytes[field.range]))
          != .invalid
    }
    let names: [String]
    if allNumbers {
      names = Self.positionalNames(fields.count)
    } else {
      for (index, field) in fields.enumerated() where field.name.isEmpty {
        throw DataError.emptyColumnName(source: source, line: header.number, field: index + 1)
      }
      names = fields.map(\.name)
      try Self.checkUnique(names, source: source, line: header.number)
    }

    let count = names.count
    var columns = [[Double]](repeating: [], count: count)
    let capacity = estimatedRows(firstLineLength: header.end - header.start)
    for j in 0..<count { columns[j].reserveCapacity(capacity) }
    if allNumbers {
      try csvRow(header, names: names, into: &columns)
    }
    while let line = lines.next() {
      guard kind(of: line) == .content else { continue }
      try csvRow(line, names: names, into: &columns)
    }
    guard !columns[0].isEmpty else { throw DataError.noDataRows(source: source) }
    return DataTable(names: names, columns: columns, source: source)
  }

  private func csvRow(_ line: Line, names: [String], into columns: inout [[Double]]) throws {
    let range = content(of: line)
    let count = names.count
    guard let base = bytes.baseAddress else { return }
    var start = range.lowerBound
    let end = range.upperBound
    var field = 0
    while true {
      var comma = end
      if start < end, let found = memchr(base + start, Int32(UInt8(ascii: ",")), end - start) {
        comma = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
      }
      field += 1
      if field > count {
        let extra = bytes[comma..<end].reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
        throw DataError.raggedRow(
          source: source, line: line.number, expected: count, found: field + extra)
      }
      var a = start
      var b = comma
      while a < b && Self.isSpace(bytes[a]) { a += 1 }
      while b > a && Self.isSpace(bytes[b - 1]) { b -= 1 }
      columns[field - 1].append(try number(a..<b, line: line.number, field: field, names: names))
      if comma == end { break }
      start = comma + 1
    }
    if field < count {
      throw DataError.raggedRow(source: source, line: line.number, expected: count, found: field)
    }
  }

  // MARK: Whitespace

  /// Words of a line, split on white space (and, in comment lines, commas).
  private func words(_ range: Range<Int>, commas: Bool = false) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var i = range.lowerBound
    let end = range.upperBound
    func separates(_ byte: UInt8) -> Bool {
      Self.isSpace(byte) || (commas && byte == UInt8(ascii: ","))
    }
    while i < end {
      while i < end && separates(bytes[i]) { i += 1 }
      let start = i
      while i < end && !separates(bytes[i]) { i += 1 }
      if i > start { result.append(start..<i) }
    }
    return result
  }

  private func parseWhitespace() throws -> DataTable {
    var lines = LineCursor(bytes: bytes)
    var comments: [(line: Int, words: [String])] = []
    var textHeader: (line: Int, words: [String])?
    var firstRow: Line?
    while let line = lines.next() {
      switch kind(of: line) {
      case .blank:
        continue
      case .comment:
        var start = line.start
        while start < line.end
          && (Self.isSpace(bytes[start]) || bytes[start] == UInt8(ascii: "#"))
        {
          start += 1
        }
        let names = words(start..<line.end, commas: true).map(text)
        if !names.isEmpty { comments.append((line.number, names)) }
      case .content:
        let tokens = words(content(of: line))
        let noNumbers = tokens.allSatisfy {
          DecimalParser.parse(UnsafeBufferPointer(rebasing: bytes[$0])) == .invalid
        }
        if textHeader == nil && noNumbers {
          textHeader = (line.number, tokens.map(text))
          continue
        }
        firstRow = line
      }
      if firstRow != nil { break }
    }
    guard let first = firstRow else { throw DataError.noDataRows(source: source) }

    let firstCount = words(content(of: first)).count
    let names: [String]
    if let header = textHeader {
      names = header.words
      try Self.checkUnique(names, source: source, line: header.line)
    } else if let comment = comments.last(where: { $0.words.count == firstCount }) {
      names = comment.words
      try Self.checkUnique(names, source: source, line: comment.line)
    } else {
      names = Self.positionalNames(firstCount)
    }

    let count = names.count
    var columns = [[Double]](repeating: [], count: count)
    let capacity = estimatedRows(firstLineLength: first.end - first.start)
    for j in 0..<count { columns[j].reserveCapacity(capacity) }
    try whitespaceRow(first, names: names, into: &columns)
    while let line = lines.next() {
      guard kind(of: line) == .content else { continue }
      try whitespaceRow(line, names: names, into: &columns)
    }
    return DataTable(names: names, columns: columns, source: source)
  }

  /// A NIST StRD file: the header line `Data (lines A to B)` gives the rows; the last
  /// line before row A that starts with `Data:` names the columns.
  private func parseNISTStRD() throws -> DataTable {
    var lines = LineCursor(bytes: bytes)
    var rows: ClosedRange<Int>?
    var names: [String] = []
    var columns: [[Double]] = []
    while let line = lines.next() {
      let words = self.words(line.start..<line.end).map(text)
      if rows == nil, let i = words.firstIndex(of: "Data"), i + 5 <= words.count,
        words[i + 1] == "(lines", words[i + 3] == "to",
        let a = Int(words[i + 2]), let b = Int(words[i + 4].dropLast()), a <= b
      {
        rows = a...b
        continue
      }
      guard let rows else { continue }
      if line.number < rows.lowerBound {
        if words.first == "Data:" { names = Array(words.dropFirst()) }
        continue
      }
      if line.number > rows.upperBound { break }
      if columns.isEmpty {
        guard !names.isEmpty else {
          throw DataError.malformedNISTHeader(
            source: source,
            reason: "no 'Data:  y  x' line names the columns before line \(rows.lowerBound)")
        }
        try Self.checkUnique(names, source: source, line: rows.lowerBound - 1)
        columns = [[Double]](repeating: [], count: names.count)
      }
      guard kind(of: line) == .content else { continue }
      try whitespaceRow(line, names: names, into: &columns)
    }
    guard rows != nil else {
      throw DataError.malformedNISTHeader(
        source: source, reason: "no 'Data (lines A to B)' line in the header")
    }
    guard let first = columns.first, !first.isEmpty else {
      throw DataError.noDataRows(source: source)
    }
    return DataTable(names: names, columns: columns, source: source)
  }

  private func whitespaceRow(_ line: Line, names: [String], into columns: inout [[Double]])
    throws
  {
    let range = content(of: line)
    let count = names.count
    var i = range.lowerBound
    let end = range.upperBound
    var field = 0
    while i < end {
      while i < end && Self.isSpace(bytes[i]) { i += 1 }
      let start = i
      while i < end && !Self.isSpace(bytes[i]) { i += 1 }
      guard i > start else { break }
      field += 1
      if field > count {
        let found = count + words(start..<end).count
        throw DataError.raggedRow(
          source: source, line: line.number, expected: count, found: found)
      }
      columns[field - 1].append(
        try number(start..<i, line: line.number, field: field, names: names))
    }
    if field < count {
      throw DataError.raggedRow(source: source, line: line.number, expected: count, found: field)
    }
  }
}
