/// One piece of a gradient-descent optimizer: a map from a gradient to an update
/// direction, with its own state per parameter (optax's `GradientTransformation`).
///
/// A step of gradient descent is x ← x + u, where the update u comes from the
/// gradient g through a ``Chain`` of transformations, e.g. for Adam
/// `chain(.scaleByAdam(), .scaleByLearningRate(.constant(1e-3)))`. Updates follow
/// optax's sign convention: they are *added* to the parameters, so the learning-rate
/// piece ``ScaleByLearningRate`` multiplies by −η.
///
/// A transformation is an immutable value (its hyperparameters); everything that
/// changes during a run lives in its `State`, made once per run and updated in place,
/// so a step allocates nothing.
public protocol GradientTransformation: Sendable, CustomStringConvertible {
  /// What the transformation remembers between steps (moments, velocities, a step
  /// count, a schedule's progress).
  associatedtype State

  /// The state before the first step, for `dimension` parameters.
  func makeState(dimension: Int) -> State

  /// Transforms `updates` in place (on entry the output of the previous piece, for the
  /// first piece the gradient) and advances `state` by one step. `parameters` is the
  /// current point x.
  func update(_ updates: inout [Double], state: inout State, parameters: [Double])

  /// Called once per iteration as the observer sees it (a step in full-batch mode, an
  /// epoch in mini-batch mode) with that iteration's objective: the clock of
  /// learning-rate schedules, and what reduce-on-plateau watches. Default: nothing.
  func advance(_ state: inout State, observing objective: Double)

  /// Throws when a hyperparameter is out of range (user input). Default: accepts.
  func validate() throws(GradientDescentError)

  /// `state` as numbers, for a checkpoint (``GradientDescent/Checkpoint``); nil when this
  /// transformation cannot save its state. Default: nil, or an empty record for a
  /// transformation without state.
  func savedState(_ state: State) -> TransformationState?

  /// The state saved by ``savedState(_:)``, for `dimension` parameters; throws when the
  /// record belongs to another transformation or does not fit. Default: throws, or the
  /// empty state for a transformation without state.
  func restoredState(_ saved: TransformationState, dimension: Int) throws(GradientDescentError)
    -> State
}

extension GradientTransformation {
  public func advance(_ state: inout State, observing objective: Double) {}
  public func validate() throws(GradientDescentError) {}

  /// This transformation with a fresh state in a reference box, so that a chain can
  /// update each piece's state in place.
  func makeStepper(dimension: Int) -> any TransformationStepping {
    TransformationStepper(self, dimension: dimension)
  }
}

/// A transformation together with its state, stepped in place.
protocol TransformationStepping: AnyObject {
  func update(_ updates: inout [Double], parameters: [Double])
  func advance(observing objective: Double)
  /// The state for a checkpoint, nil when it cannot be saved.
  func savedState() -> TransformationState?
  /// Replaces the state by a saved one.
  func restore(_ saved: TransformationState, dimension: Int) throws(GradientDescentError)
}

/// Owns one transformation's state; mutating it through the class avoids the copy an
/// existential state would make on every step.
final class TransformationStepper<T: GradientTransformation>: TransformationStepping {
  let transformation: T
  var state: T.State

  init(_ transformation: T, dimension: Int) {
    self.transformation = transformation
    self.state = transformation.makeState(dimension: dimension)
  }

  func update(_ updates: inout [Double], parameters: [Double]) {
    transformation.update(&updates, state: &state, parameters: parameters)
  }

  func advance(observing objective: Double) {
    transformation.advance(&state, observing: objective)
  }

  func savedState() -> TransformationState? {
    transformation.savedState(state)
  }

  func restore(_ saved: TransformationState, dimension: Int) throws(GradientDescentError) {
    state = try transformation.restoredState(saved, dimension: dimension)
  }
}

/// A gradient-descent setting out of range, with what and where.
public struct GradientDescentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The one-line message.
  public var message: String

  /// An error with a one-line message.
  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }

  /// Throws unless `value` is finite and in [lower, upper) (or [lower, upper] when
  /// `closed`).
  static func check(
    _ name: String, _ value: Double, in lower: Double, _ upper: Double, closed: Bool = false
  ) throws(GradientDescentError) {
    let inside = value.isFinite && value >= lower && (closed ? value <= upper : value < upper)
    guard inside else {
      let interval = closed ? "[\(lower), \(upper)]" : "[\(lower), \(upper))"
      throw GradientDescentError("\(name) = \(value) must be in \(interval)")
    }
  }

  /// Throws unless `value` is finite and > 0.
  static func checkPositive(_ name: String, _ value: Double) throws(GradientDescentError) {
    guard value.isFinite, value > 0 else {
      throw GradientDescentError("\(name) = \(value) must be positive and finite")
    }
  }
}
