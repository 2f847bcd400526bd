extension ProfileLikelihood {
  /// The profile of `name` at each of `values` (any order; returned sorted).
  ///
  /// The points are visited outwards from θ̂ on each side, each minimisation starting
  /// from the solution of the previous point on that side (from θ̂ for the first), so
  /// the other parameters follow the valley of the objective. A point whose
  /// minimisation fails is kept with Δ = NaN and the reason; the next starts from the
  /// last point that worked.
  ///
  /// - Throws: ``UncertaintyError`` for an unknown or fixed parameter, or a value that
  ///   is not finite or lies outside the parameter's bounds.
  public func profile(of name: String, at values: [Double]) throws(UncertaintyError) -> Profile {
    let i = try freeIndex(name)
    let spec = fit.parameters[i]
    for v in values {
      guard v.isFinite else {
        throw .invalidSetting("profile value \(v) of '\(name)' is not finite")
      }
      if let a = spec.lower, v < a {
        throw .invalidSetting("profile value \(v) of '\(name)' is below its lower bound \(a)")
      }
      if let b = spec.upper, v > b {
        throw .invalidSetting("profile value \(v) of '\(name)' is above its upper bound \(b)")
      }
    }
    let theta = minimum.values[i]
    let below = values.filter { $0 < theta }.sorted(by: >)
    let above = values.filter { $0 >= theta }.sorted()
    var points: [ProfilePoint] = []
    for side in [below, above] {
      var start = minimum.values
      for v in side {
        do {
          let e = try evaluate(fixing: [i], at: [v], start: start)
          start = e.theta
          points.append(ProfilePoint(value: v, delta: e.delta, parameters: e.theta, failure: nil))
        } catch {
          points.append(ProfilePoint(value: v, delta: .nan, parameters: [], failure: error.reason))
        }
      }
    }
    return Profile(
      parameter: name, minimum: theta, errorUnit: errorUnit,
      points: points.sorted { $0.value < $1.value })
  }

  /// The profile of `name` at `count` evenly spaced values from `lower` to `upper`
  /// (both included; `count` ≥ 2).
  public func profile(of name: String, from lower: Double, to upper: Double, points count: Int)
    throws(UncertaintyError) -> Profile
  {
    guard count >= 2 else {
      throw .invalidSetting("a profile needs at least 2 points, not \(count)")
    }
    guard lower < upper else {
      throw .invalidSetting("the profile range [\(lower), \(upper)] is empty")
    }
    let step = (upper - lower) / Double(count - 1)
    let values = (0..<count).map { k in k == count - 1 ? upper : lower + Double(k) * step }
    return try profile(of: name, at: values)
  }
}
