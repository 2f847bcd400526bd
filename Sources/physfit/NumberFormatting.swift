import Foundation
import PhysFitPlot

/// Numbers as physicists quote them.
enum NumberFormatting {
  /// A value and its standard error, rounded together by the Particle Data Group's rule
  /// (``PDGRounding``): the three leading digits of the error choose two significant
  /// digits (100–354), one (355–949) or rounding up to 1000 with two (950–999), and the
  /// value is rounded to the same decimal place (9.8712 ± 0.4234 → "9.9", "0.4";
  /// 9.8712 ± 0.1234 → "9.87", "0.12").
  ///
  /// When the larger of |value| and error is ≥ 10⁵ or < 10⁻³, both are written in
  /// scientific notation with one common exponent, so that the digits still line up
  /// ("1.2346e+05", "0.0012e+05"). An error that is not positive and finite (fixed or
  /// undetermined parameters) gives the value to six significant digits and an empty
  /// error. JSON output keeps full precision; only this text is rounded.
  static func quote(_ value: Double, error: Double) -> (value: String, error: String) {
    guard value.isFinite else { return (text(value), "") }
    guard let rounded = PDGRounding.round(value, error: error) else {
      return (compact(value), "")
    }
    let last = rounded.place  // decimal exponent of the last quoted digit
    let magnitude = max(abs(rounded.value), rounded.error)
    let exponent = magnitude > 0 ? Int(floor(log10(magnitude))) : 0
    if exponent >= 5 || exponent < -3 {
      let scale = pow(10, Double(exponent))
      let decimals = min(max(exponent - last, 0), 15)
      let suffix = exponentSuffix(exponent)
      return (
        fixed(rounded.value / scale, decimals: decimals) + suffix,
        fixed(rounded.error / scale, decimals: decimals) + suffix
      )
    }
    return (rounded.valueText, rounded.errorText)
  }

  /// `x` with `digits` significant digits: fixed notation for 10⁻⁴ ≤ |x| < 10⁶,
  /// scientific otherwise; "nan", "inf", "-inf" for non-finite values.
  static func significant(_ x: Double, digits: Int) -> String {
    guard x.isFinite else { return text(x) }
    if x == 0 { return "0" }
    let exponent = Int(floor(log10(abs(x))))
    if exponent >= -4 && exponent < 6 {
      return fixed(x, decimals: max(0, digits - 1 - exponent))
    }
    let scale = pow(10, Double(exponent))
    var mantissa = x / scale
    var e = exponent
    // Rounding may carry into the next power of ten (9.9999e5 → 10.000e5).
    let rounded = (mantissa * pow(10, Double(digits - 1))).rounded() / pow(10, Double(digits - 1))
    if abs(rounded) >= 10 {
      mantissa /= 10
      e += 1
    }
    return fixed(mantissa, decimals: digits - 1) + exponentSuffix(e)
  }

  /// Up to six significant digits without trailing zeros ("1000", "12.5", "1.5e-07").
  static func compact(_ x: Double) -> String {
    let s = significant(x, digits: 6)
    guard x.isFinite else { return s }
    let parts = s.split(separator: "e", maxSplits: 1)
    var mantissa = parts[0]
    if mantissa.contains(".") {
      while mantissa.hasSuffix("0") { mantissa.removeLast() }
      if mantissa.hasSuffix(".") { mantissa.removeLast() }
    }
    return String(mantissa) + (parts.count > 1 ? "e" + parts[1] : "")
  }

  /// Fixed-point text with `decimals` digits after the point; never "-0".
  static func fixed(_ x: Double, decimals: Int) -> String {
    let s = String(format: "%.\(decimals)f", x)
    if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
      return String(s.dropFirst())
    }
    return s
  }

  /// "e+05", "e-09".
  static func exponentSuffix(_ e: Int) -> String {
    let digits = String(abs(e))
    return "e" + (e < 0 ? "-" : "+") + (digits.count < 2 ? "0" + digits : digits)
  }

  static func text(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return "\(x)"
  }

  /// Pads strings so that their decimal points (or, without one, their ends of the
  /// integer part) line up in a column, and all have the same width.
  static func alignDecimals(_ items: [String]) -> [String] {
    func split(_ s: String) -> (String, String) {
      guard !s.isEmpty else { return ("", "") }
      let end = s.firstIndex(where: { $0 == "." || $0 == "e" }) ?? s.endIndex
      return (String(s[..<end]), String(s[end...]))
    }
    let parts = items.map(split)
    let left = parts.map(\.0.count).max() ?? 0
    let right = parts.map(\.1.count).max() ?? 0
    return parts.map { l, r in
      String(repeating: " ", count: left - l.count) + l + r
        + String(repeating: " ", count: right - r.count)
    }
  }
}
