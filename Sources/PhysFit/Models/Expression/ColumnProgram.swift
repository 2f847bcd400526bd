/// A compiled expression: a flat register program evaluated over whole columns.
///
/// Two parts:
/// - scalar code, run once per evaluation, computes every node that does not depend
///   on the inputs (parameters, constants, `1/tau`, `2*sigma^2`, …) into a small
///   scalar file;
/// - vector code, run over the points in chunks of ``chunkSize``, one tight loop per
///   instruction over `UnsafeMutablePointer`s, with registers of `chunkSize` doubles
///   reused by liveness so that the working set stays in the L1/L2 cache.
///
/// The roots (the outputs: ŷ and/or ∂ŷ/∂θⱼ) are operands that a caller-supplied sink
/// receives chunk by chunk — copied into a matrix, or dotted with a cotangent.
struct ColumnProgram: Sendable {
  /// Points per chunk: 256 doubles = 2 KiB per register.
  static let chunkSize = 256

  /// A source of values: a vector register, an input column, or a scalar slot
  /// (broadcast to every point).
  enum Operand: Sendable, Equatable {
    case register(Int)
    case input(Int)
    case scalar(Int)
  }

  enum ScalarInstruction: Sendable {
    case constant(Double)
    case parameter(Int)
    case unary(UnaryOperation, Int)
    case binary(BinaryOperation, Int, Int)
    case voigt(component: Int, Int, Int, Int)
  }

  enum VectorInstruction: Sendable {
    /// f(a) elementwise; `a` is a register or an input.
    case unary(UnaryOperation, Operand, destination: Int)
    /// a ∘ b elementwise; at least one of `a`, `b` is not a scalar.
    case binary(BinaryOperation, Operand, Operand, destination: Int)
    /// aⁿ for a small integer n ≠ 0, 1, by repeated multiplication.
    case integerPower(Operand, Int, destination: Int)
    /// 1/√a, the lowering of a^(−1/2).
    case reciprocalSquareRoot(Operand, destination: Int)
    /// The Voigt profile and its partials ∂/∂x, ∂/∂σ, ∂/∂γ into four registers (an
    /// unneeded component goes to a register that is free again right after);
    /// `onlyValue` skips the partials.
    case voigt(
      Operand, Operand, Operand, destinations: (Int, Int, Int, Int), onlyValue: Bool)
  }

  var scalarCode: [ScalarInstruction] = []
  var vectorCode: [VectorInstruction] = []
  var registerCount = 0
  var roots: [Operand] = []

  /// Doubles of scratch memory one evaluation needs.
  var scratchCount: Int { scalarCode.count + registerCount * Self.chunkSize }
}

extension ColumnProgram {
  /// Compiles the subgraph reachable from `roots`.
  init(graph: ExpressionGraph, roots rootNodes: [Int]) {
    // Reachable nodes, in id (= topological) order.
    var reachable = [Bool](repeating: false, count: graph.count)
    var stack = rootNodes
    while let id = stack.popLast() {
      if reachable[id] { continue }
      reachable[id] = true
      switch graph.nodes[id] {
      case .constant, .input, .parameter: break
      case .unary(_, let a): stack.append(a)
      case .binary(_, let a, let b): stack.append(contentsOf: [a, b])
      case .voigt(_, let a, let b, let c): stack.append(contentsOf: [a, b, c])
      }
    }

    // Scalar code: every reachable uniform node, one slot each.
    var operand = [Operand?](repeating: nil, count: graph.count)
    for id in 0..<graph.count where reachable[id] && graph.isUniform[id] {
      let instruction: ScalarInstruction
      func slot(_ child: Int) -> Int {
        guard case .scalar(let s)? = operand[child] else {
          preconditionFailure("uniform node with a non-uniform child")
        }
        return s
      }
      switch graph.nodes[id] {
      case .constant(let bits): instruction = .constant(Double(bitPattern: bits))
      case .parameter(let j): instruction = .parameter(j)
      case .input: preconditionFailure("an input is never uniform")
      case .unary(let op, let a): instruction = .unary(op, slot(a))
      case .binary(let op, let a, let b): instruction = .binary(op, slot(a), slot(b))
      case .voigt(let k, let a, let b, let c):
        instruction = .voigt(component: k, slot(a), slot(b), slot(c))
      }
      operand[id] = .scalar(scalarCode.count)
      scalarCode.append(instruction)
    }
    for id in 0..<graph.count where reachable[id] {
      if case .input(let i) = graph.nodes[id] { operand[id] = .input(i) }
    }

    // Vector nodes in emission order. The voigt components of one (x, σ, γ) are
    // computed by one instruction, emitted where the first of them is.
    struct VoigtKey: Hashable { var x, sigma, gamma: Int }
    var voigtGroups: [VoigtKey: [Int]] = [:]  // component → node id, or -1
    var order: [[Int]] = []  // each entry: the nodes one instruction defines
    var groupIndex: [VoigtKey: Int] = [:]
    for id in 0..<graph.count where reachable[id] && operand[id] == nil {
      if case .voigt(let k, let a, let b, let c) = graph.nodes[id] {
        let key = VoigtKey(x: a, sigma: b, gamma: c)
        var members = voigtGroups[key] ?? [-1, -1, -1, -1]
        members[k] = id
        voigtGroups[key] = members
        if let at = groupIndex[key] {
          order[at].append(id)
        } else {
          groupIndex[key] = order.count
          order.append([id])
        }
      } else {
        order.append([id])
      }
    }

    // Liveness: the last instruction reading each node; roots live to the end.
    var lastUse = [Int](repeating: -1, count: graph.count)
    for (position, defined) in order.enumerated() {
      for child in Self.children(graph.nodes[defined[0]]) { lastUse[child] = position }
    }
    for root in rootNodes { lastUse[root] = Int.max }

    var free: [Int] = []
    func allocate() -> Int {
      if let r = free.popLast() { return r }
      registerCount += 1
      return registerCount - 1
    }
    for (position, defined) in order.enumerated() {
      let node = graph.nodes[defined[0]]
      let children = Self.children(node)
      // Release operands that die here before choosing destinations: elementwise
      // instructions may write in place.
      var released = Set<Int>()
      for child in children where lastUse[child] == position && !released.contains(child) {
        released.insert(child)
        if case .register(let r)? = operand[child] { free.append(r) }
      }
      let sources = children.map { child -> Operand in
        guard let source = operand[child] else { preconditionFailure("operand not yet computed") }
        return source
      }
      if case .voigt(_, let a, let b, let c) = node {
        let key = VoigtKey(x: a, sigma: b, gamma: c)
        let members = voigtGroups[key] ?? [-1, -1, -1, -1]
        var destinations = [Int](repeating: -1, count: 4)
        var unused: [Int] = []
        for (k, member) in members.enumerated() {
          let r = allocate()
          destinations[k] = r
          if member >= 0 {
            operand[member] = .register(r)
          } else {
            unused.append(r)
          }
        }
        free.append(contentsOf: unused)
        vectorCode.append(
          .voigt(
            sources[0], sources[1], sources[2],
            destinations: (destinations[0], destinations[1], destinations[2], destinations[3]),
            onlyValue: members[1] < 0 && members[2] < 0 && members[3] < 0))
        continue
      }
      let destination = allocate()
      operand[defined[0]] = .register(destination)
      switch node {
      case .unary(let op, _):
        vectorCode.append(.unary(op, sources[0], destination: destination))
      case .binary(.power, _, let b):
        vectorCode.append(
          Self.lowerPower(sources[0], sources[1], graph.constantValue(b), destination))
      case .binary(let op, _, _):
        vectorCode.append(.binary(op, sources[0], sources[1], destination: destination))
      default:
        preconditionFailure("leaf node in vector code")
      }
    }
    roots = rootNodes.map { root in
      guard let source = operand[root] else { preconditionFailure("root not compiled") }
      return source
    }
  }

  private static func children(_ node: ExpressionGraph.Node) -> [Int] {
    switch node {
    case .constant, .input, .parameter: return []
    case .unary(_, let a): return [a]
    case .binary(_, let a, let b): return [a, b]
    case .voigt(_, let a, let b, let c): return [a, b, c]
    }
  }

  /// x^c for a constant c: small integers by multiplication, ±1/2 by square roots.
  private static func lowerPower(
    _ base: Operand, _ exponent: Operand, _ constant: Double?, _ destination: Int
  ) -> VectorInstruction {
    if let c = constant, case .scalar = exponent {
      if c == c.rounded() && Swift.abs(c) <= 16 && c != 0 && c != 1 {
        return .integerPower(base, Int(c), destination: destination)
      }
      if c == 0.5 { return .unary(.sqrt, base, destination: destination) }
      if c == -0.5 { return .reciprocalSquareRoot(base, destination: destination) }
    }
    return .binary(.power, base, exponent, destination: destination)
  }
}
