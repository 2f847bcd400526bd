/// u ← −η_k u: the step length, from a ``Schedule``, with the sign that turns a
/// gradient into a descent direction (optax's `scale_by_learning_rate`).
///
/// The schedule's clock is the optimizer's iteration (a step in full-batch mode, an
/// epoch in mini-batch mode); reduce-on-plateau watches that iteration's objective
/// (the validation loss when early stopping holds points out).
public struct ScaleByLearningRate: GradientTransformation {
  /// The learning rate η_k.
  public let schedule: Schedule

  /// Multiplies the update by −η_k from `schedule`.
  public init(_ schedule: Schedule) {
    self.schedule = schedule
  }

  public func makeState(dimension: Int) -> ScheduleState {
    ScheduleState(schedule)
  }

  public func update(_ updates: inout [Double], state: inout ScheduleState, parameters: [Double]) {
    let scale = -state.value
    updates.withUnsafeMutableBufferPointer { u in
      guard let base = u.baseAddress else { return }
      let shared = SharedPointer(base)
      ElementwiseLoops.forEachRange(u.count) { range in
        for i in range { shared.base[i] *= scale }
      }
    }
  }

  public func advance(_ state: inout ScheduleState, observing objective: Double) {
    state.advance(observing: objective)
  }

  public func validate() throws(GradientDescentError) {
    try schedule.validateAsLearningRate()
  }

  public var description: String { "scaleByLearningRate(\(schedule))" }
}

extension GradientTransformation where Self == ScaleByLearningRate {
  /// u ← −η_k u with η from `schedule`.
  public static func scaleByLearningRate(_ schedule: Schedule) -> Self {
    ScaleByLearningRate(schedule)
  }
}

extension Schedule {
  /// Throws unless every value of the schedule is a usable learning rate: positive
  /// and finite at the start, factors in (0, 1], periods ≥ 1.
  func validateAsLearningRate() throws(GradientDescentError) {
    try GradientDescentError.checkPositive("learning rate", initial)
    switch self {
    case .constant, .logarithmic: break
    case .exponential(_, let rate):
      try GradientDescentError.check(
        "exponential schedule rate", rate, in: .leastNonzeroMagnitude, 1, closed: true)
    case .step(_, let factor, let every):
      try GradientDescentError.check(
        "step schedule factor", factor, in: .leastNonzeroMagnitude, 1, closed: true)
      guard every >= 1 else {
        throw GradientDescentError("step schedule period = \(every) must be at least 1")
      }
    case .cosine(_, let final, let steps):
      try GradientDescentError.check(
        "cosine schedule final value", final, in: 0, initial, closed: true)
      guard steps >= 1 else {
        throw GradientDescentError("cosine schedule steps = \(steps) must be at least 1")
      }
    case .reduceOnPlateau(_, let factor, let patience, let threshold, let minimum):
      try GradientDescentError.check(
        "reduce-on-plateau factor", factor, in: .leastNonzeroMagnitude, 1)
      guard patience >= 1 else {
        throw GradientDescentError("reduce-on-plateau patience = \(patience) must be at least 1")
      }
      try GradientDescentError.check("reduce-on-plateau threshold", threshold, in: 0, 1)
      try GradientDescentError.check(
        "reduce-on-plateau minimum", minimum, in: 0, initial, closed: true)
    }
  }
}
