import Foundation

/// A fixed quadrature rule, ∫ₐᵇ g(x) dx ≈ Σₖ wₖ g(xₖ), chosen once and reused.
///
/// A fixed rule turns an integral over a model into one batch evaluation of the
/// model at the nodes, and makes the integral an exactly differentiable function of
/// the model's values: ∂/∂g(xₖ) = wₖ. This is how ``UnbinnedNLL`` normalises a
/// density.
public struct QuadratureRule: Sendable, Hashable {
  /// Lower end a of the interval.
  public let lower: Double
  /// Upper end b of the interval.
  public let upper: Double
  /// The nodes xₖ, increasing, all strictly inside (a, b).
  public let nodes: [Double]
  /// The weights wₖ (all positive, summing to b − a).
  public let weights: [Double]

  /// Composite Gauss–Legendre: [a, b] cut into `panels` equal panels with an
  /// `order`-point Gauss–Legendre rule on each.
  ///
  /// An `order`-point rule integrates polynomials of degree 2·order − 1 exactly; for a
  /// function analytic around a panel of width h its error falls like (h/ℓ)^(2·order)
  /// with ℓ the scale on which the function varies. The defaults, 32 panels of 16
  /// points (512 nodes), give a relative error below 10⁻¹² for every density that
  /// varies on scales of at least one panel width, (b − a)/32 — e.g. exp(−x/τ) with
  /// τ ≥ (b − a)/64, or a gaussian with σ ≥ (b − a)/32 — while costing as much as 512
  /// data points. For narrower structure raise `panels`.
  ///
  /// - Precondition: a < b, both finite; panels ≥ 1; 1 ≤ order ≤ 100.
  public static func gaussLegendre(
    lower a: Double, upper b: Double, panels: Int = 32, order: Int = 16
  ) -> QuadratureRule {
    precondition(a.isFinite && b.isFinite && a < b, "quadrature interval [\(a), \(b)] is empty")
    precondition(panels >= 1 && (1...100).contains(order), "bad quadrature size")
    let (x, w) = legendreNodes(order)
    let width = (b - a) / Double(panels)
    var nodes: [Double] = []
    var weights: [Double] = []
    nodes.reserveCapacity(panels * order)
    weights.reserveCapacity(panels * order)
    for p in 0..<panels {
      let left = a + Double(p) * width
      for k in 0..<order {
        nodes.append(left + 0.5 * width * (x[k] + 1))
        weights.append(0.5 * width * w[k])
      }
    }
    return QuadratureRule(lower: a, upper: b, nodes: nodes, weights: weights)
  }

  /// Σₖ wₖ g(xₖ) for values gₖ = g(xₖ).
  public func integrate(_ values: [Double]) -> Double {
    precondition(values.count == weights.count)
    var s = 0.0
    for k in weights.indices { s += weights[k] * values[k] }
    return s
  }

  /// Nodes (increasing, in (−1, 1)) and weights of the n-point Gauss–Legendre rule,
  /// by Newton's method on Pₙ from Tricomi's initial guesses; accurate to a few ulps.
  static func legendreNodes(_ n: Int) -> (nodes: [Double], weights: [Double]) {
    var x = [Double](repeating: 0, count: n)
    var w = [Double](repeating: 0, count: n)
    for i in 0..<(n + 1) / 2 {
      var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        // P_n(z) by the three-term recurrence, and P_n'(z).
        var p0 = 1.0
        var p1 = 0.0
        for j in 1...n {
          let p2 = p1
          p1 = p0
          p0 = ((2 * Double(j) - 1) * z * p1 - (Double(j) - 1) * p2) / Double(j)
        }
        derivative = Double(n) * (z * p0 - p1) / (z * z - 1)
        let step = p0 / derivative
        z -= step
        if abs(step) <= 1e-16 { break }
      }
      let weight = 2 / ((1 - z * z) * derivative * derivative)
      x[i] = -z
      x[n - 1 - i] = z
      w[i] = weight
      w[n - 1 - i] = weight
    }
    return (x, w)
  }
}
