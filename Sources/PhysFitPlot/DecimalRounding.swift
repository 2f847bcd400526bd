import Foundation

/// Rounding of a `Double` at a decimal place, done on its decimal digits so that the
/// result is what a person rounding the printed number would get (0.355 → 0.36 at place
/// −2, not 0.35 from the binary value 0.35499999999999998).
///
/// The digits are those of `%.14e` — 15 significant digits, which reproduce any decimal
/// literal of up to 15 digits exactly (DBL_DIG = 15) — and halves round away from zero.
public enum DecimalRounding {
  /// `x` rounded to a multiple of 10^place, as text without exponent: place −2 gives two
  /// decimals ("0.83"), place 1 a multiple of ten ("12350"). Non-finite x gives "nan"/"inf".
  public static func text(_ x: Double, place: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    var digits = digitsAtPlace(x, place: place)
    let isZero = digits.allSatisfy { $0 == "0" }
    let sign = x < 0 && !isZero ? "-" : ""
    if place >= 0 {
      return sign + digits + String(repeating: "0", count: place)
    }
    let decimals = -place
    if digits.count <= decimals {
      digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
    }
    let split = digits.index(digits.endIndex, offsetBy: -decimals)
    return sign + digits[..<split] + "." + digits[split...]
  }

  /// The decimal exponent k of x = d.ddd × 10ᵏ after rounding to 15 digits (0 for 0).
  public static func exponent(_ x: Double) -> Int {
    guard x.isFinite, x != 0 else { return 0 }
    let s = String(format: "%.14e", abs(x))
    return s.split(separator: "e").last.flatMap { Int($0) } ?? 0
  }

  /// The leading significant digits of |x| as an integer with `count` digits, truncated
  /// (not rounded): 0.0123261 with count 3 → 123.
  public static func leadingDigits(_ x: Double, count: Int) -> Int {
    let s = String(format: "%.14e", abs(x)).split(separator: "e")[0].filter { $0 != "." }
    return Int(s.prefix(count)) ?? 0
  }

  /// The digits of |x| / 10^place rounded half-up to an integer, as a decimal string
  /// without leading zeros ("0" for zero).
  static func digitsAtPlace(_ x: Double, place: Int) -> String {
    guard x != 0 else { return "0" }
    let parts = String(format: "%.14e", abs(x)).split(separator: "e")
    let mantissa = Array(parts[0].filter { $0 != "." })  // 15 digits d₀d₁…, d₀ at 10^e
    let e = Int(parts[1]) ?? 0
    let keep = e - place + 1  // digits at or above 10^place
    if keep <= 0 {
      return keep == 0 && mantissa[0] >= "5" ? "1" : "0"
    }
    if keep >= mantissa.count {
      return String(mantissa) + String(repeating: "0", count: keep - mantissa.count)
    }
    var head = Array(mantissa.prefix(keep))
    if mantissa[keep] >= "5" {
      var i = head.count - 1
      while i >= 0 {
        if head[i] == "9" {
          head[i] = "0"
          i -= 1
        } else {
          head[i] = Character(UnicodeScalar(head[i].asciiValue! + 1))
          break
        }
      }
      if i < 0 { head.insert("1", at: 0) }
    }
    let text = String(head).drop { $0 == "0" }
    return text.isEmpty ? "0" : String(text)
  }
}
