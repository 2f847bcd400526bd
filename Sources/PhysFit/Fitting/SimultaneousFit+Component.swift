/// One part of a ``SimultaneousFit``: anything that can state its parameters and
/// hand out a fresh problem θ ↦ L(θ). Every ``Fit`` is one.
public protocol FitComponent: Sendable {
  /// The component's parameters: names, start values, bounds and fixing.
  var parameters: ParameterSet { get }
  /// Its objective's error definition (1 for χ², ½ for −ln ℒ).
  var errorDefinition: Double { get }
  /// Its number of data values.
  var dataCount: Int { get }
  /// nil when the objective has no least-squares form; otherwise whether its errors
  /// are absolute (σ given) rather than to be scaled by χ²/ndf.
  var leastSquaresErrorsAreAbsolute: Bool? { get }
  /// Whether the covariance must come from the Hessian even after a least-squares
  /// minimisation (see ``HessianCovarianceObjective``).
  var prefersHessianCovariance: Bool { get }
  /// A short description for messages, e.g. "ChiSquare".
  var componentDescription: String { get }
  /// A fresh problem over the component's parameters in their order; it conforms to
  /// ``LeastSquaresMinimizable`` whenever `leastSquaresErrorsAreAbsolute` is non-nil.
  func makeProblem() -> any Minimizable
}

extension Fit: FitComponent {
  public var errorDefinition: Double { objective.errorDefinition }
  public var dataCount: Int { objective.dataCount }
  public var leastSquaresErrorsAreAbsolute: Bool? {
    (objective as? any LeastSquaresObjective)?.hasAbsoluteErrors
  }
  public var prefersHessianCovariance: Bool { objective is any HessianCovarianceObjective }
  public var componentDescription: String { "\(O.self)" }
  public func makeProblem() -> any Minimizable {
    FitProblem(model: model, inputs: inputs, objective: objective)
  }

  /// This fit with a Gaussian constraint θ = mean ± sigma on one parameter, as a
  /// one-part ``SimultaneousFit`` (see ``GaussianConstraint`` for the term added).
  public func constrained(_ name: String, mean: Double, sigma: Double) throws -> SimultaneousFit {
    var joint = try SimultaneousFit([self])
    try joint.constrain(name, mean: mean, sigma: sigma)
    return joint
  }
}

/// The parameters of a joint fit as a model with no inputs. A ``SimultaneousFit``
/// keeps its bookkeeping in a `Fit<ParameterLedger, JointSummary>`, so start-value
/// checks, convergence verdicts and the result assembly are the very code single fits
/// use, not a copy of it.
struct ParameterLedger: Model {
  let parameterNames: [String]
  var inputNames: [String] { [] }
  func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    output.resize(rows: inputs.rows, columns: 1)
  }
}

/// The error definition and data count of a joint fit, as an objective with no
/// predictions of its own (see ``ParameterLedger``).
struct JointSummary: Objective {
  let errorDefinition: Double
  let dataCount: Int
  var predictionRows: Int { 0 }
  func value(predictions: Matrix) -> Double { 0 }
  func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double { 0 }
}
