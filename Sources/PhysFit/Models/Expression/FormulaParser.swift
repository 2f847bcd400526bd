/// Recursive-descent parser for the expression language.
///
/// Grammar, loosest binding first:
///
/// ```
/// expression := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := ('-' | '+') unary | power
/// power      := primary (('^' | '**') unary)?        right associative
/// primary    := number | name | name '(' arguments ')' | '(' expression ')'
/// ```
///
/// So `2^3^2` is `2^(3^2)` = 512, `-x^2` is `-(x^2)`, and `2^-1` is 0.5, as in
/// Fortran, Python and most physics texts. There are no implicit products: `2x` is an
/// error that says to write `2*x`.
struct FormulaParser {
  /// The deepest nesting accepted. Deeper formulas are rejected with an error rather
  /// than risking a stack overflow in the recursive passes (parsing, resolution,
  /// printing). Long sums and products count one level per operator.
  static let maximumDepth = 200

  private let formula: String
  private let tokens: [FormulaToken]
  private var position = 0
  private var nesting = 0

  private init(formula: String, tokens: [FormulaToken]) {
    self.formula = formula
    self.tokens = tokens
  }

  /// Parses a whole formula.
  static func parse(_ formula: String) throws(FormulaError) -> FormulaSyntax {
    let tokens = try FormulaLexer.tokens(formula)
    var parser = FormulaParser(formula: formula, tokens: tokens)
    if case .end = tokens[0].kind {
      throw FormulaError(formula: formula, column: 1, message: "empty formula")
    }
    let tree = try parser.parseExpression()
    let token = parser.current
    switch token.kind {
    case .end: break
    case .rightParen:
      throw parser.error(token, "unbalanced parentheses: ')' without a matching '('")
    case .number, .identifier, .leftParen:
      throw parser.error(
        token,
        "unexpected '\(token.text)' after '\(parser.tokens[parser.position - 1].text)' "
          + "(products need an explicit '*')")
    default:
      throw parser.error(token, "unexpected '\(token.text)'")
    }
    return tree
  }

  private var current: FormulaToken { tokens[position] }

  private func error(_ token: FormulaToken, _ message: String) -> FormulaError {
    FormulaError(formula: formula, column: token.column, message: message)
  }

  private func checked(_ node: FormulaSyntax) throws(FormulaError) -> FormulaSyntax {
    if node.depth > Self.maximumDepth {
      throw FormulaError(
        formula: formula, column: node.column,
        message: "formula is nested too deeply (more than \(Self.maximumDepth) levels)")
    }
    return node
  }

  private mutating func parseExpression() throws(FormulaError) -> FormulaSyntax {
    var lhs = try parseTerm()
    while true {
      let token = current
      let op: FormulaSyntax.BinaryOperator
      switch token.kind {
      case .plus: op = .add
      case .minus: op = .subtract
      default: return lhs
      }
      position += 1
      let rhs = try parseTerm()
      lhs = try checked(FormulaSyntax(.binary(op, lhs, rhs), column: token.column))
    }
  }

  private mutating func parseTerm() throws(FormulaError) -> FormulaSyntax {
    var lhs = try parseUnary()
    while true {
      let token = current
      let op: FormulaSyntax.BinaryOperator
      switch token.kind {
      case .star: op = .multiply
      case .slash: op = .divide
      default: return lhs
      }
      position += 1
      let rhs = try parseUnary()
      lhs = try checked(FormulaSyntax(.binary(op, lhs, rhs), column: token.column))
    }
  }

  private mutating func parseUnary() throws(FormulaError) -> FormulaSyntax {
    let token = current
    nesting += 1
    defer { nesting -= 1 }
    if nesting > Self.maximumDepth {
      throw error(token, "formula is nested too deeply (more than \(Self.maximumDepth) levels)")
    }
    switch token.kind {
    case .minus:
      position += 1
      let operand = try parseUnary()
      return try checked(FormulaSyntax(.negate(operand), column: token.column))
    case .plus:
      position += 1
      return try parseUnary()
    default:
      return try parsePower()
    }
  }

  private mutating func parsePower() throws(FormulaError) -> FormulaSyntax {
    let base = try parsePrimary()
    let token = current
    guard case .power = token.kind else { return base }
    position += 1
    let exponent = try parseUnary()
    return try checked(FormulaSyntax(.binary(.power, base, exponent), column: token.column))
  }

  private mutating func parsePrimary() throws(FormulaError) -> FormulaSyntax {
    let token = current
    switch token.kind {
    case .number(let value):
      position += 1
      return FormulaSyntax(.number(value), column: token.column)
    case .identifier(let name):
      position += 1
      guard case .leftParen = current.kind else {
        return FormulaSyntax(.name(name), column: token.column)
      }
      let open = current
      position += 1
      var arguments: [FormulaSyntax] = []
      if case .rightParen = current.kind {
        throw error(current, "'\(name)' needs at least one argument")
      }
      while true {
        arguments.append(try parseExpression())
        let next = current
        switch next.kind {
        case .comma:
          position += 1
        case .rightParen:
          position += 1
          return try checked(FormulaSyntax(.call(name, arguments), column: token.column))
        case .end:
          throw error(open, "unbalanced parentheses: '(' is never closed")
        default:
          throw error(
            next, "expected ',' or ')' in the arguments of '\(name)', found '\(next.text)'")
        }
      }
    case .leftParen:
      position += 1
      let inner = try parseExpression()
      switch current.kind {
      case .rightParen:
        position += 1
        return inner
      case .end:
        throw error(token, "unbalanced parentheses: '(' is never closed")
      default:
        throw error(
          current, "expected ')' to close '(' at column \(token.column), found '\(current.text)'")
      }
    case .end:
      let previous = position > 0 ? " after '\(tokens[position - 1].text)'" : ""
      throw error(token, "expected a number, name or '('\(previous), but the formula ends")
    case .rightParen:
      throw error(token, "unexpected ')': expected a number, name or '('")
    default:
      throw error(token, "unexpected '\(token.text)': expected a number, name or '('")
    }
  }
}
