/// Tells text from binary files: a text file has no NUL byte and is valid UTF-8.
enum TextCheck {
  /// Pure-ASCII input (the usual case) is checked eight bytes at a time; only files
  /// with bytes ≥ 0x80 get a full UTF-8 validation.
  static func isText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var nonASCII = false
    var i = 0
    let raw = UnsafeRawPointer(base)
    while i + 8 <= count {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      if (word &- ones) & ~word & highs != 0 { return false }  // some byte is 0
      if word & highs != 0 { nonASCII = true }
      i += 8
    }
    while i < count {
      if base[i] == 0 { return false }
      if base[i] >= 0x80 { nonASCII = true }
      i += 1
    }
    guard nonASCII else { return true }
    let hadError = transcode(
      bytes.makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: true,
      into: { _ in })
    return !hadError
  }
}
