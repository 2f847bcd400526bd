import Foundation

/// Parses one decimal number from raw UTF-8 bytes, without creating a String.
///
/// Accepted: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` — e.g. `1`,
/// `-1.5`, `1e-3`, `+2.0E+05`, `.5`, `5.`. Rejected: `1.2.3`, hexadecimal, `nan`,
/// `inf` (reported as not finite), and anything with extra characters.
///
/// Speed and rounding: with at most 15 significant digits and a decimal exponent within
/// ±22 — nearly every measured value — the result is `m · 10^e` or `m / 10^−e` with both
/// factors exact doubles, hence correctly rounded (Clinger's fast path). Longer
/// mantissas and larger exponents go to `strtod`, which is correctly rounded, after the
/// syntax above has been checked here (so strtod never sees hex, `nan` or `inf`).
/// Only the C locale's decimal point is understood by strtod; PhysFit never calls
/// `setlocale`, so that is the one in force.
enum DecimalParser {
  enum Result: Equatable {
    case number(Double)
    case invalid
    /// `nan`, `inf`, `infinity` (any case, optional sign).
    case nonFinite
  }

  /// Exact powers of ten 10⁰ … 10²² (10²² < 2⁵³·2²² is the largest exact one).
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
    let count = bytes.count
    var i = 0
    var negative = false
    if i < count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0
    var digits = 0
    var truncated = false
    while i < count, case let d = bytes[i] &- UInt8(ascii: "0"), d < 10 {
      if !accumulate(d, &mantissa, &significant, &truncated) { exponent += 1 }
      digits += 1
      i += 1
    }
    if i < count && bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < count, case let d = bytes[i] &- UInt8(ascii: "0"), d < 10 {
        if accumulate(d, &mantissa, &significant, &truncated) { exponent -= 1 }
        digits += 1
        i += 1
      }
    }
    guard digits > 0 else { return isNonFiniteWord(bytes) ? .nonFinite : .invalid }
    if i < count && (bytes[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      var exponentNegative = false
      if i < count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var value = 0
      var exponentDigits = 0
      while i < count, case let d = bytes[i] &- UInt8(ascii: "0"), d < 10 {
        if value < 100_000 { value = value * 10 + Int(d) }
        exponentDigits += 1
        i += 1
      }
      guard exponentDigits > 0 else { return .invalid }
      exponent += exponentNegative ? -value : value
    }
    guard i == count else { return .invalid }

    if mantissa == 0 && !truncated { return .number(negative ? -0.0 : 0.0) }
    if !truncated && significant <= 15 && exponent >= -22 && exponent <= 22 {
      let m = Double(mantissa)
      let value = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
      return .number(negative ? -value : value)
    }
    return .number(strtodFallback(bytes))
  }

  /// Adds one digit to the mantissa and returns true, or — past 19 significant digits,
  /// the most a UInt64 holds — drops it, sets `truncated` (the value then goes to
  /// strtod) and returns false. Leading zeros are not significant and return true.
  @inline(__always)
  private static func accumulate(
    _ d: UInt8, _ mantissa: inout UInt64, _ significant: inout Int, _ truncated: inout Bool
  ) -> Bool {
    if mantissa == 0 && d == 0 { return true }
    if significant < 19 {
      mantissa = mantissa &* 10 &+ UInt64(d)
      significant += 1
      return true
    }
    if d != 0 { truncated = true }
    return false
  }

  private static func strtodFallback(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
      for k in 0..<bytes.count { buffer[k] = CChar(bitPattern: bytes[k]) }
      buffer[bytes.count] = 0
      return strtod(buffer.baseAddress!, nil)
    }
  }

  private static func isNonFiniteWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var start = 0
    if start < bytes.count,
      bytes[start] == UInt8(ascii: "+") || bytes[start] == UInt8(ascii: "-")
    {
      start += 1
    }
    let length = bytes.count - start
    guard length == 3 || length == 8 else { return false }
    var word = ""
    for k in start..<bytes.count { word.unicodeScalars.append(Unicode.Scalar(bytes[k] | 0x20)) }
    return word == "nan" || word == "inf" || word == "infinity"
  }
}
