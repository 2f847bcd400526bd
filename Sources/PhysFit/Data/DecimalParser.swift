import Foundation

/// Parses one decimal number from raw UTF-8 bytes, without creating a String.
///
/// Accepted: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` — e.g. `1`,
/// `-1.5`, `1e-3`, `+2.0E+05`, `.5`, `5.`. Rejected: `1.2.3`, hexadecimal, `nan`,
/// `inf` (reported as not finite), and anything with extra characters.
///
/// Speed and rounding: with a mantissa of at most 2⁵³ (about 15–16 significant digits)
/// and a decimal exponent within ±22 — nearly every measured value — the result is
/// `m · 10^e` or `m / 10^−e` with both factors exact doubles, hence correctly rounded
/// (Clinger's fast path). Longer mantissas and larger exponents go to `strtod`, which is
/// correctly rounded, after the syntax above has been checked here (so strtod never sees
/// hex, `nan` or `inf`).
/// Only the C locale's decimal point is understood by strtod; PhysFit never calls
/// `setlocale`, so that is the one in force.
enum DecimalParser {
  enum Result: Equatable {
    case number(Double)
    case invalid
    /// `nan`, `inf`, `infinity` (any case, optional sign).
    case nonFinite
  }

  /// Exact powers of ten 10⁰ … 10²² (10²² < 2⁵³·2²² is the largest exact one); an
  /// inline array, so reading one is a load rather than an array-object access.
  private static let powersOfTen: InlineArray<23, Double> = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
    guard let base = bytes.baseAddress,
      let (value, end) = scan(base, from: 0, to: bytes.count)
    else { return isNonFiniteWord(bytes) ? .nonFinite : .invalid }
    return end == bytes.count ? .number(value) : .invalid
  }

  /// Parses the longest number at the start of `p[start..<end]`: its value and the index
  /// just after it, or nil when no digits start there. An exponent marker without digits
  /// (`1e`) ends the number before the `e`. The value may be ±∞ (`1e999`).
  ///
  /// All digits go into one 64-bit mantissa m (exact while there are at most 19 of
  /// them, leading zeros included); with m ≤ 2⁵³ and a decimal exponent within ±22 the
  /// value is m·10^e or m/10^−e of two exact doubles, correctly rounded. Anything else
  /// (more digits, larger exponents) goes to `strtod`.
  @inline(__always)
  static func scan(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Double, Int)? {
    var i = start
    var negative = false
    if i < end && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) {
      negative = p[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    let integerStart = i
    while i < end, case let d = p[i] &- UInt8(ascii: "0"), d < 10 {
      mantissa = mantissa &* 10 &+ UInt64(d)
      i += 1
    }
    var digits = i - integerStart
    var exponent = 0
    if i < end && p[i] == UInt8(ascii: ".") {
      i += 1
      let fractionStart = i
      while i < end, case let d = p[i] &- UInt8(ascii: "0"), d < 10 {
        mantissa = mantissa &* 10 &+ UInt64(d)
        i += 1
      }
      digits += i - fractionStart
      exponent = fractionStart - i
    }
    guard digits > 0 else { return nil }
    if i < end && (p[i] | 0x20) == UInt8(ascii: "e") {
      var j = i + 1
      var exponentNegative = false
      if j < end && (p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-")) {
        exponentNegative = p[j] == UInt8(ascii: "-")
        j += 1
      }
      var value = 0
      let exponentStart = j
      while j < end, case let d = p[j] &- UInt8(ascii: "0"), d < 10 {
        if value < 100_000 { value = value * 10 + Int(d) }
        j += 1
      }
      if j > exponentStart {
        exponent += exponentNegative ? -value : value
        i = j
      }
    }
    if digits <= 19 {
      if mantissa == 0 { return (negative ? -0.0 : 0.0, i) }
      if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
        let m = Double(mantissa)
        let power = powersOfTen[abs(exponent)]
        let value = exponent >= 0 ? m * power : m / power
        return (negative ? -value : value, i)
      }
    }
    return (strtodFallback(UnsafeBufferPointer(start: p + start, count: i - start)), i)
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
