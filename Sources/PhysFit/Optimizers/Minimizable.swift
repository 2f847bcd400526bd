/// A function to minimise, θ ↦ value (and gradient), as an optimizer sees it.
///
/// A fit (model + objective + data) is one, and so is a plain test function. The
/// protocol is class-bound because problems carry reusable buffers and evaluation
/// counters, and because GSL's C callbacks reach them through an opaque pointer.
public protocol Minimizable: AnyObject {
  /// Number of coordinates.
  var dimension: Int { get }
  /// How often values, gradients and Jacobians have been evaluated so far.
  var evaluations: EvaluationCounts { get }
  /// f(x). Non-finite when the model cannot be evaluated there.
  func value(at x: [Double]) -> Double
  /// f(x), with ∇f(x) written into `gradient` (resized to `dimension`).
  func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double
}

/// A problem of least-squares shape, f(x) = Σᵢ rᵢ(x)², for trust-region methods.
public protocol LeastSquaresMinimizable: Minimizable {
  /// Number of residuals m.
  var residualCount: Int { get }
  /// Writes r(x) (m values).
  func residuals(at x: [Double], into r: inout [Double])
  /// Writes ∂r/∂x, an m × `dimension` matrix.
  func jacobian(at x: [Double], into j: inout Matrix)
}

/// Counts of the expensive calls an optimizer made.
public struct EvaluationCounts: Sendable, Hashable, Codable {
  /// Objective values (or residual vectors).
  public var values = 0
  /// Gradients.
  public var gradients = 0
  /// Jacobians.
  public var jacobians = 0

  /// Counts of each kind of evaluation.
  public init(values: Int = 0, gradients: Int = 0, jacobians: Int = 0) {
    self.values = values
    self.gradients = gradients
    self.jacobians = jacobians
  }

  /// Values + gradients + Jacobians: a value computed with its gradient counts two.
  /// The unit of ``StoppingRule/maxEvaluations``.
  public var total: Int { values + gradients + jacobians }

  /// Calls of the objective: a value, a value with its gradient, a residual vector or
  /// a Jacobian each count one — scipy's `nfev` with `jac=True` (plus `njev` for least
  /// squares). A gradient is only ever computed with its value, so this is
  /// values + Jacobians. The unit of a comparison's budget and evaluation counts
  /// (``ComparisonSettings/budget``): an "energy evaluation" of the cluster literature.
  public var calls: Int { values + jacobians }

  /// The evaluations between two readings of a counter.
  public static func - (a: Self, b: Self) -> Self {
    Self(
      values: a.values - b.values, gradients: a.gradients - b.gradients,
      jacobians: a.jacobians - b.jacobians)
  }
}
