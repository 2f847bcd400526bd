/// One use of a built-in model inside an expression, for initial guesses and docs.
public struct BuiltinTerm: Sendable {
  /// The catalogue entry.
  public let builtin: BuiltinModel
  /// The data column it reads, when its input argument is a plain column name.
  public let input: String?
  /// For each of the built-in's parameters (catalogue order): the expression's
  /// parameter that stands for it, or nil when the argument is a longer expression.
  public let parameterNames: [String?]
  /// 1-based column of the built-in's name in the formula.
  public let column: Int
}
