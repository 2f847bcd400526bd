import CGSL
import Foundation
import XCTest

@testable import PhysFit

/// The generators of pseudo-data against their distributions: Poisson counts against
/// GSL's Poisson probabilities, the grid density sampler against the exponential CDF.
final class PseudoDataTests: XCTestCase {
  /// χ² of binned frequencies against expected counts; returns its p-value.
  func pValue(observed: [Int], expected: [Double]) -> Double {
    var chi2 = 0.0
    for (o, e) in zip(observed, expected) { chi2 += (Double(o) - e) * (Double(o) - e) / e }
    return gsl_cdf_chisq_Q(chi2, Double(observed.count - 1))
  }

  /// Both Poisson methods (inversion below a mean of 10, PTRS above): frequencies of
  /// each count against gsl_ran_poisson_pdf, and the mean against μ within 5 standard
  /// errors.
  func testPoissonCountsFollowThePoissonDistribution() {
    for (k, mean) in [0.3, 2.5, 9.7, 10.0, 23.4, 400.0].enumerated() {
      var random = RandomSource(seed: UInt64(101 + k))
      let n = 20000
      let draws = (0..<n).map { _ in random.poisson(mean: mean) }
      let average = Double(draws.reduce(0) { $0 + $1 }) / Double(n)
      XCTAssertEqual(average, mean, accuracy: 5 * (mean / Double(n)).squareRoot(), "mean \(mean)")
      // Bins of single counts where at least 20 are expected; the tails pooled.
      let spread = 6 * mean.squareRoot() + 6
      let lo = max(0, Int(mean - spread))
      let hi = Int(mean + spread)
      var observed: [Int] = []
      var expected: [Double] = []
      var histogram: [Int: Int] = [:]
      for d in draws { histogram[d, default: 0] += 1 }
      var pendingObserved = draws.filter { $0 < lo }.count
      var pendingExpected = lo > 0 ? Double(n) * gsl_cdf_poisson_P(UInt32(lo - 1), mean) : 0
      for c in lo...hi {
        pendingObserved += histogram[c] ?? 0
        pendingExpected += Double(n) * gsl_ran_poisson_pdf(UInt32(c), mean)
        if pendingExpected >= 20 {
          observed.append(pendingObserved)
          expected.append(pendingExpected)
          pendingObserved = 0
          pendingExpected = 0
        }
      }
      let above = draws.filter { $0 > hi }.count
      observed[observed.count - 1] += pendingObserved + above
      expected[expected.count - 1] +=
        pendingExpected + Double(n) * gsl_cdf_poisson_Q(UInt32(hi), mean)
      XCTAssertGreaterThan(pValue(observed: observed, expected: expected), 1e-4, "mean \(mean)")
    }
  }

  /// Values drawn from exp(−x/τ) on [0, 5] by the grid sampler: a Kolmogorov–Smirnov
  /// distance against the truncated exponential CDF below the 1 % critical value.
  func testGridSamplerDrawsTheDensity() throws {
    let model = try ExpressionModel("exp(-x/tau)", inputs: ["x"])
    var random = RandomSource(seed: 7)
    let n = 20000
    let x = try model.drawFromDensity(
      parameters: [1.3], range: 0...5, count: n, random: &random
    ).sorted()
    let norm = 1 - exp(-5 / 1.3)
    var distance = 0.0
    for (i, v) in x.enumerated() {
      let cdf = (1 - exp(-v / 1.3)) / norm
      distance = max(
        distance, abs(cdf - Double(i) / Double(n)), abs(cdf - Double(i + 1) / Double(n)))
    }
    XCTAssertLessThan(distance, 1.63 / Double(n).squareRoot())
    XCTAssertTrue(x.allSatisfy { (0...5).contains($0) })
  }

  /// A density below 0 somewhere cannot be sampled: a clear error, not a trap.
  func testNegativeDensityThrows() throws {
    let model = try ExpressionModel("x - 1", inputs: ["x"])
    var random = RandomSource(seed: 1)
    XCTAssertThrowsError(
      try model.drawFromDensity(parameters: [], range: 0...2, count: 10, random: &random)
    ) { error in
      XCTAssertTrue("\(error)".contains("f ≥ 0"), "\(error)")
    }
  }
}
