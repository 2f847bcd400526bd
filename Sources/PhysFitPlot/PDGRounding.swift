import Foundation

/// A value and its error rounded together as physicists quote them.
public struct RoundedMeasurement: Sendable, Hashable {
  /// The rounded value and error.
  public var value: Double
  public var error: Double
  /// Decimal exponent of the last digit quoted: both are multiples of 10^place.
  public var place: Int
  /// Significant digits quoted in the error (1 or 2).
  public var errorDigits: Int
  /// Fixed-point texts with the same last decimal place ("0.83", "0.12").
  public var valueText: String
  public var errorText: String

  /// "0.83 ± 0.12".
  public var text: String { "\(valueText) ± \(errorText)" }
}

/// The Particle Data Group's rounding of value ± error (Review of Particle Physics,
/// Introduction, section "Rounding"):
///
/// - take the three highest-order digits of the error;
/// - 100–354: round the error to two significant digits;
/// - 355–949: round it to one significant digit;
/// - 950–999: round it up to 1000 and keep two significant digits;
/// - the value is rounded to the same decimal place as the error.
///
/// The PDG's examples: 0.827 ± 0.119 → 0.83 ± 0.12, and 0.827 ± 0.367 → 0.8 ± 0.4.
/// The reason for the three bands: the relative rounding error of the quoted error stays
/// below about 15 % (one digit would turn 0.14 into 0.1, a 30 % change), without quoting
/// digits that carry no information when the error is large in its decade.
public enum PDGRounding {
  /// Rounds `value` ± `error`; nil when the error is not positive and finite (a fixed
  /// or undetermined parameter), or the value is not finite.
  public static func round(_ value: Double, error: Double) -> RoundedMeasurement? {
    guard value.isFinite, error.isFinite, error > 0 else { return nil }
    let e = DecimalRounding.exponent(error)
    let leading = DecimalRounding.leadingDigits(error, count: 3)
    let place: Int
    let digits: Int
    if leading < 355 {
      place = e - 1
      digits = 2
    } else if leading < 950 {
      place = e
      digits = 1
    } else {
      // Up to 1000 (one unit of the next decade), quoted with two significant digits:
      // 0.967 → 1.0.
      place = e
      digits = 2
    }
    let errorText: String
    if leading >= 950 {
      errorText = DecimalRounding.text(Foundation.pow(10, Double(e + 1)), place: place)
    } else {
      errorText = DecimalRounding.text(error, place: place)
    }
    let valueText = DecimalRounding.text(value, place: place)
    return RoundedMeasurement(
      value: Double(valueText) ?? value, error: Double(errorText) ?? error, place: place,
      errorDigits: digits, valueText: valueText, errorText: errorText)
  }
}
