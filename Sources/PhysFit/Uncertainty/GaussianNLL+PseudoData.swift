extension GaussianNLL: PseudoDataObjective {
  /// yᵢ = μᵢ + σᵢ·zᵢ, σ from the data column or, when the model predicts it, from the
  /// model's second output. A predicted σ ≤ 0 throws.
  public func pseudoExperiment<M: Model>(
    model: M, inputs: Matrix, parameters: [Double], random: inout RandomSource
  ) throws -> PseudoExperiment<GaussianNLL> {
    let p = try checkedPredictions(model, inputs, parameters)
    let n = y.count
    if let sigma {
      let y = (0..<n).map { p.elements[$0] + sigma[$0] * random.normal() }
      return PseudoExperiment(objective: try GaussianNLL(y: y, sigma: sigma), inputs: inputs)
    }
    let s = (0..<n).map { p.elements[$0 + n] }
    if let i = s.firstIndex(where: { !($0 > 0) }) {
      throw UncertaintyError.noPseudoData(
        "the model predicts σ = \(s[i]) at data row \(i + 1): Gaussian scatter needs σ > 0")
    }
    let y = (0..<n).map { p.elements[$0] + s[$0] * random.normal() }
    return PseudoExperiment(objective: try GaussianNLL(y: y), inputs: inputs)
  }
}
