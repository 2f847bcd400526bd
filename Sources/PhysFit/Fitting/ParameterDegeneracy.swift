import Foundation

/// A direction in parameter space along which the objective does not change at the end
/// point (a null vector of the Jacobian, or of the scaled Hessian), read as the
/// combination of parameters that the data do determine.
///
/// For two parameters a and b with unit null direction v = (vₐ, v_b), two readings
/// share that tangent:
/// - additive: the model depends on a linear combination, constant along the straight
///   line θ + h·v: `a + b` for v ∝ (1, −1), `a − b` for v ∝ (1, 1), `a + r·b` or
///   `r·a + b` (the smaller coefficient 1) otherwise;
/// - multiplicative: it depends on a product of powers, constant along the curve
///   θⱼ·exp(h·vⱼ/θⱼ): `a·b` for relative changes v/θ ∝ (1, −1), `a/b` for (1, 1),
///   `a·b^r` or `a^r·b` otherwise.
///
/// At a = b the two cannot be told apart from v alone, so the objective decides: the
/// reading whose path changes it less (second differences at a 1 % step, which tell a
/// curved valley from a flat one by orders of magnitude) is taken, if it is at least
/// ten times flatter than the other; otherwise the combination is not named. Three or
/// more parameters in one direction are named without a combination.
struct ParameterDegeneracy: Equatable {
  /// Positions (in the direction's coordinates) whose weight in the unit direction
  /// exceeds 0.1, ascending.
  var involved: [Int]
  /// The determined combination ("a·b", "a/b", "a + b", "a − b", "2·a + b",
  /// "a·b^2"), or nil.
  var combination: String?

  init(involved: [Int], combination: String?) {
    self.involved = involved
    self.combination = combination
  }

  /// - Parameters:
  ///   - direction: a null direction over the free parameters (any length).
  ///   - values: the free parameters' values at the end point.
  ///   - names: their names.
  ///   - objective: the objective as a function of the free parameters.
  init(
    direction: [Double], values: [Double], names: [String], objective: ([Double]) -> Double
  ) {
    let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let v = norm > 0 ? direction.map { $0 / norm } : direction
    involved = v.indices.filter { abs(v[$0]) > 0.1 }
    combination = nil
    guard involved.count == 2, v.allSatisfy(\.isFinite) else { return }
    let (i, k) = (involved[0], involved[1])
    let scale = min(
      max(abs(values[i]), 1e-3) / abs(v[i]), max(abs(values[k]), 1e-3) / abs(v[k]))
    let h = 0.01 * scale
    let center = objective(values)

    func curvature(_ path: (Double) -> [Double]) -> Double {
      abs(objective(path(h)) + objective(path(-h)) - 2 * center)
    }
    let additive = curvature { t in
      var point = values
      for j in [i, k] { point[j] += t * v[j] }
      return point
    }
    var multiplicative = Double.infinity
    if values[i] != 0 && values[k] != 0 {
      multiplicative = curvature { t in
        var point = values
        for j in [i, k] { point[j] *= Foundation.exp(t * v[j] / values[j]) }
        return point
      }
    }
    guard additive.isFinite || multiplicative.isFinite else { return }
    if multiplicative <= 0.1 * additive {
      // Invariant: a^1 · b^r with r·(v_b/b) = −(v_a/a).
      let r = -(v[i] / values[i]) / (v[k] / values[k])
      combination = Self.product(names[i], names[k], exponent: r)
    } else if additive <= 0.1 * multiplicative {
      // Invariant: a + r·b with r·v_b = −v_a.
      let r = -v[i] / v[k]
      combination = Self.sum(names[i], names[k], coefficient: r)
    }
  }

  private static func isOne(_ x: Double) -> Bool { abs(abs(x) - 1) <= 1e-3 }

  /// A coefficient with three significant digits and no trailing zeros ("2", "0.5").
  private static func number(_ x: Double) -> String {
    let rounded = (x * 1000).rounded() / 1000
    if abs(rounded - rounded.rounded()) < 1e-9 && abs(rounded) < 1e6 {
      return String(Int(rounded.rounded()))
    }
    return String(format: "%.3g", x)
  }

  /// a + r·b, written with the smaller coefficient 1: `a + 2·b`, `5·a − b`.
  private static func sum(_ a: String, _ b: String, coefficient r: Double) -> String {
    let sign = r < 0 ? "−" : "+"
    if isOne(r) { return "\(a) \(sign) \(b)" }
    if abs(r) < 1 { return "\(number(1 / abs(r)))·\(a) \(sign) \(b)" }
    return "\(a) \(sign) \(number(abs(r)))·\(b)"
  }

  /// a·b^r, written with the smaller exponent 1: `a·b^2`, `a^2/b`.
  private static func product(_ a: String, _ b: String, exponent r: Double) -> String {
    let operation = r < 0 ? "/" : "·"
    if isOne(r) { return "\(a)\(operation)\(b)" }
    if abs(r) < 1 { return "\(a)^\(number(1 / abs(r)))\(operation)\(b)" }
    return "\(a)\(operation)\(b)^\(number(abs(r)))"
  }
}
