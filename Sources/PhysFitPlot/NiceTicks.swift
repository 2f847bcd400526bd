import Foundation

/// Tick positions that a person would choose: multiples of 1, 2 or 5 times a power of
/// ten on linear axes; powers of ten (or 1-2-5 steps within a short log range) on log axes.
///
/// The linear algorithm follows Heckbert's "nice numbers for graph labels" (Graphics Gems,
/// 1990): the step is the nice number closest to range/(n − 1), where a nice number is
/// 1, 2, 5 or 10 times a power of ten; ticks are the multiples of the step inside the range.
public enum NiceTicks {
  /// Heckbert's nice number near `x` (> 0): rounded to the nearest of 1, 2, 5, 10
  /// (times 10ᵏ) when `round`, otherwise the smallest of them ≥ x.
  public static func niceNumber(_ x: Double, round: Bool) -> Double {
    let exponent = floor(log10(x))
    let fraction = x / pow(10, exponent)
    let nice: Double
    if round {
      nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return nice * pow(10, exponent)
  }

  /// The tick step for showing `lower…upper` with about `count` ticks: the nice number
  /// nearest to range/(count − 1). (Heckbert first rounds the range itself up to a nice
  /// number, which can halve the number of ticks — 0…1.08 would get steps of 0.5; rounding
  /// only the step keeps the count near the request: 0.2.)
  public static func step(lower: Double, upper: Double, count: Int) -> Double {
    let range = max(upper - lower, Double.leastNormalMagnitude)
    return niceNumber(range / Double(max(count - 1, 1)), round: true)
  }

  /// Linear ticks: the multiples of ``step(lower:upper:count:)`` within `lower…upper`.
  /// Each tick is k·step computed from the integer k, so that 0.6 is 3·0.2 and not the
  /// sum of three steps; −0 is written as 0.
  public static func linear(lower: Double, upper: Double, count: Int = 6) -> [Double] {
    guard lower.isFinite, upper.isFinite, upper > lower else { return [] }
    let d = step(lower: lower, upper: upper, count: count)
    let tolerance = d * 1e-9
    let first = Int(ceil((lower - tolerance) / d))
    let last = Int(floor((upper + tolerance) / d))
    guard last >= first, last - first < 1000 else { return [] }
    return (first...last).map { k in
      let t = Double(k) * d
      return t == 0 ? 0 : t
    }
  }

  /// Major log ticks within `lower…upper` (both > 0): the powers of ten, every m-th
  /// when there are more than about `count`; within less than two decades, the 1-2-5
  /// sequence instead, and within less than one decade linear nice ticks.
  public static func log(lower: Double, upper: Double, count: Int = 6) -> [Double] {
    guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return [] }
    let tolerance = 1e-9
    let lo = Int(ceil(log10(lower) - tolerance))
    let hi = Int(floor(log10(upper) + tolerance))
    if hi - lo + 1 < 2 {
      var oneTwoFive: [Double] = []
      for k in (lo - 1)...(hi + 1) {
        let decade = pow(10, Double(k))
        for m: Double in [1, 2, 5] {
          let t = m * decade
          if t >= lower * (1 - tolerance) && t <= upper * (1 + tolerance) { oneTwoFive.append(t) }
        }
      }
      return oneTwoFive.count >= 3 ? oneTwoFive : linear(lower: lower, upper: upper, count: count)
    }
    let decades = hi - lo + 1
    let every = max(1, Int(ceil(Double(decades) / Double(max(count, 2)))))
    return stride(from: lo, through: hi, by: every).map { pow(10, Double($0)) }
  }

  /// Minor log ticks (2…9 × 10ᵏ) within the range, when the major ticks are single decades.
  public static func logMinor(lower: Double, upper: Double, major: [Double]) -> [Double] {
    guard lower > 0, upper > lower, major.count >= 2 else { return [] }
    let ratio = major[1] / major[0]
    guard abs(ratio - 10) < 1e-6 else { return [] }
    let lo = Int(floor(log10(lower)))
    let hi = Int(ceil(log10(upper)))
    guard hi - lo < 12 else { return [] }
    var minor: [Double] = []
    for k in lo...hi {
      let decade = pow(10, Double(k))
      for m in 2...9 {
        let t = Double(m) * decade
        if t > lower && t < upper { minor.append(t) }
      }
    }
    return minor
  }
}
