/// Transformations applied one after the other (optax's `chain`): the output of each
/// is the input of the next.
///
/// ```swift
/// let adamW = chain(.scaleByAdam(), .addDecayedWeights(0.01), .scaleByLearningRate(1e-3))
/// ```
public struct Chain: GradientTransformation {
  /// The pieces, applied first to last.
  public let transformations: [any GradientTransformation]

  /// The composition of `transformations`, applied in order.
  public init(_ transformations: [any GradientTransformation]) {
    self.transformations = transformations
  }

  /// Each piece with its own state, updated in place.
  public struct State {
    var steppers: [any TransformationStepping]
  }

  public func makeState(dimension: Int) -> State {
    State(steppers: transformations.map { $0.makeStepper(dimension: dimension) })
  }

  public func update(_ updates: inout [Double], state: inout State, parameters: [Double]) {
    for stepper in state.steppers { stepper.update(&updates, parameters: parameters) }
  }

  public func advance(_ state: inout State, observing objective: Double) {
    for stepper in state.steppers { stepper.advance(observing: objective) }
  }

  public func validate() throws(GradientDescentError) {
    for t in transformations { try t.validate() }
  }

  public var description: String {
    "chain(" + transformations.map(\.description).joined(separator: ", ") + ")"
  }
}

/// The transformations applied one after the other.
public func chain<each T: GradientTransformation>(_ transformation: repeat each T) -> Chain {
  var pieces: [any GradientTransformation] = []
  for t in repeat each transformation { pieces.append(t) }
  return Chain(pieces)
}

extension GradientTransformation where Self == Chain {
  /// The transformations applied one after the other.
  public static func chain(_ transformations: [any GradientTransformation]) -> Chain {
    Chain(transformations)
  }
}
