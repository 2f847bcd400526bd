import Foundation

extension ColumnProgram {
  /// Runs the program over `rows` points.
  ///
  /// - Parameters:
  ///   - inputs: column-major input columns, `rows` doubles each.
  ///   - parameters: θ.
  ///   - scratch: at least ``scratchCount`` doubles.
  ///   - sink: receives each root for each chunk as `(root, start, count, values,
  ///     stride)`; `stride` is 0 for a root that is the same for every point.
  func run(
    inputs: UnsafePointer<Double>?, rows: Int, parameters: UnsafeBufferPointer<Double>,
    scratch: UnsafeMutablePointer<Double>,
    sink: (_ root: Int, _ start: Int, _ count: Int, _ values: UnsafePointer<Double>, _ stride: Int)
      -> Void
  ) {
    let scalars = scratch
    for (slot, instruction) in scalarCode.enumerated() {
      switch instruction {
      case .constant(let value): scalars[slot] = value
      case .parameter(let j): scalars[slot] = parameters[j]
      case .unary(let op, let a): scalars[slot] = op.apply(scalars[a])
      case .binary(let op, let a, let b): scalars[slot] = op.apply(scalars[a], scalars[b])
      case .voigt(let k, let a, let b, let c):
        scalars[slot] = ExpressionGraph.voigtComponent(k, scalars[a], scalars[b], scalars[c])
      }
    }
    let registers = scratch + scalarCode.count
    let chunk = Self.chunkSize
    var start = 0
    while start < rows {
      let m = Swift.min(chunk, rows - start)
      @inline(__always) func vector(_ operand: Operand) -> UnsafePointer<Double> {
        switch operand {
        case .register(let r): return UnsafePointer(registers + r * chunk)
        case .input(let i):
          guard let inputs else { preconditionFailure("input column read without inputs") }
          return inputs + (i * rows + start)
        case .scalar(let s): return UnsafePointer(scalars + s)
        }
      }
      for instruction in vectorCode {
        switch instruction {
        case .unary(let op, let a, let r):
          Self.unary(op, m, vector(a), registers + r * chunk)
        case .binary(let op, let a, let b, let r):
          let d = registers + r * chunk
          switch (a, b) {
          case (.scalar(let s), _): Self.binary(op, m, scalar: scalars[s], vector(b), d)
          case (_, .scalar(let s)): Self.binary(op, m, vector(a), scalar: scalars[s], d)
          default: Self.binary(op, m, vector(a), vector(b), d)
          }
        case .integerPower(let a, let n, let r):
          Self.integerPower(m, vector(a), n, registers + r * chunk)
        case .reciprocalSquareRoot(let a, let r):
          let x = vector(a)
          let d = registers + r * chunk
          for i in 0..<m { d[i] = 1 / x[i].squareRoot() }
        case .voigt(let x, let sigma, let gamma, let destinations, let onlyValue):
          Self.voigt(
            m, (vector(x), Self.stride(x)), (vector(sigma), Self.stride(sigma)),
            (vector(gamma), Self.stride(gamma)),
            (
              registers + destinations.0 * chunk, registers + destinations.1 * chunk,
              registers + destinations.2 * chunk, registers + destinations.3 * chunk
            ), onlyValue: onlyValue)
        }
      }
      for (index, root) in roots.enumerated() {
        sink(index, start, m, vector(root), Self.stride(root))
      }
      start += m
    }
  }

  private static func stride(_ operand: Operand) -> Int {
    if case .scalar = operand { return 0 }
    return 1
  }

  @inline(__always)
  private static func map(
    _ m: Int, _ a: UnsafePointer<Double>, _ d: UnsafeMutablePointer<Double>,
    _ f: (Double) -> Double
  ) {
    for i in 0..<m { d[i] = f(a[i]) }
  }

  private static func unary(
    _ op: UnaryOperation, _ m: Int, _ a: UnsafePointer<Double>, _ d: UnsafeMutablePointer<Double>
  ) {
    switch op {
    case .negate: map(m, a, d) { -$0 }
    case .exp: map(m, a, d) { Foundation.exp($0) }
    case .log: map(m, a, d) { Foundation.log($0) }
    case .log10: map(m, a, d) { Foundation.log10($0) }
    case .sqrt: map(m, a, d) { $0.squareRoot() }
    case .abs: map(m, a, d) { Swift.abs($0) }
    case .sin: map(m, a, d) { Foundation.sin($0) }
    case .cos: map(m, a, d) { Foundation.cos($0) }
    case .tan: map(m, a, d) { Foundation.tan($0) }
    case .asin: map(m, a, d) { Foundation.asin($0) }
    case .acos: map(m, a, d) { Foundation.acos($0) }
    case .atan: map(m, a, d) { Foundation.atan($0) }
    case .sinh: map(m, a, d) { Foundation.sinh($0) }
    case .cosh: map(m, a, d) { Foundation.cosh($0) }
    case .tanh: map(m, a, d) { Foundation.tanh($0) }
    case .erf: map(m, a, d) { Foundation.erf($0) }
    case .erfc: map(m, a, d) { Foundation.erfc($0) }
    case .sign: map(m, a, d) { UnaryOperation.sign.apply($0) }
    }
  }

  private static func binary(
    _ op: BinaryOperation, _ m: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
    _ d: UnsafeMutablePointer<Double>
  ) {
    switch op {
    case .add: for i in 0..<m { d[i] = a[i] + b[i] }
    case .subtract: for i in 0..<m { d[i] = a[i] - b[i] }
    case .multiply: for i in 0..<m { d[i] = a[i] * b[i] }
    case .divide: for i in 0..<m { d[i] = a[i] / b[i] }
    case .power: for i in 0..<m { d[i] = Foundation.pow(a[i], b[i]) }
    }
  }

  private static func binary(
    _ op: BinaryOperation, _ m: Int, scalar s: Double, _ b: UnsafePointer<Double>,
    _ d: UnsafeMutablePointer<Double>
  ) {
    switch op {
    case .add: for i in 0..<m { d[i] = s + b[i] }
    case .subtract: for i in 0..<m { d[i] = s - b[i] }
    case .multiply: for i in 0..<m { d[i] = s * b[i] }
    case .divide: for i in 0..<m { d[i] = s / b[i] }
    case .power: for i in 0..<m { d[i] = Foundation.pow(s, b[i]) }
    }
  }

  private static func binary(
    _ op: BinaryOperation, _ m: Int, _ a: UnsafePointer<Double>, scalar s: Double,
    _ d: UnsafeMutablePointer<Double>
  ) {
    switch op {
    case .add: for i in 0..<m { d[i] = a[i] + s }
    case .subtract: for i in 0..<m { d[i] = a[i] - s }
    case .multiply: for i in 0..<m { d[i] = a[i] * s }
    case .divide:
      // Multiplying by the reciprocal is several times faster than dividing and
      // differs by at most one rounding.
      let r = 1 / s
      for i in 0..<m { d[i] = a[i] * r }
    case .power: for i in 0..<m { d[i] = Foundation.pow(a[i], s) }
    }
  }

  private static func integerPower(
    _ m: Int, _ a: UnsafePointer<Double>, _ n: Int, _ d: UnsafeMutablePointer<Double>
  ) {
    switch n {
    case 2: for i in 0..<m { d[i] = a[i] * a[i] }
    case 3: for i in 0..<m { d[i] = a[i] * a[i] * a[i] }
    case 4:
      for i in 0..<m {
        let s = a[i] * a[i]
        d[i] = s * s
      }
    case -1: for i in 0..<m { d[i] = 1 / a[i] }
    case -2: for i in 0..<m { d[i] = 1 / (a[i] * a[i]) }
    default:
      let k = Swift.abs(n)
      for i in 0..<m {
        // Binary powering: ⌈log₂ k⌉ squarings.
        var base = a[i]
        var e = k
        var result = 1.0
        while e > 0 {
          if e & 1 == 1 { result *= base }
          base *= base
          e >>= 1
        }
        d[i] = n < 0 ? 1 / result : result
      }
    }
  }

  private static func voigt(
    _ m: Int, _ x: (UnsafePointer<Double>, Int), _ sigma: (UnsafePointer<Double>, Int),
    _ gamma: (UnsafePointer<Double>, Int),
    _ d: (
      UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
      UnsafeMutablePointer<Double>
    ), onlyValue: Bool
  ) {
    for i in 0..<m {
      let u = x.0[i * x.1]
      let s = sigma.0[i * sigma.1]
      let g = gamma.0[i * gamma.1]
      if onlyValue {
        d.0[i] = Voigt.profile(u, sigma: s, gamma: g)
      } else {
        let p = Voigt.partials(u, sigma: s, gamma: g)
        d.0[i] = p.value
        d.1[i] = p.dx
        d.2[i] = p.dSigma
        d.3[i] = p.dGamma
      }
    }
  }
}
