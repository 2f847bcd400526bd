import Foundation

/// How many linear regions a deep ReLU (rectifier) network can cut its input space into —
/// the lecture's measure of what depth buys.
///
/// A ReLU network computes a continuous piecewise-linear function; a *linear region* is a
/// maximal connected set of inputs on which that function is affine. The lecture states
/// that a deep rectifier network with d inputs, depth l (hidden layers) and n units in
/// every hidden layer can describe
///
///     C(n, d)^(d(l − 1)) · n^d                                         (``lectureCount``)
///
/// linear regions (C = binomial coefficient), a number exponential in the depth l but only
/// polynomial in the width n. The expression is the one of Goodfellow, Bengio & Courville,
/// *Deep Learning* (2016), eq. 6.42, who quote it as an order of magnitude from
/// Montúfar, Pascanu, Cho & Bengio, "On the number of linear regions of deep neural
/// networks", NeurIPS 2014. What that paper proves is a **lower bound on the maximum**:
/// for n ≥ d there are weights for which the network has at least
///
///     (∏ᵢ₌₁^(l−1) ⌊nᵢ/d⌋^d) · Σⱼ₌₀^d C(n_l, j)                        (``lowerBound``)
///
/// regions (n₁…n_l the hidden widths), which for equal widths is Ω((n/d)^(d(l−1)) n^d):
/// their construction folds the input space ⌊n/d⌋^d times per layer, and the last layer
/// cuts each fold by n hyperplanes in general position. For d = 1 the lecture's count is
/// n^l and the construction attains n^(l−1)·(n + 1). Each layer, restricted to one region
/// of the layers below, is an arrangement of nᵢ hyperplanes in d dimensions, which has at
/// most Σⱼ₌₀^d C(nᵢ, j) regions (Zaslavsky 1975), so no network exceeds
///
///     ∏ᵢ₌₁^l Σⱼ₌₀^d C(nᵢ, j)                                           (``upperBound``)
///
/// For d ≥ 2 the binomial C(n, d) grows like n^d/d!, far faster than n/d, and the lecture's
/// expression exceeds this upper bound once the network is deep enough (e.g. n = 4,
/// d = 2, l = 3: 20,736 against at most 11³ = 1,331) — read it as "exponential in depth",
/// and the two bounds as the numbers a network can and cannot reach.
///
/// The counts overflow a `Double` quickly (n = 64, d = 8, l = 8 is about 10⁵⁴⁵); each has
/// a `log` form, the natural logarithm, computed without forming the count. The plain
/// forms return `.infinity` when the count exceeds `Double.greatestFiniteMagnitude`, and
/// are exact integers while the count (and C(n, d)) is below 2⁵³.
public enum LinearRegions {
  /// The lecture's count C(n, d)^(d(l − 1)) · n^d for `inputs` d, `hiddenLayers` l and
  /// `width` n units in every hidden layer. Preconditions: n, d, l ≥ 1. C(n, d) = 0 for
  /// d > n, so the count is then 0 for l ≥ 2 (and n^d for l = 1).
  public static func lectureCount(width n: Int, inputs d: Int, hiddenLayers l: Int) -> Double {
    exponential(logLectureCount(width: n, inputs: d, hiddenLayers: l)) {
      pow(binomial(n, d), Double(d * (l - 1))) * pow(Double(n), Double(d))
    }
  }

  /// ln of ``lectureCount(width:inputs:hiddenLayers:)``: d(l − 1)·ln C(n, d) + d·ln n
  /// (−∞ when the count is 0).
  public static func logLectureCount(width n: Int, inputs d: Int, hiddenLayers l: Int)
    -> Double
  {
    precondition(n >= 1 && d >= 1 && l >= 1, "width, inputs and hidden layers must be ≥ 1")
    let logN = Double(d) * Foundation.log(Double(n))
    guard l > 1 else { return logN }
    return Double(d * (l - 1)) * logBinomial(n, d) + logN
  }

  /// Montúfar et al.'s lower bound on the maximal number of regions of a ReLU network
  /// with `inputs` d and hidden layers of widths `widths` (n₁ … n_l):
  /// (∏ᵢ₌₁^(l−1) ⌊nᵢ/d⌋^d) · Σⱼ₌₀^d C(n_l, j). Some choice of weights reaches at least this
  /// many. Their theorem assumes every nᵢ ≥ d; a narrower layer makes ⌊nᵢ/d⌋ = 0 and the
  /// bound 0. Preconditions: d ≥ 1, at least one width, every width ≥ 1.
  public static func lowerBound(widths: [Int], inputs d: Int) -> Double {
    exponential(logLowerBound(widths: widths, inputs: d)) {
      var product = 1.0
      for n in widths.dropLast() { product *= pow(Double(n / d), Double(d)) }
      return product * regionsOfArrangement(widths[widths.count - 1], d)
    }
  }

  /// ln of ``lowerBound(widths:inputs:)`` (−∞ when the bound is 0).
  public static func logLowerBound(widths: [Int], inputs d: Int) -> Double {
    check(widths, d)
    var sum = logRegionsOfArrangement(widths[widths.count - 1], d)
    for n in widths.dropLast() { sum += Double(d) * Foundation.log(Double(n / d)) }
    return sum
  }

  /// The upper bound ∏ᵢ₌₁^l Σⱼ₌₀^d C(nᵢ, j) on the regions of any ReLU network with
  /// `inputs` d and hidden widths `widths`: layer by layer, nᵢ hyperplanes cut each region
  /// of the layers below into at most Σⱼ₌₀^d C(nᵢ, j) pieces. Preconditions as for
  /// ``lowerBound(widths:inputs:)``.
  public static func upperBound(widths: [Int], inputs d: Int) -> Double {
    exponential(logUpperBound(widths: widths, inputs: d)) {
      widths.reduce(1.0) { $0 * regionsOfArrangement($1, d) }
    }
  }

  /// ln of ``upperBound(widths:inputs:)``.
  public static func logUpperBound(widths: [Int], inputs d: Int) -> Double {
    check(widths, d)
    return widths.reduce(0.0) { $0 + logRegionsOfArrangement($1, d) }
  }

  /// The binomial coefficient C(n, k) as a `Double`: correctly rounded while it fits in
  /// 64 bits (computed in exact integer steps C(n−k+i, i) = C(n−k+i−1, i−1)·(n−k+i)/i),
  /// within a few ulp above, 0 for k > n and `.infinity` past the `Double` range.
  public static func binomial(_ n: Int, _ k: Int) -> Double {
    precondition(n >= 0 && k >= 0, "binomial coefficients need n, k ≥ 0")
    guard k <= n else { return 0 }
    let k = min(k, n - k)
    var exact: UInt64 = 1
    for i in stride(from: 1, through: k, by: 1) {
      let product = exact.multipliedFullWidth(by: UInt64(n - k + i))
      // The quotient fits in 64 bits exactly when the high word is below the divisor.
      guard product.high < UInt64(i) else {
        var c = 1.0
        for j in stride(from: 1, through: k, by: 1) { c = c * Double(n - k + j) / Double(j) }
        return c
      }
      exact = UInt64(i).dividingFullWidth(product).quotient
    }
    return Double(exact)
  }

  /// ln C(n, k) from ln Γ, for any size (−∞ for k > n).
  public static func logBinomial(_ n: Int, _ k: Int) -> Double {
    precondition(n >= 0 && k >= 0, "binomial coefficients need n, k ≥ 0")
    guard k <= n else { return -.infinity }
    return lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
  }

  /// Σⱼ₌₀^d C(n, j): the regions of n hyperplanes in general position in d dimensions.
  static func regionsOfArrangement(_ n: Int, _ d: Int) -> Double {
    (0...d).reduce(0.0) { $0 + binomial(n, $1) }
  }

  /// ln Σⱼ₌₀^d C(n, j), summed relative to its largest term so that it never overflows.
  static func logRegionsOfArrangement(_ n: Int, _ d: Int) -> Double {
    let terms = (0...min(d, n)).map { logBinomial(n, $0) }
    let top = terms.max() ?? 0
    return top + Foundation.log(terms.reduce(0.0) { $0 + Foundation.exp($1 - top) })
  }

  static func check(_ widths: [Int], _ d: Int) {
    precondition(d >= 1, "a network has at least one input")
    precondition(!widths.isEmpty, "a deep ReLU network has at least one hidden layer")
    precondition(widths.allSatisfy { $0 >= 1 }, "hidden widths must be ≥ 1")
  }

  /// e^logCount, or `direct()` (exact for integers below 2⁵³) while the count is small
  /// enough for it; `.infinity` past the `Double` range.
  static func exponential(_ logCount: Double, _ direct: () -> Double) -> Double {
    if logCount == -.infinity { return 0 }
    if logCount < 36 { return direct() }  // e³⁶ ≈ 4.3·10¹⁵ < 2⁵³ ≈ 9.0·10¹⁵
    if logCount > Foundation.log(Double.greatestFiniteMagnitude) { return .infinity }
    let value = direct()
    return value.isFinite ? value : Foundation.exp(logCount)
  }
}
