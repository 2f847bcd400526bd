/// A Gaussian constraint on one parameter: prior knowledge θ = μ ± σ (from another
/// measurement) added to a fit's objective as
///
///     L_c(θ) = UP · ((θ − μ)/σ)²,
///
/// with UP the error definition of the objective it joins. For a χ² (UP = 1) this is
/// the familiar extra χ² term ((θ − μ)/σ)²; for a −ln ℒ (UP = ½) it is ½((θ − μ)/σ)²,
/// the −ln of a normal density. Either way the constraint alone, at one σ from μ,
/// raises the objective by exactly UP — it counts as one standard deviation. In a
/// least-squares fit it is one more residual, √UP·(θ − μ)/σ, and one more data value
/// for the degrees of freedom (as in iminuit's `NormalConstraint`).
public struct GaussianConstraint: Sendable, Hashable {
  /// The constrained parameter's name.
  public var parameter: String
  /// μ, the constraint's central value.
  public var mean: Double
  /// σ > 0, its standard deviation.
  public var sigma: Double

  /// A Gaussian penalty ((θ − mean)/sigma)² on the named parameter (an external measurement); throws unless sigma > 0 and both are finite.
  ///
  /// - Throws: ``FitError`` when μ is not finite or σ is not positive and finite.
  public init(_ parameter: String, mean: Double, sigma: Double) throws {
    guard mean.isFinite else {
      throw FitError.invalidBounds("the mean of the constraint on '\(parameter)' is not finite")
    }
    guard sigma > 0, sigma.isFinite else {
      throw FitError.invalidBounds(
        "the sigma of the constraint on '\(parameter)' must be positive and finite, not \(sigma)")
    }
    self.parameter = parameter
    self.mean = mean
    self.sigma = sigma
  }

  /// The residual √UP·(θ − μ)/σ, whose square is the constraint's term.
  public func residual(_ theta: Double, errorDefinition: Double) -> Double {
    errorDefinition.squareRoot() * (theta - mean) / sigma
  }

  /// UP·((θ − μ)/σ)².
  public func value(_ theta: Double, errorDefinition: Double) -> Double {
    let z = (theta - mean) / sigma
    return errorDefinition * z * z
  }

  /// d/dθ of the term: 2·UP·(θ − μ)/σ².
  public func derivative(_ theta: Double, errorDefinition: Double) -> Double {
    2 * errorDefinition * (theta - mean) / (sigma * sigma)
  }
}
