import Foundation
import XCTest

/// The physics examples (examples/RadioactiveDecay, DampedOscillator, IsingPhases,
/// ParticleClusters) build — they are dependencies of this test target — and run in
/// their fast mode, and the numbers they print agree with the physics they simulate:
/// the generating values of each simulation, Onsager's exact T_c, and the known bias of
/// Neyman's χ² at low counts. The examples draw their data with fixed seeds; the
/// tolerances are statistical (pulls of a few σ), not fitted to one output.
final class PhysicsExampleTests: XCTestCase {
  /// The first "<number> ± <number>" in a line.
  static func valueAndError(_ line: Substring) -> (value: Double, error: Double)? {
    let words = line.split(separator: " ")
    guard let i = words.firstIndex(of: "±"), i > words.startIndex, i + 1 < words.endIndex,
      let value = Double(words[i - 1]), let error = Double(words[i + 1])
    else { return nil }
    return (value, error)
  }

  /// The number after `label` in `line` ("coverage of ±1σ 0.67" → 0.67).
  static func number(after label: String, in line: Substring) -> Double? {
    guard let range = line.range(of: label) else { return nil }
    let rest = line[range.upperBound...].drop { $0 == " " || $0 == "=" }
    return Double(rest.prefix { !$0.isWhitespace })
  }

  static func lines(_ output: PhysFitRunner.Output, containing text: String) -> [Substring] {
    output.stdout.split(separator: "\n").filter { $0.contains(text) }
  }

  func testRadioactiveDecayPoissonIsUnbiasedAndNeymanIsNot() throws {
    let output = try PhysFitRunner.run(["--fast"], program: "RadioactiveDecay")
    XCTAssertEqual(output.status, 0, output.stderr)
    let trueHalfLife = 10.0
    // Single experiments, high then low statistics: the Poisson fit within 3σ of the
    // simulated half-life at both; Neyman's χ² at high statistics (at low statistics it
    // is biased, see below).
    let poisson = Self.lines(output, containing: "poisson T½ =").compactMap(Self.valueAndError)
    let neyman = Self.lines(output, containing: "neyman  T½ =").compactMap(Self.valueAndError)
    XCTAssertEqual(poisson.count, 2, output.stdout)
    XCTAssertEqual(neyman.count, 2, output.stdout)
    for fit in poisson {
      XCTAssertLessThan(abs(fit.value - trueHalfLife), 3 * fit.error, output.stdout)
    }
    if let high = neyman.first {
      XCTAssertLessThan(abs(high.value - trueHalfLife), 3 * high.error, output.stdout)
    }

    // Many low-statistics experiments: the Poisson mean is within a small fraction of
    // one experiment's error of the truth, and its ±1σ intervals cover the truth in
    // 68 % of them (200 experiments: ±0.10 is 3 binomial standard deviations).
    // Neyman's χ² is biased low, by many standard errors of its mean.
    guard
      let poissonMean = Self.lines(output, containing: "poisson mean T½").first,
      let neymanMean = Self.lines(output, containing: "neyman  mean T½").first,
      let p = Self.valueAndError(poissonMean), let n = Self.valueAndError(neymanMean),
      let poissonBias = Self.number(after: "s =", in: poissonMean),
      let neymanBias = Self.number(after: "s =", in: neymanMean),
      let coverage = Self.number(after: "coverage of ±1σ", in: poissonMean)
    else { return XCTFail("no summary of the repeated experiments:\n\(output.stdout)") }
    XCTAssertTrue(output.stdout.contains("fits not converged: 0"), output.stdout)
    XCTAssertLessThan(abs(poissonBias), 0.25, output.stdout)
    XCTAssertEqual(coverage, 0.68, accuracy: 0.10, output.stdout)
    XCTAssertLessThan(n.value, trueHalfLife - 5 * n.error, output.stdout)
    XCTAssertLessThan(neymanBias, -0.4, output.stdout)
    XCTAssertLessThan(n.value, p.value - 5 * (n.error + p.error), output.stdout)
  }

  func testDampedOscillatorRecoversTheSimulatedPendulum() throws {
    let scratch = try Scratch()
    let figure = scratch.path("pendulum.svg")
    let output = try PhysFitRunner.run(["--figure", figure], program: "DampedOscillator")
    XCTAssertEqual(output.status, 0, output.stderr)
    let svg = try String(contentsOfFile: figure, encoding: .utf8)
    XCTAssertTrue(svg.hasPrefix("<?xml") && svg.contains("<svg") && svg.contains("±1σ"), svg)
    // The values the example simulates with.
    let truth = ["A": 0.30, "tau": 6.0, "omega": 3.5, "phi": 0.4, "c": 0.02]
    var seen = 0
    for line in output.stdout.split(separator: "\n") {
      let words = line.split(separator: " ")
      guard words.count == 5, let expected = truth[String(words[0])],
        let value = Double(words[1]), let error = Double(words[2])
      else { continue }
      XCTAssertLessThan(abs(value - expected), 3 * error, String(line))
      seen += 1
    }
    XCTAssertEqual(seen, 5, output.stdout)
    XCTAssertTrue(output.stdout.contains("converged: true"), output.stdout)
    let chiSquare = Self.lines(output, containing: "p-value").first
    let pValue = chiSquare.flatMap { Self.number(after: "p-value =", in: $0) }
    XCTAssertGreaterThan(pValue ?? 0, 0.001, output.stdout)

    // A and τ anticorrelated (a larger amplitude with a faster decay draws a similar
    // envelope).
    let row = Self.lines(output, containing: "A      +1.000").first?.split(separator: " ")
    XCTAssertLessThan(row.flatMap { Double($0[2]) } ?? 0, -0.5, output.stdout)

    // The band: narrower than one measurement's σ (200 points constrain the curve),
    // and the true curve inside 4 band widths at every time shown.
    let band = Self.lines(output, containing: "θ = ")
    XCTAssertEqual(band.count, 6, output.stdout)
    for line in band {
      guard let fitted = Self.valueAndError(line), let exact = Self.number(after: "true", in: line)
      else { return XCTFail(String(line)) }
      XCTAssertGreaterThan(fitted.error, 0, String(line))
      XCTAssertLessThan(fitted.error, 0.01, String(line))
      XCTAssertLessThan(abs(fitted.value - exact), 4 * fitted.error, String(line))
    }
    // Σᵢ σ_f(tᵢ)²/σᵢ² = trace of the hat matrix = number of free parameters (5).
    let trace = Self.lines(output, containing: "sum of band²/σ²").first
    let value = trace.flatMap { Self.number(after: "over the data =", in: $0) }
    XCTAssertEqual(value ?? 0, 5, accuracy: 1e-3, output.stdout)
  }

  func testIsingNetworkFindsTheCriticalTemperature() throws {
    let output = try PhysFitRunner.run(["--fast"], program: "IsingPhases")
    XCTAssertEqual(output.status, 0, output.stdout + output.stderr)
    let onsager = 2 / log(1 + 2.0.squareRoot())
    let line = Self.lines(output, containing: "T_c estimate").first
    guard let estimate = line.flatMap({ Self.number(after: "T_c estimate =", in: $0) }) else {
      return XCTFail("no estimate:\n\(output.stdout)")
    }
    XCTAssertEqual(estimate, onsager, accuracy: 0.05 * onsager, output.stdout)
    let training = Self.lines(output, containing: "accuracy").first
    XCTAssertGreaterThan(
      training.flatMap { Self.number(after: "accuracy", in: $0) } ?? 0, 0.95, output.stdout)
  }

  func testParticleClustersRecoverTheThreeSources() throws {
    let output = try PhysFitRunner.run(["--fast"], program: "ParticleClusters")
    XCTAssertEqual(output.status, 0, output.stderr)
    XCTAssertTrue(output.stdout.contains("converged: true"), output.stdout)
    // The generating values, components in order of mass (π⁰, background, η).
    let truth: [String: Double] = [
      "w1": 0.45, "mu1_m": 135, "mu1_E": 2.0, "sigma1_m": 12, "sigma1_E": 0.6, "rho1_m_E": 0,
      "w2": 0.35, "mu2_m": 330, "mu2_E": 1.2, "sigma2_m": 60, "sigma2_E": 0.4, "rho2_m_E": 0,
      "w3": 0.20, "mu3_m": 548, "mu3_E": 3.0, "sigma3_m": 25, "sigma3_E": 0.8, "rho3_m_E": 0.4,
    ]
    var seen = 0
    for line in output.stdout.split(separator: "\n") {
      guard let name = line.split(separator: " ").first, let expected = truth[String(name)],
        let fitted = Self.valueAndError(line)
      else { continue }
      // Means and weights within 3σ; widths and correlations within 4σ (18 numbers
      // from one sample: an occasional 3σ pull among them is expected).
      let limit = name.hasPrefix("mu") || name.hasPrefix("w") ? 3.0 : 4.0
      XCTAssertLessThan(abs(fitted.value - expected), limit * fitted.error, String(line))
      seen += 1
    }
    XCTAssertEqual(seen, truth.count, output.stdout)
  }
}
