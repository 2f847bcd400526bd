import Foundation

extension ProfileLikelihood {
  /// The contour of parameters `x` and `y` at `level`, from `points` rays.
  ///
  /// **Method.** Rays leave the minimum (θ̂x, θ̂y) at angles φⱼ = 2πj/`points` in the
  /// plane whitened by the pair's parabolic covariance C = LLᵀ: ray j runs along
  /// d = √q·L·(cos φⱼ, sin φⱼ), q = Δ/errorUnit, so a parabolic objective reaches the
  /// threshold exactly at t = 1, and the points are spread evenly around the ellipse.
  /// Along each ray the crossing Δ(t) = threshold is found as for an interval — the
  /// pair held fixed, every other free parameter minimised, the crossing bracketed
  /// outwards from t = 1 and located by Brent's method (see
  /// `findCrossing(along:target:start:)`). Each ray starts its minimisations from the
  /// solution at the previous ray's crossing.
  ///
  /// Every ray meets the contour once if the region is star-shaped around the
  /// minimum (true for convex regions and for most banana shapes); otherwise the
  /// first crossing along the ray is found. A ray that reaches a bound, fails or finds
  /// a lower minimum is flagged in its ``ContourPoint/status``.
  ///
  /// - Throws: ``UncertaintyError`` for unknown, fixed or equal parameters, fewer
  ///   than 4 points, or a pair without a positive-definite parabolic covariance.
  public func contour(_ x: String, _ y: String, level: ContourLevel, points: Int = 40)
    throws(UncertaintyError) -> Contour
  {
    let ix = try freeIndex(x)
    let iy = try freeIndex(y)
    guard ix != iy else { throw .invalidSetting("a contour needs two different parameters") }
    guard points >= 4 else {
      throw .invalidSetting("a contour needs at least 4 points, not \(points)")
    }
    if case .standardDeviations(let n) = level, !(n > 0 && n.isFinite) {
      throw .invalidLevel("the number of standard deviations \(n) must be positive")
    }
    let c = minimum.covariance
    guard c.rows == minimum.parameters.count else {
      throw .invalidMinimum("the fit has no covariance matrix (errors were not estimated)")
    }
    let (sx, sy) = (c[ix, ix].squareRoot(), c[iy, iy].squareRoot())
    let rho = c[ix, iy] / (sx * sy)
    guard sx > 0, sy > 0, sx.isFinite, sy.isFinite, abs(rho) < 1 else {
      throw .invalidMinimum(
        "the parabolic covariance of '\(x)' and '\(y)' is not positive definite: no contour")
    }
    let q = level.quantile
    let target = errorUnit * q
    let center = [minimum.values[ix], minimum.values[iy]]
    let spec = [fit.parameters[ix], fit.parameters[iy]]
    var result: [ContourPoint] = []
    var start = minimum.values
    for j in 0..<points {
      let phi = 2 * Double.pi * Double(j) / Double(points)
      let (u, v) = (cos(phi), sin(phi))
      let scale = q.squareRoot()
      let direction = [scale * sx * u, scale * sy * (rho * u + (1 - rho * rho).squareRoot() * v)]
      let path = ProfilePath(
        indices: [ix, iy], origin: center, direction: direction, parameters: spec)
      let search = findCrossing(along: path, target: target, start: start)
      let reached = path.values(at: search.t)
      var point: [Double]?
      switch search.status {
      case .found, .beyondLimit: point = reached
      default: point = nil
      }
      if search.status.isFound { start = search.evaluation.theta }
      result.append(
        ContourPoint(
          angle: phi, point: point, reached: reached, status: search.status,
          parameters: search.evaluation.theta, minimizations: search.minimizations))
    }
    return Contour(
      parameters: [x, y], center: center, level: level, threshold: target, points: result)
  }
}
