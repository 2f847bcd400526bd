extension ChiSquare: PseudoDataObjective {
  /// yᵢ = f(xᵢ; θ) + σᵢ·zᵢ with zᵢ standard normal, at the same xᵢ and σᵢ.
  /// A χ² without σ has no scatter to draw from and throws.
  public func pseudoExperiment<M: Model>(
    model: M, inputs: Matrix, parameters: [Double], random: inout RandomSource
  ) throws -> PseudoExperiment<ChiSquare> {
    guard let w = inverseSigma else {
      throw UncertaintyError.noPseudoData(
        "a χ² without σ has no scatter to draw pseudo-data from: give σ")
    }
    let mu = try checkedPredictions(model, inputs, parameters)
    let sigma = w.map { 1 / $0 }
    let y = y.indices.map { mu.elements[$0] + sigma[$0] * random.normal() }
    return PseudoExperiment(objective: ChiSquare(y: y, sigma: sigma), inputs: inputs)
  }
}
