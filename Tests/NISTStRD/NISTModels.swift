/// The model of each NIST StRD nonlinear-regression problem, in PhysFit's expression syntax.
///
/// Each formula is the header's `Model:` line with NIST's notation rewritten: `[ ]` → `( )`,
/// `**` → `^`, `arctan` → `atan`; parameters keep their names b1…bN, the predictor is `x`
/// (Nelson: `x1`, `x2`), and `pi` is the constant (Roszman1, ENSO). Parameter order inside
/// a formula is irrelevant: values are always assigned by name.
public struct NISTModel: Sendable {
  /// The right-hand side of `y = f(x; b) + e`.
  public var formula: String
  /// The predictor names the formula reads, in data-column order.
  public var inputs: [String]
  /// Whether the model is fitted to log(y) instead of y (Nelson: `log[y] = …`).
  public var fitsLogResponse: Bool

  /// A model of one predictor `x` fitted to y, unless said otherwise.
  public init(formula: String, inputs: [String] = ["x"], fitsLogResponse: Bool = false) {
    self.formula = formula
    self.inputs = inputs
    self.fitsLogResponse = fitsLogResponse
  }
}

extension NISTModel {
  /// All 27 problems of the suite, keyed by dataset name.
  public static let all: [String: NISTModel] = [
    // Lower difficulty.
    "Misra1a": NISTModel(formula: "b1*(1-exp(-b2*x))"),
    "Chwirut2": NISTModel(formula: "exp(-b1*x)/(b2+b3*x)"),
    "Chwirut1": NISTModel(formula: "exp(-b1*x)/(b2+b3*x)"),
    "Lanczos3": NISTModel(formula: lanczos),
    "Gauss1": NISTModel(formula: gauss),
    "Gauss2": NISTModel(formula: gauss),
    "DanWood": NISTModel(formula: "b1*x^b2"),
    "Misra1b": NISTModel(formula: "b1*(1-(1+b2*x/2)^(-2))"),
    // Average difficulty.
    "Kirby2": NISTModel(formula: "(b1+b2*x+b3*x^2)/(1+b4*x+b5*x^2)"),
    "Hahn1": NISTModel(formula: cubicOverCubic),
    "Nelson": NISTModel(
      formula: "b1-b2*x1*exp(-b3*x2)", inputs: ["x1", "x2"], fitsLogResponse: true),
    "MGH17": NISTModel(formula: "b1+b2*exp(-x*b4)+b3*exp(-x*b5)"),
    "Lanczos1": NISTModel(formula: lanczos),
    "Lanczos2": NISTModel(formula: lanczos),
    "Gauss3": NISTModel(formula: gauss),
    "Misra1c": NISTModel(formula: "b1*(1-(1+2*b2*x)^(-0.5))"),
    "Misra1d": NISTModel(formula: "b1*b2*x*((1+b2*x)^(-1))"),
    "Roszman1": NISTModel(formula: "b1-b2*x-atan(b3/(x-b4))/pi"),
    "ENSO": NISTModel(
      formula: "b1+b2*cos(2*pi*x/12)+b3*sin(2*pi*x/12)+b5*cos(2*pi*x/b4)+b6*sin(2*pi*x/b4)"
        + "+b8*cos(2*pi*x/b7)+b9*sin(2*pi*x/b7)"),
    // Higher difficulty.
    "MGH09": NISTModel(formula: "b1*(x^2+x*b2)/(x^2+x*b3+b4)"),
    "Thurber": NISTModel(formula: cubicOverCubic),
    "BoxBOD": NISTModel(formula: "b1*(1-exp(-b2*x))"),
    "Rat42": NISTModel(formula: "b1/(1+exp(b2-b3*x))"),
    "MGH10": NISTModel(formula: "b1*exp(b2/(x+b3))"),
    "Eckerle4": NISTModel(formula: "(b1/b2)*exp(-0.5*((x-b3)/b2)^2)"),
    "Rat43": NISTModel(formula: "b1/((1+exp(b2-b3*x))^(1/b4))"),
    "Bennett5": NISTModel(formula: "b1*(b2+x)^(-1/b3)"),
  ]

  /// Lanczos1, 2 and 3 share one model: three decaying exponentials.
  private static let lanczos = "b1*exp(-b2*x)+b3*exp(-b4*x)+b5*exp(-b6*x)"
  /// Gauss1, 2 and 3: an exponential background under two Gaussian peaks.
  /// The squares are parenthesised so that the sign does not depend on how tightly unary
  /// minus binds relative to `^`.
  private static let gauss =
    "b1*exp(-b2*x)+b3*exp(-((x-b4)^2)/b5^2)+b6*exp(-((x-b7)^2)/b8^2)"
  /// Hahn1 and Thurber: cubic over cubic.
  private static let cubicOverCubic = "(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)"
}
