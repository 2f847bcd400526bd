import Foundation
import XCTest

/// examples/BreitWigner compiles (a dependency of this test target), recovers the
/// resonance it simulates, and its yield interval is the profile likelihood's: checked
/// against a brute-force profile computed here, in plain Swift, from the histogram the
/// example writes — the Poisson likelihood written out, the nuisance parameters
/// minimised by nested golden-section searches, the Δ(−2 ln ℒ) = 1 crossings found by
/// bisection (Wilks' theorem for one parameter at 68.3 %).
final class BreitWignerExampleTests: XCTestCase {
  /// The values the example simulates (its `truth` and `rareTruth`) and its binning.
  static let mass = 0.892
  static let width = 0.051
  static let window = (lower: 0.70, upper: 1.10)
  static let halfBin = 0.0025

  /// One printed row "TAG NAME = value ± error profile −lower +upper true T".
  struct Row {
    var value: Double
    var error: Double
    var lower: Double
    var upper: Double
    var truth: Double
  }

  static func rows(_ stdout: String, tag: String) -> [String: Row] {
    var rows: [String: Row] = [:]
    for line in stdout.split(separator: "\n") {
      let w = line.split(separator: " ").map(String.init)
      guard w.count == 11, w[0] == tag, w[2] == "=", w[4] == "±", w[6] == "profile",
        w[9] == "true", let value = Double(w[3]), let error = Double(w[5]),
        let lower = Double(w[7]), let upper = Double(w[8]), let truth = Double(w[10])
      else { continue }
      rows[w[1]] = Row(value: value, error: error, lower: lower, upper: upper, truth: truth)
    }
    return rows
  }

  func testResonanceAndYieldIntervals() throws {
    let scratch = try Scratch()
    let counts = scratch.path("spectra.csv")
    let figure = scratch.path("bw.svg")
    let output = try PhysFitRunner.run(
      ["--fast", "--counts", counts, "--figure", figure], program: "BreitWigner")
    XCTAssertEqual(output.status, 0, output.stderr)
    let svg = try String(contentsOfFile: figure, encoding: .utf8)
    XCTAssertTrue(svg.contains("<svg") && svg.contains("background"), "figure without background")

    // High statistics: mass, width and yield within 3σ of the simulated values; the
    // profile interval contains the fitted value and is close to ±σ (a nearly Gaussian
    // likelihood with thousands of events).
    let high = Self.rows(output.stdout, tag: "high")
    XCTAssertEqual(Set(high.keys), ["Ns", "M", "Gamma", "Nb", "k"], output.stdout)
    for name in ["Ns", "M", "Gamma"] {
      let r = try XCTUnwrap(high[name])
      XCTAssertLessThan(abs(r.value - r.truth), 3 * r.error, "\(name): \(output.stdout)")
      XCTAssertLessThan(r.lower, 0, name)
      XCTAssertGreaterThan(r.upper, 0, name)
      XCTAssertEqual((r.upper - r.lower) / 2, r.error, accuracy: 0.05 * r.error, name)
    }

    // The rare channel: the yield within 3σ; its interval contains the fitted value
    // and reaches further up than down (the likelihood of a few events is skewed).
    let low = Self.rows(output.stdout, tag: "low")
    let ns = try XCTUnwrap(low["Ns"], output.stdout)
    let nb = try XCTUnwrap(low["Nb"], output.stdout)
    let k = try XCTUnwrap(low["k"], output.stdout)
    XCTAssertNil(low["M"], "mass is fixed in the rare channel")
    XCTAssertLessThan(abs(ns.value - ns.truth), 3 * ns.error, output.stdout)
    XCTAssertLessThan(ns.lower, 0)
    XCTAssertGreaterThan(ns.upper, 0)
    XCTAssertGreaterThan(ns.upper + ns.lower, 0.05 * ns.error, "not asymmetric upwards")

    // The independent profile: the same crossings to 10⁻³σ.
    let table = try String(contentsOfFile: counts, encoding: .utf8)
    var centres: [Double] = []
    var n: [Double] = []
    for line in table.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").compactMap { Double($0) }
      XCTAssertEqual(f.count, 3, String(line))
      guard f.count == 3 else { continue }
      centres.append(f[0])
      n.append(f[2])
    }
    XCTAssertEqual(centres.count, 80)
    let profile = BruteForceProfile(
      centres: centres, counts: n, nb: (nb.value, nb.error), k: (k.value, k.error))
    let minimum = profile.value(ns: ns.value)
    func crossing(towards far: Double) -> Double {
      var (inside, outside) = (ns.value, far)
      XCTAssertGreaterThan(profile.value(ns: far) - minimum, 1, "no crossing before \(far)")
      for _ in 0..<40 {
        let middle = (inside + outside) / 2
        if profile.value(ns: middle) - minimum < 1 { inside = middle } else { outside = middle }
      }
      return (inside + outside) / 2
    }
    let lower = crossing(towards: ns.value - 3 * ns.error) - ns.value
    let upper = crossing(towards: ns.value + 3 * ns.error) - ns.value
    XCTAssertEqual(lower, ns.lower, accuracy: 1e-3 * ns.error, output.stdout)
    XCTAssertEqual(upper, ns.upper, accuracy: 1e-3 * ns.error, output.stdout)

    // The coverage study ran without failures (its rate is not asserted: 40
    // experiments in fast mode).
    XCTAssertTrue(output.stdout.contains("(failed: 0)"), output.stdout)
  }
}

/// −2 ln ℒ of the rare channel (mass and width at their known values) minimised over
/// the background yield N_b and slope k for a given signal yield N_s: golden-section
/// search in k, and inside it in N_b, each over ±8 of the fit's standard errors.
struct BruteForceProfile {
  var counts: [Double]
  /// Each bin's share of the normalised Breit–Wigner: arctangent differences.
  var signal: [Double]
  var lowEdges: [Double]
  var highEdges: [Double]
  var nb: (value: Double, error: Double)
  var k: (value: Double, error: Double)

  init(
    centres: [Double], counts: [Double], nb: (Double, Double), k: (Double, Double)
  ) {
    typealias T = BreitWignerExampleTests
    let g = T.width / 2
    func cdf(_ m: Double) -> Double { atan((m - T.mass) / g) }
    lowEdges = centres.map { $0 - T.halfBin }
    highEdges = centres.map { $0 + T.halfBin }
    let total = cdf(T.window.upper) - cdf(T.window.lower)
    signal = zip(lowEdges, highEdges).map { (cdf($1) - cdf($0)) / total }
    self.counts = counts
    self.nb = nb
    self.k = k
  }

  /// 2·Σ(μᵢ − nᵢ ln μᵢ), the Poisson −2 ln ℒ up to a constant.
  func deviance(ns: Double, nb: Double, background: [Double]) -> Double {
    var sum = 0.0
    for i in counts.indices {
      let mu = ns * signal[i] + nb * background[i]
      guard mu > 0 else { return .infinity }
      sum += mu - counts[i] * log(mu)
    }
    return 2 * sum
  }

  /// Each bin's share of the normalised exponential e^(−k(m − a)) over the window.
  func background(slope: Double) -> [Double] {
    let a = BreitWignerExampleTests.window.lower
    let b = BreitWignerExampleTests.window.upper
    let total = 1 - exp(-slope * (b - a))
    return zip(lowEdges, highEdges).map {
      (exp(-slope * ($0 - a)) - exp(-slope * ($1 - a))) / total
    }
  }

  static func goldenMinimum(_ lo: Double, _ hi: Double, _ f: (Double) -> Double) -> Double {
    let r = (5.0.squareRoot() - 1) / 2
    var (a, b) = (lo, hi)
    var c = b - r * (b - a)
    var d = a + r * (b - a)
    var (fc, fd) = (f(c), f(d))
    for _ in 0..<60 {
      if fc < fd {
        (b, d, fd) = (d, c, fc)
        c = b - r * (b - a)
        fc = f(c)
      } else {
        (a, c, fc) = (c, d, fd)
        d = a + r * (b - a)
        fd = f(d)
      }
    }
    return min(fc, fd)
  }

  /// min over N_b and k of −2 ln ℒ at N_s = `ns`.
  func value(ns: Double) -> Double {
    Self.goldenMinimum(k.value - 8 * k.error, k.value + 8 * k.error) { slope in
      let shape = background(slope: slope)
      return Self.goldenMinimum(max(nb.value - 8 * nb.error, 1e-9), nb.value + 8 * nb.error) {
        deviance(ns: ns, nb: $0, background: shape)
      }
    }
  }
}
