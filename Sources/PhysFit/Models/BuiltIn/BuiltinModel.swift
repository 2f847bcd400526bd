/// A named physics model from the catalogue: a formula in the expression language
/// (input variable `x`) with a data-driven initial guess.
///
/// Built-ins are expressions: `ExpressionModel("gaussian")` fits the catalogue
/// formula with exact symbolic derivatives, and a formula may use them as terms
/// (`gaussian + linear`) or with its own names (`gaussian(t, A1, mu1, s1)`).
public struct BuiltinModel: Sendable {
  /// The name used in formulas and on the command line.
  public let name: String
  /// One line for `physfit models`: what the model is and its conventions.
  public let summary: String
  /// The formula, input `x`.
  public let formula: String
  /// Parameter names in the order the guess returns them.
  public let parameterNames: [String]
  private let guess: @Sendable (_ x: [Double], _ y: [Double]) -> [Double]?

  /// A catalogue entry: name, one-line summary, formula in the expression language, parameter names
  /// and the data-driven start guess.
  public init(
    name: String, summary: String, formula: String, parameterNames: [String],
    initialGuess: @escaping @Sendable (_ x: [Double], _ y: [Double]) -> [Double]?
  ) {
    self.name = name
    self.summary = summary
    self.formula = formula
    self.parameterNames = parameterNames
    self.guess = initialGuess
  }

  /// Start values estimated from data (same order as ``parameterNames``), or nil
  /// when the data cannot support a guess (too few points, no positive values for a
  /// log-linear fit, …). Non-finite points are ignored. The guess is a starting
  /// point for an optimizer, not an estimate with any statistical property.
  public func initialGuess(x: [Double], y: [Double]) -> [Double]? {
    guard x.count == y.count else { return nil }
    var xs: [Double] = []
    var ys: [Double] = []
    for (u, v) in zip(x, y) where u.isFinite && v.isFinite {
      xs.append(u)
      ys.append(v)
    }
    guard !xs.isEmpty, let values = guess(xs, ys), values.count == parameterNames.count,
      values.allSatisfy(\.isFinite)
    else { return nil }
    return values
  }

  /// The guess as a dictionary keyed by parameter name.
  public func initialGuessByName(x: [Double], y: [Double]) -> [String: Double]? {
    guard let values = initialGuess(x: x, y: y) else { return nil }
    return Dictionary(uniqueKeysWithValues: zip(parameterNames, values))
  }
}
