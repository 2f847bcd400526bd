import Foundation

/// The catalogue of built-in physics models.
///
/// Conventions (documented per model in its summary):
/// - peak models `gaussian` and `lorentzian` use the **peak height** A, so A reads off
///   a plot; `gaussian_area`, `voigt` and `breitwigner` use the **area** A (the
///   number of events under the peak for a histogram of unit bin width);
/// - widths: `sigma` is a Gaussian standard deviation, `gamma` a Lorentzian half width
///   at half maximum, `Gamma` a Breit–Wigner full width;
/// - step models include their lower level B, since real data rarely start at 0.
///
/// Polynomials are the family `polyN` (also `polynomialN`), N = 0…``maximumDegree``,
/// with coefficients c0…cN: `poly2` is `c0 + c1*x + c2*x^2`.
public enum BuiltinModels {
  /// The highest polynomial degree `polyN` accepts.
  public static let maximumDegree = 20

  /// The fixed models (the polynomial family is listed in ``families``).
  public static let all: [BuiltinModel] = [
    constant, linear, exponential, powerlaw, gaussian, gaussianArea, lorentzian, voigt,
    breitWigner, dampedOscillator, sine, logistic, erfStep,
  ]

  /// Name patterns with a summary each, for listings.
  public static let families: [(pattern: String, summary: String)] = [
    (
      "polyN",
      "polynomial of degree N = 0…\(maximumDegree), c0 + c1*x + … + cN*x^N "
        + "(also polynomialN); guess: least squares"
    )
  ]

  /// Every literal name of ``all`` (for suggestions).
  static let allNames: [String] = all.map(\.name) + ["poly2", "polynomial2"]

  private static let table: [String: BuiltinModel] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.name, $0) })

  /// The model called `name`: a name of ``all``, or `polyN`/`polynomialN`.
  public static func named(_ name: String) -> BuiltinModel? {
    if let model = table[name] { return model }
    for prefix in ["polynomial", "poly"] where name.hasPrefix(prefix) {
      let digits = name.dropFirst(prefix.count)
      guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
        digits.count <= 2 || digits.first != "0", let degree = Int(digits),
        String(degree) == digits, degree <= maximumDegree
      else { return nil }
      return polynomial(degree: degree, name: name)
    }
    return nil
  }

  /// `c0 + c1*x + … + cN*x^N`, guessed by least squares.
  public static func polynomial(degree: Int, name: String? = nil) -> BuiltinModel {
    precondition(degree >= 0 && degree <= maximumDegree, "polynomial degree out of range")
    let terms = (0...degree).map { k in k == 0 ? "c0" : (k == 1 ? "c1*x" : "c\(k)*x^\(k)") }
    return BuiltinModel(
      name: name ?? "poly\(degree)",
      summary: "polynomial of degree \(degree); guess: least squares",
      formula: terms.joined(separator: " + "),
      parameterNames: (0...degree).map { "c\($0)" },
      initialGuess: { x, y in GuessHeuristics.polynomial(x, y, degree: degree) })
  }

  // MARK: Background and simple shapes

  /// c.
  public static let constant = BuiltinModel(
    name: "constant", summary: "c; guess: mean of y", formula: "c", parameterNames: ["c"],
    initialGuess: { _, y in [y.reduce(0, +) / Double(y.count)] })

  /// a + b·x.
  public static let linear = BuiltinModel(
    name: "linear", summary: "a + b*x (intercept a, slope b); guess: least squares",
    formula: "a + b*x", parameterNames: ["a", "b"],
    initialGuess: { x, y in
      if let fit = GuessHeuristics.line(x, y) { return [fit.a, fit.b] }
      return [y.reduce(0, +) / Double(y.count), 0]
    })

  /// A·exp(−x/τ).
  public static let exponential = BuiltinModel(
    name: "exponential",
    summary: "A*exp(-x/tau), decay time tau (negative for growth); guess: log-linear fit",
    formula: "A*exp(-x/tau)", parameterNames: ["A", "tau"],
    initialGuess: { x, y in
      // ln|y| = ln|A| − x/τ on the points with the majority sign, weighted by y²
      // (the variance of ln y is ∝ 1/y² for constant errors on y).
      let positive = y.filter { $0 > 0 }.count
      let sign: Double = positive * 2 >= y.count ? 1 : -1
      var xs: [Double] = []
      var ls: [Double] = []
      var ws: [Double] = []
      for (u, v) in zip(x, y) where v * sign > 0 {
        xs.append(u)
        ls.append(Foundation.log(v * sign))
        ws.append(v * v)
      }
      guard let fit = GuessHeuristics.line(xs, ls, weights: ws) else { return nil }
      let span = (x.max() ?? 1) - (x.min() ?? 0)
      let tau = fit.b < 0 || fit.b > 0 ? -1 / fit.b : 100 * max(span, 1)
      return [sign * Foundation.exp(fit.a), tau]
    })

  /// A·x^k.
  public static let powerlaw = BuiltinModel(
    name: "powerlaw", summary: "A*x^k; guess: log-log fit over x > 0",
    formula: "A*x^k", parameterNames: ["A", "k"],
    initialGuess: { x, y in
      let positive = y.filter { $0 > 0 }.count
      let sign: Double = positive * 2 >= y.count ? 1 : -1
      var ls: [Double] = []
      var ly: [Double] = []
      for (u, v) in zip(x, y) where u > 0 && v * sign > 0 {
        ls.append(Foundation.log(u))
        ly.append(Foundation.log(v * sign))
      }
      guard let fit = GuessHeuristics.line(ls, ly) else { return nil }
      return [sign * Foundation.exp(fit.a), fit.b]
    })

  // MARK: Peaks

  private static func peak(_ x: [Double], _ y: [Double]) -> (
    GuessHeuristics.Peak, sortedX: [Double], sortedY: [Double]
  )? {
    let (sx, sy) = GuessHeuristics.sortedByX(x, y)
    guard let p = GuessHeuristics.peak(sx, sy) else { return nil }
    return (p, sx, sy)
  }

  /// FWHM of a Gaussian = 2√(2 ln 2)·σ.
  private static let fwhmPerSigma = 2 * (2 * Foundation.log(2.0)).squareRoot()

  /// A·exp(−(x−μ)²/(2σ²)), peak height A.
  public static let gaussian = BuiltinModel(
    name: "gaussian",
    summary: "A*exp(-(x-mu)^2/(2*sigma^2)), peak height A (area A*sigma*sqrt(2*pi)); "
      + "guess: extremum and half-maximum width",
    formula: "A*exp(-(x - mu)^2/(2*sigma^2))", parameterNames: ["A", "mu", "sigma"],
    initialGuess: { x, y in
      guard let (p, _, _) = peak(x, y) else { return nil }
      return [p.height, p.position, p.fullWidth / fwhmPerSigma]
    })

  /// A/(σ√(2π))·exp(−(x−μ)²/(2σ²)), area A.
  public static let gaussianArea = BuiltinModel(
    name: "gaussian_area",
    summary: "A/(sigma*sqrt(2*pi))*exp(-(x-mu)^2/(2*sigma^2)), area A; "
      + "guess: extremum and half-maximum width",
    formula: "A/(sigma*sqrt(2*pi))*exp(-(x - mu)^2/(2*sigma^2))",
    parameterNames: ["A", "mu", "sigma"],
    initialGuess: { x, y in
      guard let (p, _, _) = peak(x, y) else { return nil }
      let sigma = p.fullWidth / fwhmPerSigma
      return [p.height * sigma * (2 * Double.pi).squareRoot(), p.position, sigma]
    })

  /// A·γ²/((x−μ)² + γ²), peak height A, half width γ.
  public static let lorentzian = BuiltinModel(
    name: "lorentzian",
    summary: "A*gamma^2/((x-mu)^2 + gamma^2), peak height A, half width at half maximum "
      + "gamma (area A*pi*gamma); guess: extremum and half-maximum width",
    formula: "A*gamma^2/((x - mu)^2 + gamma^2)", parameterNames: ["A", "mu", "gamma"],
    initialGuess: { x, y in
      guard let (p, _, _) = peak(x, y) else { return nil }
      return [p.height, p.position, p.fullWidth / 2]
    })

  /// A·V(x−μ; σ, γ), area A.
  public static let voigt = BuiltinModel(
    name: "voigt",
    summary: "A*voigt(x - mu, sigma, gamma), area A, Gaussian sigma, Lorentzian half "
      + "width gamma; guess: area, extremum, width split evenly",
    formula: "A*voigt(x - mu, sigma, gamma)", parameterNames: ["A", "mu", "sigma", "gamma"],
    initialGuess: { x, y in
      guard let (p, sx, sy) = peak(x, y) else { return nil }
      // Olivero's FWHM f ≈ 0.5346 f_L + √(0.2166 f_L² + f_G²); with f_L = f_G = g,
      // f ≈ 1.6376 g.
      let g = p.fullWidth / 1.6376
      let area = GuessHeuristics.area(sx, sy.map { $0 - p.baseline })
      return [area, p.position, g / fwhmPerSigma, g / 2]
    })

  /// The relativistic Breit–Wigner with unit area over E ≥ 0, times A.
  public static let breitWigner = BuiltinModel(
    name: "breitwigner",
    summary: "relativistic Breit-Wigner A*k/((x^2 - M^2)^2 + M^2*Gamma^2), "
      + "k = 2*sqrt(2)*M*Gamma*g/(pi*sqrt(M^2 + g)), g = sqrt(M^2*(M^2 + Gamma^2)); "
      + "area A over x >= 0, mass M, full width Gamma; guess: area, extremum, FWHM",
    formula: "A*(2*sqrt(2)*M*Gamma*sqrt(M^2*(M^2 + Gamma^2))"
      + "/(pi*sqrt(M^2 + sqrt(M^2*(M^2 + Gamma^2)))))/((x^2 - M^2)^2 + M^2*Gamma^2)",
    parameterNames: ["A", "M", "Gamma"],
    initialGuess: { x, y in
      guard let (p, sx, sy) = peak(x, y) else { return nil }
      let area = GuessHeuristics.area(sx, sy.map { $0 - p.baseline })
      return [area, p.position, p.fullWidth]
    })

  // MARK: Oscillations

  /// A·exp(−x/τ)·cos(ωx + φ).
  public static let dampedOscillator = BuiltinModel(
    name: "damped_oscillator",
    summary: "A*exp(-x/tau)*cos(omega*x + phi); guess: periodogram frequency, envelope "
      + "decay, linear fit of amplitude and phase",
    formula: "A*exp(-x/tau)*cos(omega*x + phi)", parameterNames: ["A", "tau", "omega", "phi"],
    initialGuess: { x, y in
      let (sx, sy) = GuessHeuristics.sortedByX(x, y)
      guard let omega = GuessHeuristics.dominantFrequency(sx, sy), let lo = sx.first,
        let hi = sx.last
      else { return nil }
      let tau = GuessHeuristics.envelopeDecayTime(sx, sy, omega: omega) ?? 10 * (hi - lo)
      // A cos(ωx + φ) = A cos φ · cos ωx − A sin φ · sin ωx
      guard
        let fit = GuessHeuristics.harmonic(
          sx, sy, omega: omega, envelope: { Foundation.exp(-$0 / tau) })
      else { return nil }
      return [
        (fit.a * fit.a + fit.b * fit.b).squareRoot(), tau, omega, Foundation.atan2(-fit.b, fit.a),
      ]
    })

  /// A·sin(ωx + φ).
  public static let sine = BuiltinModel(
    name: "sine",
    summary: "A*sin(omega*x + phi); guess: periodogram frequency, linear fit of amplitude "
      + "and phase",
    formula: "A*sin(omega*x + phi)", parameterNames: ["A", "omega", "phi"],
    initialGuess: { x, y in
      let (sx, sy) = GuessHeuristics.sortedByX(x, y)
      guard let omega = GuessHeuristics.dominantFrequency(sx, sy),
        let fit = GuessHeuristics.harmonic(sx, sy, omega: omega)
      else { return nil }
      // A sin(ωx + φ) = A sin φ · cos ωx + A cos φ · sin ωx
      return [(fit.a * fit.a + fit.b * fit.b).squareRoot(), omega, Foundation.atan2(fit.a, fit.b)]
    })

  // MARK: Steps

  /// B + A/(1 + exp(−(x−x0)/w)).
  public static let logistic = BuiltinModel(
    name: "logistic",
    summary: "B + A/(1 + exp(-(x - x0)/w)), step of height A at x0 with width w "
      + "(10-90% rise 2*ln(9)*w); guess: edge levels and crossings",
    formula: "B + A/(1 + exp(-(x - x0)/w))", parameterNames: ["A", "x0", "w", "B"],
    initialGuess: { x, y in
      let (sx, sy) = GuessHeuristics.sortedByX(x, y)
      guard let s = GuessHeuristics.step(sx, sy) else { return nil }
      // 25 % → 75 % of a logistic spans 2 ln 3 · w.
      return [s.height, s.x50, (s.x75 - s.x25) / (2 * Foundation.log(3.0)), s.base]
    })

  /// B + A/2·(1 + erf((x−x0)/(√2·w))).
  public static let erfStep = BuiltinModel(
    name: "erfstep",
    summary: "B + A/2*(1 + erf((x - x0)/(sqrt(2)*w))), step of height A at x0 smeared by "
      + "a Gaussian of standard deviation w; guess: edge levels and crossings",
    formula: "B + A/2*(1 + erf((x - x0)/(sqrt(2)*w)))", parameterNames: ["A", "x0", "w", "B"],
    initialGuess: { x, y in
      let (sx, sy) = GuessHeuristics.sortedByX(x, y)
      guard let s = GuessHeuristics.step(sx, sy) else { return nil }
      // 25 % → 75 % of a Gaussian edge spans 2 · 0.6745 · w.
      return [s.height, s.x50, (s.x75 - s.x25) / 1.3490, s.base]
    })
}
