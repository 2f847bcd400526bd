/// The median and the quartiles of a sample: the "typical" value and the spread of
/// the middle half, robust to the few runs that go far astray.
///
/// Quantiles interpolate linearly between order statistics (Hyndman & Fan type 7, the
/// default of R and NumPy): q(p) = x₍ₖ₎ + (h − k)(x₍ₖ₊₁₎ − x₍ₖ₎) with h = (n − 1)p,
/// k = ⌊h⌋, on the sorted sample. NaN counts as +∞ (a run without a value is worse than
/// any with one), and a quantile between a finite and an infinite value is infinite.
public struct Quartiles: Sendable, Hashable {
  /// First quartile, q(0.25).
  public var lower: Double
  /// The median (second quartile).
  public var median: Double
  /// Third quartile, q(0.75).
  public var upper: Double

  /// Quartiles with the given values.
  public init(lower: Double, median: Double, upper: Double) {
    self.lower = lower
    self.median = median
    self.upper = upper
  }

  /// The quartiles of `sample`; all NaN for an empty sample.
  public init(_ sample: [Double]) {
    let sorted = sample.map { $0.isNaN ? Double.infinity : $0 }.sorted()
    self.init(
      lower: Self.quantile(sorted, 0.25), median: Self.quantile(sorted, 0.5),
      upper: Self.quantile(sorted, 0.75))
  }

  /// q(p) of an ascending sample.
  public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * p
    let k = Int(h.rounded(.down))
    let w = h - Double(k)
    guard w > 0, k + 1 < sorted.count else { return sorted[k] }
    let (a, b) = (sorted[k], sorted[k + 1])
    if a == b || !b.isFinite { return b }
    return a + w * (b - a)
  }
}
