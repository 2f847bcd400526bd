import Foundation
import XCTest

@testable import PhysFit

final class VoigtTests: XCTestCase {
  private func assertRelative(
    _ actual: Double, _ expected: Double, _ tolerance: Double, _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let error = abs(actual - expected) / max(abs(expected), .leastNormalMagnitude)
    XCTAssertLessThanOrEqual(
      error, tolerance, "\(message): got \(actual), expected \(expected)", file: file, line: line)
  }

  private func gaussian(_ x: Double, _ sigma: Double) -> Double {
    exp(-x * x / (2 * sigma * sigma)) / (sigma * (2 * Double.pi).squareRoot())
  }

  private func lorentzian(_ x: Double, _ gamma: Double) -> Double {
    gamma / (Double.pi * (x * x + gamma * gamma))
  }

  /// w(z) at points that stress each region and border of the algorithm.
  /// Generated with mpmath at 40 digits:
  ///   python3 -c "import mpmath as mp; mp.mp.dps=40; z=mp.mpc(x,y);
  ///               print(mp.exp(-z*z)*mp.erfc(-1j*z))"
  func testFaddeevaAgainstMpmath() {
    let reference: [(x: Double, y: Double, re: Double, im: Double)] = [
      (0.5, 0.5, 0.53315670791217491, 0.23048823138445841),
      (3.0, 1e-10, 0.00012340981194315306, 0.20115731703752634),
      (6.1, 0.11, 0.0017394637287773862, 0.093753966413187174),
      (9.935024161582659, 1.440230912422493e-12, 8.3606557810067103e-15, 0.057080095062160566),
      (12.0, 0.0, 2.8946403116483003e-63, 0.047180778707018842),
      (0.0002, 3.5, 0.15529365518244897, 8.2647155452659033e-6),
      (30.0, 1e-05, 6.2792502413102354e-9, 0.018816784868658631),
      (100.0, 100.0, 0.0028210184361467865, 0.0028208773887522219),
    ]
    for r in reference {
      let w = Faddeeva.w(r.x, r.y)
      assertRelative(w.re, r.re, 2e-15, "Re w(\(r.x) + \(r.y)i)")
      assertRelative(w.im, r.im, 2e-14, "Im w(\(r.x) + \(r.y)i)")
      // w(−x + iy) = conj w(x + iy)
      let mirrored = Faddeeva.w(-r.x, r.y)
      XCTAssertEqual(mirrored.re, w.re, accuracy: 0)
      XCTAssertEqual(mirrored.im, -w.im, accuracy: 0)
    }
  }

  /// Values from scipy 1.17.1:
  ///   python3 -c "from scipy.special import voigt_profile as v; print(repr(v(x, sigma, gamma)))"
  /// scipy's wofz is itself good to ~1e-14 relative, hence the tolerance.
  func testAgainstScipyVoigtProfile() {
    let reference: [(x: Double, sigma: Double, gamma: Double, value: Double)] = [
      (0, 1, 1, 0.20870928052036772),
      (0.5, 1, 0.1, 0.3288241466686946),
      (-2.5, 0.7, 1.3, 0.05962518204916558),
      (3, 1, 0.001, 0.0044889675079574495),
      (10, 1, 0.5, 0.0016374553876309847),
      (1, 0.01, 2, 0.12732344506159593),
      (0, 2, 1e-06, 0.19947106062326966),
      (6, 1, 0.02, 0.00019417423857683014),
      (-40, 1.5, 0.2, 3.995677763511545e-05),
      (0.1, 3, 30, 0.010507149120160313),
    ]
    for r in reference {
      assertRelative(
        Voigt.profile(r.x, sigma: r.sigma, gamma: r.gamma), r.value, 1e-13,
        "V(\(r.x); \(r.sigma), \(r.gamma))")
    }
  }

  func testGaussianLimit() {
    for sigma in [0.3, 1.0, 4.0] {
      for k in stride(from: -12.0, through: 12.0, by: 0.75) {
        let x = k * sigma
        let exact = gaussian(x, sigma)
        // The condition number of exp(−x²/2σ²) in x is (x/σ)²: rounding x/(σ√2) costs that.
        assertRelative(
          Voigt.profile(x, sigma: sigma, gamma: 0), exact, 4e-16 * (2 + k * k), "γ = 0 at \(x)")
        // A tiny γ changes V by about γ·∂V/∂γ: ~γ/σ relative near the centre; further out
        // the Lorentzian wing γ/(πx²) soon outweighs the Gaussian, so compare only |x| ≤ 4σ.
        if k.magnitude <= 4 {
          assertRelative(
            Voigt.profile(x, sigma: sigma, gamma: 1e-13 * sigma), exact, 1e-10, "γ → 0 at \(x)")
        }
      }
    }
  }

  func testLorentzianLimit() {
    for gamma in [0.2, 1.0, 5.0] {
      for x in stride(from: -30.0, through: 30.0, by: 1.25) {
        let exact = lorentzian(x, gamma)
        assertRelative(Voigt.profile(x, sigma: 0, gamma: gamma), exact, 1e-15, "σ = 0 at \(x)")
        // σ²L″/2 is the first correction: relative (σ/γ)² ≈ 1e-16 here.
        assertRelative(
          Voigt.profile(x, sigma: 1e-8 * gamma, gamma: gamma), exact, 1e-14, "σ → 0 at \(x)")
        assertRelative(
          Voigt.profile(x, sigma: 1e-4 * gamma, gamma: gamma), exact, 1e-7, "σ small at \(x)")
      }
    }
  }

  func testLargeArgumentsAndInvalidWidths() {
    // Far wings are Lorentzian: V ≈ γ/(π x²).
    assertRelative(Voigt.profile(1e6, sigma: 1, gamma: 0.5), lorentzian(1e6, 0.5), 1e-11, "1e6")
    assertRelative(Voigt.profile(-1e12, sigma: 1, gamma: 2), lorentzian(1e12, 2), 1e-15, "1e12")
    XCTAssertEqual(Voigt.profile(1e200, sigma: 1, gamma: 1), 0, accuracy: 1e-300)
    XCTAssertEqual(Voigt.profile(.infinity, sigma: 1, gamma: 1), 0, accuracy: 0)
    XCTAssertEqual(Voigt.profile(50, sigma: 1, gamma: 0), 0, accuracy: 1e-300)
    XCTAssertTrue(Voigt.profile(0, sigma: -1, gamma: 1).isNaN)
    XCTAssertTrue(Voigt.profile(0, sigma: 1, gamma: -1).isNaN)
    XCTAssertTrue(Voigt.profile(0, sigma: 0, gamma: 0).isNaN)
    XCTAssertTrue(Voigt.profile(.nan, sigma: 1, gamma: 1).isNaN)
  }

  /// ∫ V dx = 1, integrated with x = s·tan θ so that the Lorentzian tails become a bounded
  /// integrand on (−π/2, π/2); composite Simpson on 20,000 intervals.
  func testNormalisation() {
    for (sigma, gamma) in [(1.0, 0.0), (1.0, 0.5), (0.2, 2.0), (3.0, 0.01), (0.0, 1.0)] {
      let s = sigma + gamma
      let n = 20_000
      let h = Double.pi / Double(n)
      var sum = 0.0
      for i in 1..<n {
        let theta = -Double.pi / 2 + Double(i) * h
        let secant = 1 / cos(theta)
        let f = Voigt.profile(s * tan(theta), sigma: sigma, gamma: gamma) * s * secant * secant
        sum += (i % 2 == 1 ? 4 : 2) * f
      }
      // At θ = ±π/2 the integrand tends to γ/(π s) (the Lorentzian tail), weight 1 each.
      sum += 2 * gamma / (Double.pi * s)
      XCTAssertEqual(sum * h / 3, 1, accuracy: 1e-9, "σ = \(sigma), γ = \(gamma)")
    }
  }

  func testPartialsAgainstCentralDifferences() {
    let cases: [(x: Double, sigma: Double, gamma: Double)] = [
      (0.3, 1, 0.5), (-2, 0.7, 1.3), (4, 1, 0.01), (0, 2, 0.2), (7.5, 1, 0.3), (1, 0.05, 1),
      (-15, 1.2, 0.4), (0.5, 1, 0), (2, 0, 0.8), (3, 1e-9, 0.8),
    ]
    for c in cases {
      let p = Voigt.partials(c.x, sigma: c.sigma, gamma: c.gamma)
      assertRelative(p.value, Voigt.profile(c.x, sigma: c.sigma, gamma: c.gamma), 0, "value")
      let scale = max(c.sigma, c.gamma)
      let h = 1e-5 * scale
      let dx =
        (Voigt.profile(c.x + h, sigma: c.sigma, gamma: c.gamma)
          - Voigt.profile(c.x - h, sigma: c.sigma, gamma: c.gamma)) / (2 * h)
      // One-sided-safe differences in the widths: step inside the domain (width ≥ 0).
      let hs = c.sigma > h ? h : 0
      let hg = c.gamma > h ? h : 0
      let peak = Voigt.profile(0, sigma: c.sigma, gamma: c.gamma) / scale
      XCTAssertEqual(p.dx, dx, accuracy: 1e-8 * peak + 1e-8 * abs(dx), "∂x at \(c)")
      if c.sigma == 0 { XCTAssertEqual(p.dSigma, 0, accuracy: 0, "∂σ at σ = 0") }
      if hs > 0 {
        let dSigma =
          (Voigt.profile(c.x, sigma: c.sigma + hs, gamma: c.gamma)
            - Voigt.profile(c.x, sigma: c.sigma - hs, gamma: c.gamma)) / (2 * hs)
        XCTAssertEqual(p.dSigma, dSigma, accuracy: 1e-8 * peak + 1e-8 * abs(dSigma), "∂σ at \(c)")
      }
      if hg > 0 {
        let dGamma =
          (Voigt.profile(c.x, sigma: c.sigma, gamma: c.gamma + hg)
            - Voigt.profile(c.x, sigma: c.sigma, gamma: c.gamma - hg)) / (2 * hg)
        XCTAssertEqual(p.dGamma, dGamma, accuracy: 1e-8 * peak + 1e-8 * abs(dGamma), "∂γ at \(c)")
      } else {
        // At γ = 0 use the forward difference (V is smooth in γ ≥ 0).
        let dGamma =
          (-3 * Voigt.profile(c.x, sigma: c.sigma, gamma: 0)
            + 4 * Voigt.profile(c.x, sigma: c.sigma, gamma: h)
            - Voigt.profile(c.x, sigma: c.sigma, gamma: 2 * h)) / (2 * h)
        XCTAssertEqual(p.dGamma, dGamma, accuracy: 1e-8 * peak, "∂γ at γ = 0, \(c)")
      }
    }
  }
}
