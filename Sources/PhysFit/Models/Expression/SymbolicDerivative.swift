import Foundation

extension ExpressionGraph {
  /// The most nodes the graph of a formula with all its derivatives may have. Each node
  /// is one vector instruction per chunk of points at evaluation, so a graph this size
  /// is already slow to fit; the limit turns a formula whose derivatives blow up (many
  /// parameters each feeding a large expression) into an error instead of minutes of
  /// differentiation and gigabytes of program.
  static let maximumNodes = 100_000

  /// Adds ∂f/∂θⱼ for every parameter j to the graph, for each root f, and returns
  /// `result[j][r]`, the node of ∂(roots[r])/∂θⱼ — or nil when the graph would exceed
  /// ``maximumNodes``.
  ///
  /// Forward mode over the topological id order: for each parameter, the derivative
  /// of every node that depends on it (its ancestors, found through the parent links)
  /// follows from its children's derivatives by the chain rule; all other nodes have
  /// derivative zero and cost nothing, so a sum of many terms each with its own
  /// parameters is differentiated in time proportional to its size, not to
  /// parameters × size. The chain rule is built with the simplifying constructors so
  /// that zero branches vanish and shared factors (`exp(u)` in d exp(u), `tan(u)` in
  /// d tan(u) = (1 + tan²u) du, `u/v` in d(u/v) = (du − (u/v) dv)/v) are the value's
  /// own nodes.
  ///
  /// The graph may contain voigt derivative components only as results of this
  /// function: derivatives are taken once (first order), never of a derivative.
  mutating func differentiate(_ roots: [Int], parameterCount: Int) -> [[Int]]? {
    let originalCount = count
    var parents = [[Int]](repeating: [], count: originalCount)
    var parameterNode = [Int?](repeating: nil, count: parameterCount)
    for id in 0..<originalCount {
      switch nodes[id] {
      case .constant, .input: break
      case .parameter(let k): if k < parameterCount { parameterNode[k] = id }
      case .unary(_, let a): parents[a].append(id)
      case .binary(_, let a, let b):
        parents[a].append(id)
        if b != a { parents[b].append(id) }
      case .voigt(_, let a, let b, let c):
        for child in Set([a, b, c]) { parents[child].append(id) }
      }
    }
    // d[id] is ∂id/∂θⱼ where stamp[id] == j, and zero elsewhere.
    var d = [Int](repeating: zero, count: originalCount)
    var stamp = [Int](repeating: -1, count: originalCount)
    var result: [[Int]] = []
    var affected: [Int] = []
    var stack: [Int] = []
    for j in 0..<parameterCount {
      guard let start = parameterNode[j] else {
        result.append(roots.map { _ in zero })
        continue
      }
      affected.removeAll(keepingCapacity: true)
      stack = [start]
      stamp[start] = j
      while let id = stack.popLast() {
        affected.append(id)
        for parent in parents[id] where stamp[parent] != j {
          stamp[parent] = j
          stack.append(parent)
        }
      }
      affected.sort()
      let none = zero
      for id in affected {
        d[id] = derivative(of: id, parameter: j) { stamp[$0] == j ? d[$0] : none }
        if count > Self.maximumNodes { return nil }
      }
      result.append(roots.map { stamp[$0] == j ? d[$0] : zero })
    }
    return result
  }

  private mutating func derivative(
    of id: Int, parameter j: Int, known d: (Int) -> Int
  ) -> Int {
    switch nodes[id] {
    case .constant, .input:
      return zero
    case .parameter(let k):
      return k == j ? one : zero
    case .unary(let op, let a):
      let da = d(a)
      if da == zero { return zero }
      return chain(op, argument: a, value: id, derivative: da)
    case .binary(let op, let a, let b):
      let da = d(a)
      let db = d(b)
      if da == zero && db == zero { return zero }
      switch op {
      case .add: return add(da, db)
      case .subtract: return subtract(da, db)
      case .multiply: return add(multiply(da, b), multiply(a, db))
      case .divide:
        // (u/v)' = (u' − (u/v)·v') / v, reusing the quotient node itself.
        return divide(subtract(da, multiply(id, db)), b)
      case .power:
        // (u^v)' = v·u^(v−1)·u' + u^v·ln(u)·v'. The first term alone when v does not
        // depend on θⱼ, so that x^2 or x^k with a negative x stay finite.
        var sum = zero
        if da != zero {
          sum = multiply(multiply(b, power(a, subtract(b, one))), da)
        }
        if db != zero {
          sum = add(sum, multiply(multiply(id, unary(.log, a)), db))
        }
        return sum
      }
    case .voigt(let component, let x, let sigma, let gamma):
      precondition(component == 0, "voigt partials are differentiated only once")
      var sum = zero
      for (k, argument) in [x, sigma, gamma].enumerated() where d(argument) != zero {
        sum = add(sum, multiply(voigt(component: k + 1, x, sigma, gamma), d(argument)))
      }
      return sum
    }
  }

  /// d f(u) = f'(u) du for the unary operation f, where `value` is the node f(u).
  private mutating func chain(
    _ op: UnaryOperation, argument u: Int, value y: Int, derivative du: Int
  ) -> Int {
    switch op {
    case .negate: return negate(du)
    case .exp: return multiply(y, du)
    case .log: return divide(du, u)
    case .log10: return divide(du, multiply(constant(M_LN10), u))
    case .sqrt: return divide(multiply(constant(0.5), du), y)
    case .abs: return multiply(unary(.sign, u), du)
    case .sin: return multiply(unary(.cos, u), du)
    case .cos: return negate(multiply(unary(.sin, u), du))
    case .tan: return multiply(add(one, power(y, constant(2))), du)
    case .asin: return divide(du, unary(.sqrt, subtract(one, power(u, constant(2)))))
    case .acos: return negate(divide(du, unary(.sqrt, subtract(one, power(u, constant(2))))))
    case .atan: return divide(du, add(one, power(u, constant(2))))
    case .sinh: return multiply(unary(.cosh, u), du)
    case .cosh: return multiply(unary(.sinh, u), du)
    case .tanh: return multiply(subtract(one, power(y, constant(2))), du)
    case .erf, .erfc:
      // d erf(u) = 2/√π · exp(−u²) du; erfc = 1 − erf.
      let gauss = unary(.exp, negate(power(u, constant(2))))
      let factor = constant(op == .erf ? M_2_SQRTPI : -M_2_SQRTPI)
      return multiply(multiply(factor, gauss), du)
    case .sign: return zero
    }
  }
}
