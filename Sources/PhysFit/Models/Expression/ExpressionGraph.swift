import Foundation

/// A hash-consed expression DAG with simplifying constructors.
///
/// Every node is interned: building the same node twice returns the same id, which
/// is common-subexpression elimination for free — the value of a formula and all of
/// its derivatives live in one graph and share whatever they have in common (the
/// `exp(-t/tau)` of a decay appears once, in the value and in both derivatives).
///
/// Children always have smaller ids than their parents, so the id order is a
/// topological order; differentiation and compilation iterate it without recursion.
///
/// The constructors simplify as they build: constants fold, `x+0`, `x*1`, `x*0`,
/// `x^1`, `x^0`, `--x` and `x-x` vanish, negations move outward, and products of
/// parameter-only factors are grouped (`2*(a*x)` → `(2*a)*x`) so the uniform part is
/// computed once per evaluation instead of once per point. (`x*0 = 0` ignores that
/// `∞·0` is NaN in IEEE arithmetic — the usual convention of computer algebra.)
struct ExpressionGraph: Sendable {
  enum Node: Sendable, Hashable {
    /// A constant, stored by bit pattern so that NaN constants hash consistently.
    case constant(bits: UInt64)
    case input(Int)
    case parameter(Int)
    case unary(UnaryOperation, Int)
    case binary(BinaryOperation, Int, Int)
    /// Component 0 is V(x; σ, γ); 1, 2, 3 are ∂V/∂x, ∂V/∂σ, ∂V/∂γ.
    case voigt(component: Int, Int, Int, Int)
  }

  private(set) var nodes: [Node] = []
  /// Whether a node is independent of the inputs (a function of parameters and
  /// constants only): such nodes are computed once per evaluation, not per point.
  private(set) var isUniform: [Bool] = []
  private var ids: [Node: Int] = [:]

  init() {
    zero = 0
    one = 0
    zero = constant(0)
    one = constant(1)
  }

  private(set) var zero: Int
  private(set) var one: Int

  var count: Int { nodes.count }

  func constantValue(_ id: Int) -> Double? {
    if case .constant(let bits) = nodes[id] { return Double(bitPattern: bits) }
    return nil
  }

  private func isConstant(_ id: Int, _ value: Double) -> Bool {
    constantValue(id) == value
  }

  private mutating func intern(_ node: Node) -> Int {
    if let id = ids[node] { return id }
    let uniform: Bool
    switch node {
    case .constant, .parameter: uniform = true
    case .input: uniform = false
    case .unary(_, let a): uniform = isUniform[a]
    case .binary(_, let a, let b): uniform = isUniform[a] && isUniform[b]
    case .voigt(_, let a, let b, let c): uniform = isUniform[a] && isUniform[b] && isUniform[c]
    }
    let id = nodes.count
    nodes.append(node)
    isUniform.append(uniform)
    ids[node] = id
    return id
  }

  // MARK: Leaves

  mutating func constant(_ value: Double) -> Int {
    // One canonical zero: -0 and +0 are interchangeable in every formula result.
    intern(.constant(bits: (value == 0 ? 0.0 : value).bitPattern))
  }

  mutating func input(_ index: Int) -> Int { intern(.input(index)) }

  mutating func parameter(_ index: Int) -> Int { intern(.parameter(index)) }

  // MARK: Operations

  mutating func unary(_ op: UnaryOperation, _ a: Int) -> Int {
    if let value = constantValue(a) { return constant(op.apply(value)) }
    if op == .negate {
      if case .unary(.negate, let inner) = nodes[a] { return inner }
      if case .binary(.subtract, let p, let q) = nodes[a] { return subtract(q, p) }
    }
    return intern(.unary(op, a))
  }

  mutating func negate(_ a: Int) -> Int { unary(.negate, a) }

  /// `a` without an outer negation, and whether there was one.
  private func strippingNegation(_ a: Int) -> (Int, Bool) {
    if case .unary(.negate, let inner) = nodes[a] { return (inner, true) }
    return (a, false)
  }

  private func ordered(_ a: Int, _ b: Int) -> (Int, Int) {
    // Uniform operands first (the compiler then emits scalar-vector instructions),
    // otherwise by id, so that a+b and b+a intern to the same node.
    if isUniform[a] != isUniform[b] { return isUniform[a] ? (a, b) : (b, a) }
    return a <= b ? (a, b) : (b, a)
  }

  mutating func add(_ a: Int, _ b: Int) -> Int {
    if let x = constantValue(a), let y = constantValue(b) { return constant(x + y) }
    if a == zero { return b }
    if b == zero { return a }
    if case .unary(.negate, let c) = nodes[b] { return subtract(a, c) }
    if case .unary(.negate, let c) = nodes[a] { return subtract(b, c) }
    if a == b { return multiply(constant(2), a) }
    let (p, q) = ordered(a, b)
    return intern(.binary(.add, p, q))
  }

  mutating func subtract(_ a: Int, _ b: Int) -> Int {
    if let x = constantValue(a), let y = constantValue(b) { return constant(x - y) }
    if b == zero { return a }
    if a == zero { return negate(b) }
    if a == b { return zero }
    if case .unary(.negate, let c) = nodes[b] { return add(a, c) }
    return intern(.binary(.subtract, a, b))
  }

  mutating func multiply(_ a: Int, _ b: Int) -> Int {
    if let x = constantValue(a), let y = constantValue(b) { return constant(x * y) }
    if a == zero || b == zero { return zero }
    if a == one { return b }
    if b == one { return a }
    if isConstant(a, -1) { return negate(b) }
    if isConstant(b, -1) { return negate(a) }
    let (a1, negativeA) = strippingNegation(a)
    let (b1, negativeB) = strippingNegation(b)
    if negativeA || negativeB {
      let product = multiply(a1, b1)
      return negativeA != negativeB ? negate(product) : product
    }
    if a == b { return power(a, constant(2)) }
    let (p, q) = ordered(a, b)
    // Group uniform factors: s * (t * v) → (s*t) * v when s, t are uniform.
    if isUniform[p] && !isUniform[q], case .binary(.multiply, let t, let v) = nodes[q],
      isUniform[t]
    {
      return multiply(multiply(p, t), v)
    }
    return intern(.binary(.multiply, p, q))
  }

  mutating func divide(_ a: Int, _ b: Int) -> Int {
    if let x = constantValue(a), let y = constantValue(b) { return constant(x / y) }
    if b == one { return a }
    if a == zero { return zero }
    if a == b { return one }
    if let y = constantValue(b), y != 0 { return multiply(constant(1 / y), a) }
    let (a1, negativeA) = strippingNegation(a)
    let (b1, negativeB) = strippingNegation(b)
    if negativeA || negativeB {
      let quotient = divide(a1, b1)
      return negativeA != negativeB ? negate(quotient) : quotient
    }
    return intern(.binary(.divide, a, b))
  }

  mutating func power(_ a: Int, _ b: Int) -> Int {
    if let x = constantValue(a), let y = constantValue(b) { return constant(Foundation.pow(x, y)) }
    if b == zero { return one }
    if b == one { return a }
    if a == one { return one }
    return intern(.binary(.power, a, b))
  }

  mutating func binary(_ op: BinaryOperation, _ a: Int, _ b: Int) -> Int {
    switch op {
    case .add: return add(a, b)
    case .subtract: return subtract(a, b)
    case .multiply: return multiply(a, b)
    case .divide: return divide(a, b)
    case .power: return power(a, b)
    }
  }

  mutating func voigt(component: Int, _ x: Int, _ sigma: Int, _ gamma: Int) -> Int {
    if let u = constantValue(x), let s = constantValue(sigma), let g = constantValue(gamma) {
      return constant(Self.voigtComponent(component, u, s, g))
    }
    return intern(.voigt(component: component, x, sigma, gamma))
  }

  static func voigtComponent(_ component: Int, _ x: Double, _ sigma: Double, _ gamma: Double)
    -> Double
  {
    if component == 0 { return Voigt.profile(x, sigma: sigma, gamma: gamma) }
    let p = Voigt.partials(x, sigma: sigma, gamma: gamma)
    switch component {
    case 1: return p.dx
    case 2: return p.dSigma
    default: return p.dGamma
    }
  }
}
