/// Writes graph nodes back as formula text, with as few parentheses as the
/// precedence rules of ``FormulaParser`` allow.
///
/// Shared subexpressions are written out in full at each use (text has no `let`).
/// The voigt partials, which have no name in the language, print as `voigt_dx`,
/// `voigt_dsigma` and `voigt_dgamma`; the derivative of `abs` uses `sign`.
struct ExpressionPrinter {
  let graph: ExpressionGraph
  let inputNames: [String]
  let parameterNames: [String]

  func text(_ id: Int) -> String { write(id).text }

  /// Precedence levels: 1 sums, 2 products, 3 negation, 4 powers, 5 atoms.
  private func write(_ id: Int) -> (text: String, level: Int) {
    switch graph.nodes[id] {
    case .constant(let bits):
      let value = Double(bitPattern: bits)
      let text = Self.number(value)
      return (text, value < 0 ? 3 : 5)
    case .input(let i): return (inputNames[i], 5)
    case .parameter(let j): return (parameterNames[j], 5)
    case .unary(.negate, let a):
      // -a*b and -a/b read as (-a)*b and (-a)/b: the same value, so no parentheses.
      return ("-" + wrap(a, above: 1), 3)
    case .unary(let op, let a):
      return ("\(op.rawValue)(\(text(a)))", 5)
    case .voigt(let component, let x, let s, let g):
      let name = ["voigt", "voigt_dx", "voigt_dsigma", "voigt_dgamma"][component]
      return ("\(name)(\(text(x)), \(text(s)), \(text(g)))", 5)
    case .binary(let op, let a, let b):
      switch op {
      case .add: return ("\(wrap(a, above: 0)) + \(wrap(b, above: 1))", 1)
      case .subtract: return ("\(wrap(a, above: 0)) - \(wrap(b, above: 1))", 1)
      case .multiply: return ("\(wrap(a, above: 1))*\(wrap(b, above: 2))", 2)
      case .divide: return ("\(wrap(a, above: 1))/\(wrap(b, above: 2))", 2)
      case .power: return ("\(wrap(a, above: 4))^\(wrap(b, above: 3))", 4)
      }
    }
  }

  /// The operand in parentheses unless its level is above `level`.
  private func wrap(_ id: Int, above level: Int) -> String {
    let (text, own) = write(id)
    return own > level ? text : "(\(text))"
  }

  static func number(_ value: Double) -> String {
    if value == value.rounded() && Swift.abs(value) < 1e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }
}
