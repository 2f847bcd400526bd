/// An objective that can draw pseudo-data — a toy experiment — from a model, the way
/// its own data are distributed: Poisson counts for a binned likelihood, Gaussian
/// scatter by σ for a χ², values sampled from the density for an unbinned likelihood.
///
/// A ``ToyStudy`` refits each pseudo-experiment to see how the estimates and their
/// errors behave where the truth is known.
public protocol PseudoDataObjective: Objective {
  /// Draws one pseudo-experiment from `model` at θ = `parameters`, where the fit of the
  /// real data evaluated the model at `inputs`: the same kind of objective over the new
  /// data, and the inputs a fit of it evaluates the model at.
  ///
  /// - Throws: ``UncertaintyError/noPseudoData(_:)`` when the model cannot generate
  ///   data here (a negative expected count, a density below 0), or the set-up has no
  ///   distribution to draw from (a χ² without σ).
  func pseudoExperiment<M: Model>(
    model: M, inputs: Matrix, parameters: [Double], random: inout RandomSource
  ) throws -> PseudoExperiment<Self>
}

/// One pseudo-experiment: its objective and the inputs the model is evaluated at.
public struct PseudoExperiment<O: Objective>: Sendable {
  /// The objective with the pseudo-data in place of the data.
  public var objective: O
  /// The inputs the model is evaluated at (new ones for unbinned pseudo-data).
  public var inputs: Matrix

  /// A pseudo-experiment of `objective` at `inputs`.
  public init(objective: O, inputs: Matrix) {
    self.objective = objective
    self.inputs = inputs
  }
}

extension PseudoDataObjective {
  /// The model's predictions at `inputs`, checked to be finite (row and value named).
  func checkedPredictions<M: Model>(_ model: M, _ inputs: Matrix, _ parameters: [Double])
    throws(UncertaintyError) -> Matrix
  {
    let p = model.evaluate(inputs, parameters: parameters)
    if let k = p.elements.firstIndex(where: { !$0.isFinite }) {
      throw .noPseudoData(
        "the model is \(p.elements[k]) at data row \(k % max(p.rows, 1) + 1): no pseudo-data can be drawn"
      )
    }
    return p
  }
}
