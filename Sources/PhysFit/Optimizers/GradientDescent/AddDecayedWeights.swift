/// u ← u + λ x: decoupled weight decay (Loshchilov & Hutter 2019, "AdamW").
///
/// Placed after ``ScaleByAdam`` and before ``ScaleByLearningRate`` it shrinks every
/// parameter by η λ x per step independently of Adam's gradient normalisation — unlike
/// an L2 term added to the objective, whose gradient Adam would rescale. Parameters
/// are the optimizer's coordinates: for a bounded fit parameter that is the internal
/// (unbounded) coordinate.
public struct AddDecayedWeights: GradientTransformation {
  /// λ ≥ 0.
  public let rate: Double

  /// Adds λ·x to the update, with λ = `rate`.
  public init(_ rate: Double) {
    self.rate = rate
  }

  public func makeState(dimension: Int) {}

  public func update(_ updates: inout [Double], state: inout Void, parameters: [Double]) {
    let rate = rate
    updates.withUnsafeMutableBufferPointer { u in
      parameters.withUnsafeBufferPointer { x in
        for i in u.indices { u[i] += rate * x[i] }
      }
    }
  }

  public func validate() throws(GradientDescentError) {
    try GradientDescentError.check("weight decay λ", rate, in: 0, .infinity)
  }

  public var description: String { "addDecayedWeights(λ: \(rate))" }
}

extension GradientTransformation where Self == AddDecayedWeights {
  /// u ← u + λ x (decoupled weight decay).
  public static func addDecayedWeights(_ rate: Double) -> Self {
    AddDecayedWeights(rate)
  }
}
