/// The syntax tree of a formula, as written: names are not yet resolved into inputs,
/// parameters, constants or built-in models (that is ``FormulaResolver``'s job).
struct FormulaSyntax: Sendable {
  enum BinaryOperator: Sendable { case add, subtract, multiply, divide, power }

  indirect enum Kind: Sendable {
    case number(Double)
    case name(String)
    case call(String, [FormulaSyntax])
    case negate(FormulaSyntax)
    case binary(BinaryOperator, FormulaSyntax, FormulaSyntax)
  }

  var kind: Kind
  /// 1-based column of the token that makes this node (the operator, the name, …).
  var column: Int
  /// Height of the tree below and including this node; bounded by the parser so that
  /// every recursive pass over the tree stays far from the stack limit.
  var depth: Int

  init(_ kind: Kind, column: Int) {
    self.kind = kind
    self.column = column
    switch kind {
    case .number, .name: depth = 1
    case .call(_, let arguments): depth = 1 + (arguments.map(\.depth).max() ?? 0)
    case .negate(let operand): depth = 1 + operand.depth
    case .binary(_, let lhs, let rhs): depth = 1 + max(lhs.depth, rhs.depth)
    }
  }
}
