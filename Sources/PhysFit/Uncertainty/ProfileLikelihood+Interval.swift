extension ProfileLikelihood {
  /// The profile-likelihood interval of parameter `name` at `level`: on each side the
  /// value where Δ = UP·k² (scaled by s² for scaled errors), found by bracketing and
  /// Brent's method along the parameter's axis with every other free parameter
  /// minimised (see `findCrossing(along:target:start:)`). The first guess of each
  /// side is the parabolic edge θ̂ ± kσ; when σ is not a positive number, the search
  /// starts at θ̂ ± 0.1·k·max(|θ̂|, 1) instead.
  ///
  /// - Throws: ``UncertaintyError`` for an unknown or fixed parameter.
  public func interval(for name: String, level: ConfidenceLevel = .oneSigma)
    throws(UncertaintyError) -> ProfileInterval
  {
    let i = try freeIndex(name)
    let k = level.standardDeviations
    let theta = minimum.values[i]
    let sigma = minimum.parameters[i].error
    let scale = sigma > 0 && sigma.isFinite ? sigma : 0.1 * max(abs(theta), 1)
    let target = errorUnit * k * k
    func side(_ sign: Double) -> IntervalEdge {
      let path = ProfilePath(
        indices: [i], origin: [theta], direction: [sign * k * scale],
        parameters: [fit.parameters[i]])
      let search = findCrossing(along: path, target: target, start: minimum.values)
      let reached = path.values(at: search.t)[0]
      var bound: Double?
      switch search.status {
      case .found, .beyondLimit: bound = reached
      default: bound = nil
      }
      return IntervalEdge(
        bound: bound, error: bound.map { $0 - theta }, reached: reached, status: search.status,
        parameters: search.evaluation.theta, minimizations: search.minimizations)
    }
    return ProfileInterval(
      parameter: name, value: theta, parabolicError: sigma, level: level, threshold: target,
      lower: side(-1), upper: side(1))
  }

  /// The intervals of `names` (all free parameters when nil), in that order.
  public func intervals(for names: [String]? = nil, level: ConfidenceLevel = .oneSigma)
    throws(UncertaintyError) -> [ProfileInterval]
  {
    var result: [ProfileInterval] = []
    for name in names ?? freeParameterNames {
      result.append(try interval(for: name, level: level))
    }
    return result
  }
}
