/// The box an annealing run proposes in: finite bounds reflect proposals back
/// inside, infinite ones leave them free.
struct SearchBox: Sendable {
  var lower: [Double]
  var upper: [Double]

  /// The problem's box if it has one (``BoundedMinimizable``), else all of ℝⁿ.
  init(_ problem: some Minimizable) {
    let n = problem.dimension
    if let bounded = problem as? any BoundedMinimizable,
      bounded.lowerBounds.count == n, bounded.upperBounds.count == n
    {
      lower = bounded.lowerBounds
      upper = bounded.upperBounds
    } else {
      lower = Array(repeating: -.infinity, count: n)
      upper = Array(repeating: .infinity, count: n)
    }
  }

  /// Width of coordinate i (+∞ without two finite bounds).
  func width(_ i: Int) -> Double { upper[i] - lower[i] }

  /// v moved into [lᵢ, uᵢ].
  func clamp(_ v: Double, _ i: Int) -> Double { min(max(v, lower[i]), upper[i]) }

  /// v reflected at the walls until it lies in [lᵢ, uᵢ] (a proposal density that
  /// stays symmetric, unlike clamping, which piles proposals onto the walls).
  func reflect(_ v: Double, _ i: Int) -> Double {
    let a = lower[i]
    let b = upper[i]
    guard v.isFinite else { return clamp(v, i) }
    if a.isFinite, b.isFinite {
      let w = b - a
      var t = (v - a).truncatingRemainder(dividingBy: 2 * w)
      if t < 0 { t += 2 * w }
      if t > w { t = 2 * w - t }
      return a + t
    }
    if v < a { return a + (a - v) }
    if v > b { return b - (v - b) }
    return v
  }
}
