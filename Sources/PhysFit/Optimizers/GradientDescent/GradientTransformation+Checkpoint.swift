/// The state of one ``GradientTransformation`` as named numbers, for a checkpoint
/// (``GradientDescent/Checkpoint``): vectors (moments, velocities) with one entry per
/// parameter, scalars (step counts, running powers, a schedule's progress) and, for a
/// ``Chain``, its pieces' states in order.
///
/// `transformation` is the piece's description with its hyperparameters, so that a
/// state is never restored into a transformation with other settings.
public struct TransformationState: Sendable, Hashable, Codable {
  /// The transformation's `description` (with its hyperparameters) when it was saved.
  public var transformation: String
  /// Per-parameter vectors by name.
  public var vectors: [String: [Double]]
  /// Scalars by name (counts are stored exactly: every integer below 2⁵³ is a Double).
  public var numbers: [String: Double]
  /// The pieces' states, for a chain.
  public var pieces: [TransformationState]

  /// A saved state; empty by default (a transformation without state).
  public init(
    transformation: String, vectors: [String: [Double]] = [:], numbers: [String: Double] = [:],
    pieces: [TransformationState] = []
  ) {
    self.transformation = transformation
    self.vectors = vectors
    self.numbers = numbers
    self.pieces = pieces
  }

  /// Throws unless this record was saved by `transformation`.
  func check(_ transformation: some GradientTransformation) throws(GradientDescentError) {
    guard self.transformation == transformation.description else {
      throw GradientDescentError(
        "the checkpoint holds the state of \(self.transformation), not of \(transformation.description)"
      )
    }
  }

  /// The vector `name`, which must have `dimension` entries.
  func vector(_ name: String, dimension: Int) throws(GradientDescentError) -> [Double] {
    guard let v = vectors[name], v.count == dimension else {
      throw GradientDescentError(
        "the checkpoint of \(transformation) has no '\(name)' with \(dimension) entries")
    }
    return v
  }

  /// The scalar `name`.
  func number(_ name: String) throws(GradientDescentError) -> Double {
    guard let v = numbers[name] else {
      throw GradientDescentError("the checkpoint of \(transformation) has no '\(name)'")
    }
    return v
  }
}

extension GradientTransformation {
  /// Default: this transformation cannot save its state.
  public func savedState(_ state: State) -> TransformationState? { nil }

  /// Default: throws (nothing can be restored).
  public func restoredState(_ saved: TransformationState, dimension: Int)
    throws(GradientDescentError) -> State
  {
    throw GradientDescentError("\(description) cannot be restored from a checkpoint")
  }
}

extension GradientTransformation where State == Void {
  /// A transformation without state saves an empty record.
  public func savedState(_ state: State) -> TransformationState? {
    TransformationState(transformation: description)
  }

  /// Checks that the record is this transformation's.
  public func restoredState(_ saved: TransformationState, dimension: Int)
    throws(GradientDescentError)
  {
    try saved.check(self)
  }
}

extension Chain {
  /// The pieces' states in order; nil when one of them cannot be saved.
  public func savedState(_ state: State) -> TransformationState? {
    var pieces: [TransformationState] = []
    for stepper in state.steppers {
      guard let saved = stepper.savedState() else { return nil }
      pieces.append(saved)
    }
    return TransformationState(transformation: description, pieces: pieces)
  }

  public func restoredState(_ saved: TransformationState, dimension: Int)
    throws(GradientDescentError) -> State
  {
    try saved.check(self)
    let state = makeState(dimension: dimension)
    guard saved.pieces.count == state.steppers.count else {
      throw GradientDescentError(
        "the checkpoint of \(description) has \(saved.pieces.count) pieces, not \(state.steppers.count)"
      )
    }
    for (stepper, piece) in zip(state.steppers, saved.pieces) {
      try stepper.restore(piece, dimension: dimension)
    }
    return state
  }
}

extension ScaleByAdam {
  /// m, v, t and the running powers β₁ᵗ, β₂ᵗ (saved, not recomputed: a product of t
  /// factors and a power differ in the last bits).
  public func savedState(_ state: State) -> TransformationState? {
    TransformationState(
      transformation: description, vectors: ["mean": state.mean, "meanSquare": state.meanSquare],
      numbers: [
        "count": Double(state.count), "beta1Power": state.beta1Power,
        "beta2Power": state.beta2Power,
      ])
  }

  public func restoredState(_ saved: TransformationState, dimension: Int)
    throws(GradientDescentError) -> State
  {
    try saved.check(self)
    guard let count = Int(exactly: try saved.number("count")), count >= 0 else {
      throw GradientDescentError("the checkpoint of \(description) has a bad step count")
    }
    return State(
      mean: try saved.vector("mean", dimension: dimension),
      meanSquare: try saved.vector("meanSquare", dimension: dimension), count: count,
      beta1Power: try saved.number("beta1Power"), beta2Power: try saved.number("beta2Power"))
  }
}

extension Momentum.State {
  /// The velocity as a saved record of `transformation`.
  func saved(by transformation: some GradientTransformation) -> TransformationState {
    TransformationState(transformation: transformation.description, vectors: ["velocity": velocity])
  }

  /// The velocity from a record of `transformation`.
  init(
    restoring saved: TransformationState, by transformation: some GradientTransformation,
    dimension: Int
  ) throws(GradientDescentError) {
    try saved.check(transformation)
    self.init(velocity: try saved.vector("velocity", dimension: dimension))
  }
}

extension Momentum {
  /// The velocity v.
  public func savedState(_ state: State) -> TransformationState? { state.saved(by: self) }

  public func restoredState(_ saved: TransformationState, dimension: Int)
    throws(GradientDescentError) -> State
  {
    try State(restoring: saved, by: self, dimension: dimension)
  }
}

extension Nesterov {
  /// The velocity v.
  public func savedState(_ state: State) -> TransformationState? { state.saved(by: self) }

  public func restoredState(_ saved: TransformationState, dimension: Int)
    throws(GradientDescentError) -> State
  {
    try State(restoring: saved, by: self, dimension: dimension)
  }
}

extension ScaleByLearningRate {
  /// The schedule's step, current value and reduce-on-plateau's memory.
  public func savedState(_ state: ScheduleState) -> TransformationState? {
    TransformationState(transformation: description, numbers: state.savedNumbers)
  }

  public func restoredState(_ saved: TransformationState, dimension: Int)
    throws(GradientDescentError) -> ScheduleState
  {
    try saved.check(self)
    guard let state = ScheduleState(schedule, restoring: saved.numbers) else {
      throw GradientDescentError("the checkpoint of \(description) has a bad schedule state")
    }
    return state
  }
}
