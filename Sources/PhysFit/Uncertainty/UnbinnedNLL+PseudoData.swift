extension UnbinnedNLL: PseudoDataObjective {
  /// n values (as many as observed) drawn from the density f(x; θ) over the
  /// normalisation range (see `GridDensitySampler`), with the same quadrature rule.
  public func pseudoExperiment<M: Model>(
    model: M, inputs: Matrix, parameters: [Double], random: inout RandomSource
  ) throws -> PseudoExperiment<UnbinnedNLL> {
    let x = try model.drawFromDensity(
      parameters: parameters, range: range, count: dataCount, random: &random)
    let objective = try UnbinnedNLL(data: x, range: range, quadrature: quadrature)
    return PseudoExperiment(objective: objective, inputs: objective.inputs)
  }
}

extension ExtendedUnbinnedNLL: PseudoDataObjective {
  /// n ~ Poisson(ν) events, ν = ∫f over the range (the model's expected count), each
  /// drawn from the density f(x; θ). A pseudo-experiment with no event cannot be
  /// fitted and throws (likely only for ν ≲ 5).
  public func pseudoExperiment<M: Model>(
    model: M, inputs: Matrix, parameters: [Double], random: inout RandomSource
  ) throws -> PseudoExperiment<ExtendedUnbinnedNLL> {
    let nu = expectedCount(predictions: model.evaluate(self.inputs, parameters: parameters))
    guard nu >= 0, nu.isFinite else {
      throw UncertaintyError.noPseudoData(
        "the model's expected count is \(nu): Poisson counts need a mean ≥ 0")
    }
    let n = random.poisson(mean: nu)
    guard n > 0 else {
      throw UncertaintyError.noPseudoData(
        "the pseudo-experiment has no events (expected \(nu)): nothing to fit")
    }
    let x = try model.drawFromDensity(
      parameters: parameters, range: range, count: n, random: &random)
    let objective = try ExtendedUnbinnedNLL(data: x, range: range, quadrature: quadrature)
    return PseudoExperiment(objective: objective, inputs: objective.inputs)
  }
}
