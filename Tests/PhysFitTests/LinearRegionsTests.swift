import Foundation
import PhysFit
import XCTest

/// The lecture's count of linear regions, C(n, d)^(d(l − 1))·n^d, and the bounds around
/// it, against hand-computed values, Pascal's rule, the log forms, and a ReLU network
/// built by Montúfar et al.'s folding construction whose linear pieces are counted
/// numerically.
final class LinearRegionsTests: XCTestCase {
  /// C(n, k) against Pascal's triangle in exact integers (C(60, 30) ≈ 1.2·10¹⁷ < 2⁶⁴),
  /// rounded once to Double.
  func testBinomialAgainstPascalsTriangle() {
    var row: [UInt64] = [1]
    for n in 1...60 {
      row = (0...n).map { k in (k > 0 ? row[k - 1] : 0) + (k < n ? row[k] : 0) }
      for k in 0...n {
        XCTAssertEqual(LinearRegions.binomial(n, k), Double(row[k]), "C(\(n), \(k))")
      }
    }
    // Past 64 bits: C(100, 50) = 100891344545564193334812497256 ≈ 1.0089134454556419·10²⁹.
    XCTAssertEqual(LinearRegions.binomial(100, 50), 1.0089134454556419e29, accuracy: 1e16)
    XCTAssertEqual(LinearRegions.binomial(3, 5), 0)
    XCTAssertEqual(LinearRegions.binomial(0, 0), 1)
  }

  /// Values worked out by hand from the formula.
  func testLectureCountHandComputed() {
    // n = 4, d = 2, l = 3: C(4, 2)^(2·2)·4² = 6⁴·16 = 20,736.
    XCTAssertEqual(LinearRegions.lectureCount(width: 4, inputs: 2, hiddenLayers: 3), 20_736)
    // n = 3, d = 1, l = 3: C(3, 1)^2·3 = 27 (= n^l for d = 1).
    XCTAssertEqual(LinearRegions.lectureCount(width: 3, inputs: 1, hiddenLayers: 3), 27)
    // One hidden layer: n^d whatever C(n, d): 10³.
    XCTAssertEqual(LinearRegions.lectureCount(width: 10, inputs: 3, hiddenLayers: 1), 1000)
    // n = 10, d = 3, l = 2: C(10, 3)³·10³ = 120³·1000 = 1,728,000,000.
    XCTAssertEqual(
      LinearRegions.lectureCount(width: 10, inputs: 3, hiddenLayers: 2), 1_728_000_000)
    // d > n: C(n, d) = 0.
    XCTAssertEqual(LinearRegions.lectureCount(width: 2, inputs: 3, hiddenLayers: 2), 0)
    XCTAssertEqual(
      LinearRegions.logLectureCount(width: 2, inputs: 3, hiddenLayers: 2), -.infinity)
  }

  /// The log form agrees with the count where both exist, and carries counts far past
  /// the Double range: n = 64, d = 8, l = 8 is 56·ln C(64, 8) + 8·ln 64 with
  /// C(64, 8) = 4,426,165,368.
  func testLogFormAndHugeCounts() {
    for (n, d, l) in [(4, 2, 3), (10, 3, 2), (7, 2, 4), (20, 1, 10)] {
      let count = LinearRegions.lectureCount(width: n, inputs: d, hiddenLayers: l)
      let log = LinearRegions.logLectureCount(width: n, inputs: d, hiddenLayers: l)
      XCTAssertEqual(log, Foundation.log(count), accuracy: 1e-12 * abs(log))
    }
    let expected = 56 * Foundation.log(4_426_165_368.0) + 8 * Foundation.log(64.0)
    let log = LinearRegions.logLectureCount(width: 64, inputs: 8, hiddenLayers: 8)
    XCTAssertEqual(log, expected, accuracy: 1e-10 * expected)
    XCTAssertGreaterThan(log / Foundation.log(10.0), 308)  // beyond Double
    XCTAssertEqual(LinearRegions.lectureCount(width: 64, inputs: 8, hiddenLayers: 8), .infinity)
    XCTAssertEqual(
      LinearRegions.logBinomial(64, 8), Foundation.log(4_426_165_368.0), accuracy: 1e-12)
  }

  /// Montúfar et al.'s bound, (∏ ⌊nᵢ/d⌋^d)·Σⱼ₌₀^d C(n_l, j), and the upper bound
  /// ∏ Σⱼ₌₀^d C(nᵢ, j), by hand.
  func testBoundsHandComputed() {
    // One hidden layer: n hyperplanes in general position in d dimensions.
    XCTAssertEqual(LinearRegions.lowerBound(widths: [3], inputs: 2), 7)  // 1 + 3 + 3
    XCTAssertEqual(LinearRegions.upperBound(widths: [3], inputs: 2), 7)
    // widths 4, 4, 4 and d = 2: (2²)²·(1 + 4 + 6) = 176; upper 11³ = 1,331.
    XCTAssertEqual(LinearRegions.lowerBound(widths: [4, 4, 4], inputs: 2), 176)
    XCTAssertEqual(LinearRegions.upperBound(widths: [4, 4, 4], inputs: 2), 1331)
    // …which the lecture's 20,736 for the same network exceeds (see LinearRegions).
    XCTAssertGreaterThan(
      LinearRegions.lectureCount(width: 4, inputs: 2, hiddenLayers: 3),
      LinearRegions.upperBound(widths: [4, 4, 4], inputs: 2))
    // A layer narrower than d gives ⌊n/d⌋ = 0.
    XCTAssertEqual(LinearRegions.lowerBound(widths: [1, 5], inputs: 2), 0)
    XCTAssertEqual(
      LinearRegions.logLowerBound(widths: [6, 6, 9], inputs: 3),
      Foundation.log(LinearRegions.lowerBound(widths: [6, 6, 9], inputs: 3)), accuracy: 1e-12)
    XCTAssertEqual(
      LinearRegions.logUpperBound(widths: [6, 6, 9], inputs: 3),
      Foundation.log(LinearRegions.upperBound(widths: [6, 6, 9], inputs: 3)), accuracy: 1e-12)
  }

  /// A 1-input ReLU network with l hidden layers of n units, weighted as in Montúfar et
  /// al.'s construction: each of the first l − 1 layers folds [0, 1] onto itself n times
  /// (the zigzag h = n·ReLU(x) − 2n·ReLU(x − 1/n) + 2n·ReLU(x − 2/n) − …), and the last
  /// layer cuts each fold at n thresholds. Counting its linear pieces on [0, 1]
  /// numerically gives exactly n^(l−1)·(n + 1) = the lower bound, which is at least the
  /// lecture's n^l and at most the upper bound (n + 1)^l.
  func testFoldingConstructionAttainsTheBound() throws {
    for (n, l) in [(2, 1), (3, 1), (2, 2), (3, 2), (4, 2), (3, 3), (2, 4)] {
      let pieces = try Self.countPieces(try Self.foldingNetwork(width: n, hiddenLayers: l))
      let widths = Array(repeating: n, count: l)
      XCTAssertEqual(
        Double(pieces), LinearRegions.lowerBound(widths: widths, inputs: 1), "n \(n), l \(l)")
      XCTAssertGreaterThanOrEqual(
        Double(pieces), LinearRegions.lectureCount(width: n, inputs: 1, hiddenLayers: l))
      XCTAssertLessThanOrEqual(
        Double(pieces), LinearRegions.upperBound(widths: widths, inputs: 1))
    }
  }

  /// The construction's network and weights.
  static func foldingNetwork(width n: Int, hiddenLayers l: Int) throws -> (Network, [Double]) {
    var layers = [Dense(1, n, .relu)]
    for _ in 1..<l { layers.append(Dense(n, n, .relu)) }
    layers.append(Dense(n, 1))
    let net = try Network(layers: layers)
    var theta = [Double](repeating: 0, count: net.parameterCount)
    let index = Dictionary(uniqueKeysWithValues: net.parameterNames.enumerated().map { ($1, $0) })
    func set(_ name: String, _ value: Double) { theta[index[name]!] = value }
    // The zigzag's coefficients on the units ReLU(h − j/n) of a folding layer.
    let zigzag = (0..<n).map { j in j == 0 ? Double(n) : (j % 2 == 1 ? -2.0 : 2.0) * Double(n) }
    // Thresholds of the last hidden layer, strictly inside (0, 1).
    let thresholds = (0..<n).map { (Double($0) + 0.5) / Double(n) }
    for layer in 1...l {
      let last = layer == l
      for o in 0..<n {
        // Unit o reads h = x (first layer) or h = Σₖ zigzagₖ·aₖ (the previous fold).
        let sign = last && o == 0 ? -1.0 : 1.0  // unit 0 of the last layer: ReLU(t₀ − h)
        if layer == 1 {
          set("w1_\(o)_0", sign)
        } else {
          for k in 0..<n { set("w\(layer)_\(o)_\(k)", sign * zigzag[k]) }
        }
        let t = last ? thresholds[o] : Double(o) / Double(n)
        set("b\(layer)_\(o)", -sign * t)
      }
    }
    for o in 0..<n { set("w\(l + 1)_0_\(o)", 1 + 0.37 * Double(o)) }
    return (net, theta)
  }

  /// Linear pieces of x ↦ f(x) on [0, 1]: slopes on a fine grid, consecutive grid cells
  /// with different slopes (a kink inside or at the boundary of a cell) counted as one
  /// kink.
  static func countPieces(_ network: (Network, [Double])) throws -> Int {
    let m = 50_000
    let x = (0...m).map { Double($0) / Double(m) }
    let y = network.0.evaluate(Matrix(column: x), parameters: network.1).elements
    let slopes = (0..<m).map { (y[$0 + 1] - y[$0]) * Double(m) }
    let scale = slopes.map(abs).max() ?? 1
    var kinks = 0
    var inKink = false
    for i in 1..<m {
      let changed = abs(slopes[i] - slopes[i - 1]) > 1e-6 * scale
      if changed && !inKink { kinks += 1 }
      inKink = changed
    }
    return kinks + 1
  }
}
