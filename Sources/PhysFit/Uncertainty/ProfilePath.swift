/// A straight path from the minimum through the space of the profiled parameters,
/// θ_P(t) = θ̂_P + t·d for t ≥ 0, scaled so that t = 1 is where a parabolic
/// objective would reach the target Δ (the first guess of every crossing search).
struct ProfilePath: Sendable {
  /// Positions of the profiled parameters in θ.
  var indices: [Int]
  /// θ̂ at those positions.
  var origin: [Double]
  /// d, one component per profiled parameter.
  var direction: [Double]
  /// The profiled parameters' specifications (for their bounds).
  var parameters: [Parameter]

  /// The largest t whose point lies inside every bound (+∞ without bounds ahead).
  var limit: Double {
    var t = Double.infinity
    for k in indices.indices {
      let (x, d, p) = (origin[k], direction[k], parameters[k])
      if d > 0, let b = p.upper { t = min(t, max(0, (b - x) / d)) }
      if d < 0, let a = p.lower { t = min(t, max(0, (a - x) / d)) }
    }
    return t
  }

  /// θ_P(t), clamped into the bounds (t = ``limit`` lands exactly on the bound).
  func values(at t: Double) -> [Double] {
    indices.indices.map { k in
      var v = origin[k] + t * direction[k]
      if let a = parameters[k].lower, v < a { v = a }
      if let b = parameters[k].upper, v > b { v = b }
      return v
    }
  }
}
