/// Heavy-ball momentum (Polyak 1964): v ← β v + u, u ← v.
///
/// Followed by ``ScaleByLearningRate`` this is x ← x − η v with v accumulating past
/// gradients, the form of PyTorch's `SGD(momentum=β)` and optax's `trace`. Along a
/// direction of constant gradient the step grows to η/(1 − β) — ten times the plain
/// step for β = 0.9 — while oscillating components cancel.
public struct Momentum: GradientTransformation {
  /// β ∈ [0, 1): how much of the previous velocity is kept.
  public let beta: Double

  /// Heavy-ball momentum with decay β (default 0.9: an average over about 10 steps).
  public init(beta: Double = 0.9) {
    self.beta = beta
  }

  /// The velocity; ``Nesterov`` keeps the same state.
  public struct State {
    /// v, one entry per parameter, zero at the start.
    public var velocity: [Double]
  }

  public func makeState(dimension: Int) -> State {
    State(velocity: Array(repeating: 0, count: dimension))
  }

  public func update(_ updates: inout [Double], state: inout State, parameters: [Double]) {
    state.step(&updates, beta: beta, nesterov: false)
  }

  public func validate() throws(GradientDescentError) {
    try GradientDescentError.check("momentum β", beta, in: 0, 1)
  }

  public var description: String { "momentum(β: \(beta))" }
}

extension Momentum.State {
  /// One step of either momentum: v ← β v + u, then u ← v (heavy ball) or
  /// u ← u + β v (`nesterov`, the look-ahead form).
  mutating func step(_ updates: inout [Double], beta: Double, nesterov: Bool) {
    updates.withUnsafeMutableBufferPointer { u in
      velocity.withUnsafeMutableBufferPointer { v in
        for i in u.indices {
          v[i] = beta * v[i] + u[i]
          u[i] = nesterov ? u[i] + beta * v[i] : v[i]
        }
      }
    }
  }
}

extension GradientTransformation where Self == Momentum {
  /// Heavy-ball momentum v ← β v + g. β = 0.9: the common default (Sutskever et al.
  /// 2013; Keras, and most published training recipes), a tenfold step along
  /// persistent directions.
  public static func momentum(_ beta: Double = 0.9) -> Self {
    Momentum(beta: beta)
  }
}
