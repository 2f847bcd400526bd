/// Nesterov momentum in the form that needs only the gradient at the current point
/// (Sutskever et al. 2013; PyTorch `SGD(nesterov=True)`, optax `trace(nesterov=True)`):
/// v ← β v + u, u ← u + β v.
///
/// The update looks one velocity step ahead: compared with heavy-ball
/// ``Momentum`` it brakes earlier when the gradient turns, which damps the
/// overshoot in curved valleys.
public struct Nesterov: GradientTransformation {
  /// β ∈ [0, 1): how much of the previous velocity is kept.
  public let beta: Double

  /// Nesterov momentum with decay β (default 0.9, as for ``Momentum``).
  public init(beta: Double = 0.9) {
    self.beta = beta
  }

  /// The velocity v, as for ``Momentum``.
  public typealias State = Momentum.State

  public func makeState(dimension: Int) -> State {
    State(velocity: Array(repeating: 0, count: dimension))
  }

  public func update(_ updates: inout [Double], state: inout State, parameters: [Double]) {
    state.step(&updates, beta: beta, nesterov: true)
  }

  public func validate() throws(GradientDescentError) {
    try GradientDescentError.check("Nesterov β", beta, in: 0, 1)
  }

  public var description: String { "nesterov(β: \(beta))" }
}

extension GradientTransformation where Self == Nesterov {
  /// Nesterov momentum v ← β v + g, u = g + β v. β = 0.9 as for ``Momentum``.
  public static func nesterov(_ beta: Double = 0.9) -> Self {
    Nesterov(beta: beta)
  }
}
