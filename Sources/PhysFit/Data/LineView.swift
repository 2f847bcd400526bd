import Foundation

/// One line of a data file (its bytes without the line break) and its 1-based number:
/// splitting into fields and parsing them, with errors that name the place.
struct LineView {
  let bytes: UnsafeBufferPointer<UInt8>
  let number: Int

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
      || byte == 0x0B || byte == 0x0C
  }

  enum Kind { case blank, comment, content }

  /// Whether the line is blank, a whole-line `#` comment, or holds values.
  var kind: Kind {
    var i = 0
    while i < bytes.count && Self.isSpace(bytes[i]) { i += 1 }
    if i == bytes.count { return .blank }
    return bytes[i] == UInt8(ascii: "#") ? .comment : .content
  }

  /// The line up to a `#` comment, without surrounding white space.
  var contentRange: Range<Int> {
    var start = 0
    var end = bytes.count
    if let base = bytes.baseAddress, end > 0,
      let hash = memchr(base, Int32(UInt8(ascii: "#")), end)
    {
      end = UnsafeRawPointer(hash).assumingMemoryBound(to: UInt8.self) - base
    }
    while start < end && Self.isSpace(bytes[start]) { start += 1 }
    while end > start && Self.isSpace(bytes[end - 1]) { end -= 1 }
    return start..<end
  }

  var content: Slice<UnsafeBufferPointer<UInt8>> { bytes[contentRange] }

  func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  func parse(_ range: Range<Int>) -> DecimalParser.Result {
    DecimalParser.parse(UnsafeBufferPointer(rebasing: bytes[range]))
  }

  /// Words of a range, split on white space (and, with `commas`, on commas); at most
  /// `limit` of them (the rest are not split, so a huge line costs no huge array).
  func words(_ range: Range<Int>, commas: Bool = false, limit: Int = .max) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var i = range.lowerBound
    let end = range.upperBound
    func separates(_ byte: UInt8) -> Bool {
      Self.isSpace(byte) || (commas && byte == UInt8(ascii: ","))
    }
    while i < end && result.count < limit {
      while i < end && separates(bytes[i]) { i += 1 }
      let start = i
      while i < end && !separates(bytes[i]) { i += 1 }
      if i > start { result.append(start..<i) }
    }
    return result
  }

  // MARK: Values

  /// Parses one field as a number, or throws the error that names its place.
  @inline(__always)
  func number(_ range: Range<Int>, field: Int, names: [String], source: String) throws -> Double {
    var range = range
    // Some exporters quote every field: accept "1.5" as 1.5.
    if range.count >= 2 && bytes[range.lowerBound] == UInt8(ascii: "\"")
      && bytes[range.upperBound - 1] == UInt8(ascii: "\"")
    {
      range = (range.lowerBound + 1)..<(range.upperBound - 1)
    }
    if range.isEmpty {
      throw DataError.emptyValue(
        source: source, line: number, field: field, column: names[field - 1])
    }
    switch parse(range) {
    case .number(let value) where value.isFinite:
      return value
    case .number, .nonFinite:
      throw DataError.notFinite(
        source: source, line: number, field: field, column: names[field - 1], found: text(range))
    case .invalid:
      throw DataError.invalidNumber(
        source: source, line: number, field: field, column: names[field - 1], found: text(range))
    }
  }

  // MARK: CSV

  struct HeaderField {
    var name: String
    var quoted: Bool
    var range: Range<Int>
  }

  /// Splits a header line on commas outside double quotes, stopping at a `#` outside
  /// quotes; more than `limit` fields is an error.
  func headerFields(source: String, limit: Int) throws -> [HeaderField] {
    var fields: [HeaderField] = []
    var i = 0
    let end = bytes.count
    while true {
      let field = fields.count + 1
      if field > limit {
        throw DataError.tooManyColumns(source: source, line: number, limit: limit)
      }
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
          throw DataError.unterminatedQuote(source: source, line: number, field: field)
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

  /// Stores one comma-separated row at `row[j * stride]`, j = 0..<names.count.
  func csvRow(
    names: [String], into row: UnsafeMutablePointer<Double>, stride: Int, source: String
  ) throws {
    if fastRow(count: names.count, separator: UInt8(ascii: ","), into: row, stride: stride) {
      return
    }
    try csvRowInDetail(names: names, into: row, stride: stride, source: source)
  }

  /// The general path of ``csvRow(names:into:stride:source:)``: quoted values, and the
  /// error that names the place of a bad value.
  @inline(never)
  private func csvRowInDetail(
    names: [String], into row: UnsafeMutablePointer<Double>, stride: Int, source: String
  ) throws {
    let range = contentRange
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
          source: source, line: number, expected: count, found: field + extra)
      }
      var a = start
      var b = comma
      while a < b && Self.isSpace(bytes[a]) { a += 1 }
      while b > a && Self.isSpace(bytes[b - 1]) { b -= 1 }
      row[(field - 1) * stride] = try self.number(
        a..<b, field: field, names: names, source: source)
      if comma == end { break }
      start = comma + 1
    }
    if field < count {
      throw DataError.raggedRow(source: source, line: number, expected: count, found: field)
    }
  }

  /// The fast path of a row of plain numbers: `count` finite numbers separated by
  /// `separator` (a comma with optional blanks around it, or blanks alone for
  /// `separator == space`), optionally followed by blanks and a `#` comment. Stores
  /// them and returns true; returns false, with nothing promised about what was
  /// stored, for anything else — quotes, empty fields, a wrong count, a bad or
  /// non-finite value — which the general path then parses or reports.
  @inline(__always)
  func fastRow(
    count: Int, separator: UInt8, into row: UnsafeMutablePointer<Double>, stride: Int
  ) -> Bool {
    guard let p = bytes.baseAddress else { return false }
    let end = bytes.count
    var i = 0
    for j in 0..<count {
      while i < end && Self.isSpace(p[i]) { i += 1 }
      guard let (value, next) = DecimalParser.scan(p, from: i, to: end), value.isFinite else {
        return false
      }
      row[j * stride] = value
      i = next
      let afterNumber = i
      while i < end && Self.isSpace(p[i]) { i += 1 }
      if j + 1 < count {
        if separator == UInt8(ascii: " ") {
          guard i > afterNumber && i < end && p[i] != UInt8(ascii: "#") else { return false }
        } else {
          guard i < end && p[i] == separator else { return false }
          i += 1
        }
      }
    }
    return i == end || p[i] == UInt8(ascii: "#")
  }

  // MARK: Whitespace

  /// Stores one whitespace-separated row at `row[j * stride]`, j = 0..<names.count.
  func whitespaceRow(
    names: [String], into row: UnsafeMutablePointer<Double>, stride: Int, source: String
  ) throws {
    if fastRow(count: names.count, separator: UInt8(ascii: " "), into: row, stride: stride) {
      return
    }
    try whitespaceRowInDetail(names: names, into: row, stride: stride, source: source)
  }

  /// The general path of ``whitespaceRow(names:into:stride:source:)``.
  @inline(never)
  private func whitespaceRowInDetail(
    names: [String], into row: UnsafeMutablePointer<Double>, stride: Int, source: String
  ) throws {
    let range = contentRange
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
        throw DataError.raggedRow(source: source, line: number, expected: count, found: found)
      }
      row[(field - 1) * stride] = try self.number(
        start..<i, field: field, names: names, source: source)
    }
    if field < count {
      throw DataError.raggedRow(source: source, line: number, expected: count, found: field)
    }
  }
}
