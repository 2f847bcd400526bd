/// One token of a formula, with the 1-based column where it starts.
struct FormulaToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case number(Double)
    case identifier(String)
    case plus, minus, star, slash, power, leftParen, rightParen, comma
    case end
  }

  var kind: Kind
  var column: Int
  /// The characters of the token as written (`**` and `^` both give `.power`).
  var text: String
}

/// Splits a formula into tokens.
///
/// Numbers: digits with an optional fraction and an optional exponent
/// (`12`, `1.5`, `.5`, `3.`, `1.5e-3`, `2E+4`). Identifiers: a letter or `_`, then
/// letters, digits or `_` (letters include Greek ones, so `τ` and `σ` are names).
/// Operators: `+ - * / ^ **`, parentheses and commas. Blanks are skipped.
enum FormulaLexer {
  static func tokens(_ formula: String) throws(FormulaError) -> [FormulaToken] {
    let characters = Array(formula)
    var result: [FormulaToken] = []
    var i = 0
    func fail(_ column: Int, _ message: String) -> FormulaError {
      FormulaError(formula: formula, column: column, message: message)
    }
    while i < characters.count {
      let c = characters[i]
      let column = i + 1
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
        continue
      }
      if isDigit(c) || (c == "." && i + 1 < characters.count && isDigit(characters[i + 1])) {
        let start = i
        while i < characters.count && isDigit(characters[i]) { i += 1 }
        if i < characters.count && characters[i] == "." {
          i += 1
          while i < characters.count && isDigit(characters[i]) { i += 1 }
        }
        if i < characters.count && (characters[i] == "e" || characters[i] == "E") {
          // An exponent only if digits follow (after an optional sign); `2e` alone is
          // malformed rather than "2 times the constant e" (implicit products do not exist).
          var j = i + 1
          if j < characters.count && (characters[j] == "+" || characters[j] == "-") { j += 1 }
          guard j < characters.count && isDigit(characters[j]) else {
            let text = String(characters[start..<min(j, characters.count)])
            throw fail(column, "malformed number '\(text)': the exponent needs digits")
          }
          i = j
          while i < characters.count && isDigit(characters[i]) { i += 1 }
        }
        if i < characters.count && characters[i] == "." {
          let text = String(characters[start...i])
          throw fail(column, "malformed number '\(text)…': more than one decimal point")
        }
        let text = String(characters[start..<i])
        guard let value = Double(text) else {
          throw fail(column, "malformed number '\(text)'")
        }
        result.append(FormulaToken(kind: .number(value), column: column, text: text))
        continue
      }
      if isIdentifierStart(c) {
        let start = i
        while i < characters.count && isIdentifierContinue(characters[i]) { i += 1 }
        let text = String(characters[start..<i])
        result.append(FormulaToken(kind: .identifier(text), column: column, text: text))
        continue
      }
      let kind: FormulaToken.Kind
      var text = String(c)
      switch c {
      case "+": kind = .plus
      case "-", "−": kind = .minus
      case "*":
        if i + 1 < characters.count && characters[i + 1] == "*" {
          kind = .power
          text = "**"
          i += 1
        } else {
          kind = .star
        }
      case "/": kind = .slash
      case "^": kind = .power
      case "(": kind = .leftParen
      case ")": kind = .rightParen
      case ",": kind = .comma
      default:
        throw fail(column, "unexpected character '\(c)'")
      }
      i += 1
      result.append(FormulaToken(kind: kind, column: column, text: text))
    }
    result.append(FormulaToken(kind: .end, column: characters.count + 1, text: ""))
    return result
  }

  static func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }

  static func isIdentifierStart(_ c: Character) -> Bool { c == "_" || c.isLetter }

  static func isIdentifierContinue(_ c: Character) -> Bool {
    c == "_" || c.isLetter || isDigit(c)
  }

  /// Whether `name` is a valid identifier of the expression language.
  static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.first, isIdentifierStart(first) else { return false }
    return name.allSatisfy(isIdentifierContinue)
  }
}
