import Foundation

/// The map between the unconstrained fit parameters θ and the natural parameters of
/// the components (weights, means, covariances; widths and correlations).
extension GaussianMixture {
  /// The components at θ: wₖ = softmax(η, 0)ₖ, μₖ, Σₖ = LₖLₖᵀ.
  public func components(_ parameters: [Double]) -> [MixtureComponent] {
    precondition(parameters.count == parameterCount, "θ has \(parameterCount) values")
    let d = dimension
    let kCount = componentCount
    let logits = (0..<kCount).map { $0 < kCount - 1 ? parameters[$0] : 0 }
    let largest = logits.max() ?? 0
    let total = logits.reduce(0) { $0 + exp($1 - largest) }
    return (0..<kCount).map { k in
      let o = offset(ofComponent: k)
      var l = Matrix(rows: d, columns: d)
      for a in 0..<d { l[a, a] = exp(parameters[o + d + a]) }
      if covarianceKind == .full {
        var m = 0
        for a in 1..<max(d, 1) {
          for b in 0..<a {
            l[a, b] = parameters[o + 2 * d + m]
            m += 1
          }
        }
      }
      var sigma = Matrix(rows: d, columns: d)
      for a in 0..<d {
        for b in 0..<d {
          var sum = 0.0
          for c in 0...min(a, b) { sum += l[a, c] * l[b, c] }
          sigma[a, b] = sum
        }
      }
      return MixtureComponent(
        weight: exp(logits[k] - largest) / total, mean: Array(parameters[o..<(o + d)]),
        covariance: sigma)
    }
  }

  /// θ for the given components — the inverse of ``components(_:)``. The weights are
  /// normalised to sum 1; a ``CovarianceKind/diagonal`` mixture uses only the
  /// diagonal of each Σₖ.
  /// - Throws: ``ClusteringError`` for a wrong count or size, a weight that is not
  ///   positive, or a covariance that is not positive definite.
  public func parameters(for components: [MixtureComponent]) throws(ClusteringError)
    -> [Double]
  {
    let d = dimension
    let kCount = componentCount
    guard components.count == kCount else {
      throw .invalidSetting("the mixture has \(kCount) components, not \(components.count)")
    }
    var theta = Array(repeating: 0.0, count: parameterCount)
    for (k, c) in components.enumerated() {
      guard c.weight > 0, c.weight.isFinite else {
        throw .invalidSetting("the weight of component \(k + 1) must be positive, not \(c.weight)")
      }
      guard c.mean.count == d, c.mean.allSatisfy(\.isFinite) else {
        throw .invalidSetting("the mean of component \(k + 1) must be \(d) finite values")
      }
      guard c.covariance.rows == d, c.covariance.columns == d else {
        throw .invalidSetting("the covariance of component \(k + 1) must be \(d) × \(d)")
      }
      let o = offset(ofComponent: k)
      for a in 0..<d { theta[o + a] = c.mean[a] }
      if covarianceKind == .diagonal {
        for a in 0..<d {
          let variance = c.covariance[a, a]
          guard variance > 0, variance.isFinite else {
            throw .degenerate("the variance \(a + 1) of component \(k + 1) is not positive")
          }
          theta[o + d + a] = 0.5 * log(variance)
        }
      } else {
        guard let l = choleskyFactor(c.covariance) else {
          throw .degenerate("the covariance of component \(k + 1) is not positive definite")
        }
        for a in 0..<d { theta[o + d + a] = log(l[a, a]) }
        var m = 0
        for a in 1..<max(d, 1) {
          for b in 0..<a {
            theta[o + 2 * d + m] = l[a, b]
            m += 1
          }
        }
      }
    }
    let last = components[kCount - 1].weight
    for k in 0..<(kCount - 1) { theta[k] = log(components[k].weight / last) }
    return theta
  }

  /// Names of the natural parameters, in the order of ``naturalParameters(_:)``: the
  /// weights `w1` … `wK`, then per component its means `mu1_x`, widths `sigma1_x` and,
  /// for full covariances, correlations `rho1_x_y` (one per pair of inputs).
  public var naturalParameterNames: [String] {
    var names = (1...componentCount).map { "w\($0)" }
    for k in 1...componentCount {
      names += inputNames.map { "mu\(k)_\($0)" }
      names += inputNames.map { "sigma\(k)_\($0)" }
      if covarianceKind == .full {
        for a in 1..<max(dimension, 1) {
          for b in 0..<a { names.append("rho\(k)_\(inputNames[b])_\(inputNames[a])") }
        }
      }
    }
    return names
  }

  /// The natural parameters at θ: weights, then per component means, widths
  /// σⱼ = √Σⱼⱼ and correlations ρₐᵦ = Σₐᵦ/(σₐσᵦ) (full covariances).
  public func naturalParameters(_ parameters: [Double]) -> [Double] {
    let components = components(parameters)
    var values = components.map(\.weight)
    for c in components {
      values += c.mean
      values += c.widths
      if covarianceKind == .full {
        for a in 1..<max(dimension, 1) {
          for b in 0..<a { values.append(c.correlation(b, a)) }
        }
      }
    }
    return values
  }
}
