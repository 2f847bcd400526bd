import Foundation

/// Streams a file descriptor through a fixed-size buffer and feeds its lines to a
/// ``TextTableParser``.
///
/// Each `read` fills the buffer after the unfinished line left by the previous one;
/// the complete lines are checked to be text (no NUL byte, valid UTF-8 — checked on
/// whole lines, so a multi-byte character is never split) and consumed in place; the
/// unfinished tail moves to the front. The buffer is 1 MiB (or the size of a smaller
/// file, plus one byte to see its end) and grows only while a
/// single line does not fit, up to ``DataTable/maximumLineLength``: memory stays
/// bounded whatever the file size, and a binary or endless one-line file ends with an
/// error after at most that much, never by exhausting memory.
struct ChunkedLineReader {
  /// Bytes per read: large enough that the system-call overhead is negligible, small
  /// enough to stay in the L2/L3 cache while its lines are parsed.
  static let chunkSize = 1 << 20

  let descriptor: Int32
  let source: String
  /// The file's size when known (0 otherwise): a small file gets a buffer of its size.
  var sizeHint = 0

  func feed(_ parser: inout TextTableParser) throws {
    let limit = DataTable.maximumLineLength
    var capacity = sizeHint > 0 ? min(Self.chunkSize, max(4096, sizeHint + 1)) : Self.chunkSize
    var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    var filled = 0
    while !parser.isFinished {
      if filled == capacity {
        // One line fills the whole buffer.
        guard capacity <= limit else {
          throw DataError.lineTooLong(
            source: source, line: parser.linesConsumed + 1, limit: limit)
        }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: min(2 * capacity, limit + 1))
        larger.update(from: buffer, count: filled)
        buffer.deallocate()
        buffer = larger
        capacity = min(2 * capacity, limit + 1)
      }
      let count = Foundation.read(descriptor, buffer + filled, capacity - filled)
      if count < 0 {
        if errno == EINTR { continue }
        throw DataError.cannotRead(path: source, reason: String(cString: strerror(errno)))
      }
      if count == 0 {
        if filled > 0 {
          let tail = UnsafeBufferPointer(start: buffer, count: filled)
          guard TextCheck.isText(tail) else { throw DataError.notText(source: source) }
          try Self.consumeLine(tail, into: &parser, source: source)
        }
        return
      }
      // A NUL byte ends the read at once (UTF-8 is checked per complete line below).
      if memchr(buffer + filled, 0, count) != nil { throw DataError.notText(source: source) }
      let fresh = filled
      filled += count
      // The last line break among the new bytes (the tail before them had none).
      var last = filled - 1
      while last >= fresh && buffer[last] != UInt8(ascii: "\n") { last -= 1 }
      guard last >= fresh else { continue }
      let end = last + 1
      let lines = UnsafeBufferPointer(start: buffer, count: end)
      guard TextCheck.isText(lines) else { throw DataError.notText(source: source) }
      _ = try Self.consumeLines(lines, into: &parser, source: source)
      filled -= end
      if filled > 0 { memmove(buffer, buffer + end, filled) }
    }
  }

  /// Consumes every line of `bytes` that ends in `\n` and returns the index after the
  /// last one (where an unfinished line starts).
  @discardableResult
  static func consumeLines(
    _ bytes: UnsafeBufferPointer<UInt8>, into parser: inout TextTableParser, source: String
  ) throws -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var start = 0
    while start < bytes.count, !parser.isFinished {
      guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
      else { break }
      let end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
      try consumeLine(
        UnsafeBufferPointer(start: base + start, count: end - start), into: &parser,
        source: source)
      start = end + 1
    }
    return start
  }

  /// Consumes one line (without its `\n`), enforcing the line-length limit.
  static func consumeLine(
    _ line: UnsafeBufferPointer<UInt8>, into parser: inout TextTableParser, source: String
  ) throws {
    if line.count > DataTable.maximumLineLength {
      throw DataError.lineTooLong(
        source: source, line: parser.linesConsumed + 1, limit: DataTable.maximumLineLength)
    }
    try parser.consume(line)
  }
}
