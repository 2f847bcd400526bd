import Foundation

/// The one-argument operations of the expression graph: the user's functions plus
/// negation and `sign` (which appears only in derivatives of `abs`).
enum UnaryOperation: String, Sendable, Hashable, CaseIterable {
  case negate
  case exp, log, log10, sqrt, abs
  case sin, cos, tan, asin, acos, atan
  case sinh, cosh, tanh
  case erf, erfc
  case sign

  /// The functions a formula may call by name (all but negation and sign).
  static let callable: [String: UnaryOperation] = {
    var table: [String: UnaryOperation] = [:]
    for op in allCases where op != .negate && op != .sign { table[op.rawValue] = op }
    return table
  }()

  /// The scalar value. `log` is the natural logarithm. `erf`/`erfc` are the C
  /// library's (glibc, accurate to about one ulp; the tests check them against GSL's
  /// `gsl_sf_erf`). Out-of-domain arguments give NaN or ±∞ as IEEE 754 says: a
  /// trial step of an optimizer may produce them, and the optimizer rejects it.
  @inline(__always)
  func apply(_ x: Double) -> Double {
    switch self {
    case .negate: return -x
    case .exp: return Foundation.exp(x)
    case .log: return Foundation.log(x)
    case .log10: return Foundation.log10(x)
    case .sqrt: return x.squareRoot()
    case .abs: return Swift.abs(x)
    case .sin: return Foundation.sin(x)
    case .cos: return Foundation.cos(x)
    case .tan: return Foundation.tan(x)
    case .asin: return Foundation.asin(x)
    case .acos: return Foundation.acos(x)
    case .atan: return Foundation.atan(x)
    case .sinh: return Foundation.sinh(x)
    case .cosh: return Foundation.cosh(x)
    case .tanh: return Foundation.tanh(x)
    case .erf: return Foundation.erf(x)
    case .erfc: return Foundation.erfc(x)
    case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
    }
  }
}

/// The two-argument operations of the expression graph.
enum BinaryOperation: Sendable, Hashable {
  case add, subtract, multiply, divide, power

  @inline(__always)
  func apply(_ a: Double, _ b: Double) -> Double {
    switch self {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    case .power: return Foundation.pow(a, b)
    }
  }
}

/// Names the resolver knows besides unary functions.
enum FormulaNames {
  /// `voigt(x, sigma, gamma)`: the normalised Voigt profile, see ``Voigt``.
  static let voigt = "voigt"
  /// Named constants. A data column with the same name wins over them.
  static let constants: [String: Double] = ["pi": Double.pi, "e": M_E]

  /// Every function name a formula may call, for "did you mean" suggestions.
  static var functionNames: [String] {
    UnaryOperation.callable.keys.sorted() + [voigt]
  }

  /// The closest of `candidates` to `name` by edit distance, if close enough to be a
  /// plausible typo (distance ≤ 2 and less than half the name's length).
  static func suggestion(for name: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
      let d = editDistance(name.lowercased(), candidate.lowercased())
      guard d <= 2 && d * 2 < max(name.count, 2) else { continue }
      if let current = best, current.1 <= d { continue }
      best = (candidate, d)
    }
    return best?.0
  }

  private static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var row = previous
    for i in 1...a.count {
      row[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &row)
    }
    return previous[b.count]
  }
}
