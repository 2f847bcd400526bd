extension PoissonNLL: PseudoDataObjective {
  /// nᵢ ~ Poisson(f(xᵢ; θ)) in every bin. A negative expected count throws.
  public func pseudoExperiment<M: Model>(
    model: M, inputs: Matrix, parameters: [Double], random: inout RandomSource
  ) throws -> PseudoExperiment<PoissonNLL> {
    let mu = try checkedPredictions(model, inputs, parameters)
    if let i = mu.elements.firstIndex(where: { $0 < 0 }) {
      throw UncertaintyError.noPseudoData(
        "the model expects \(mu.elements[i]) counts in bin \(i + 1): Poisson counts need a mean ≥ 0"
      )
    }
    let counts = mu.elements.prefix(counts.count).map { Double(random.poisson(mean: $0)) }
    return PseudoExperiment(objective: try PoissonNLL(counts: counts), inputs: inputs)
  }
}
