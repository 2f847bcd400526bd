/// Everything a fit found: values, errors, covariance, goodness of fit and status.
///
/// Results index by parameter name (`result["tau"]?.value`). A fit that did not
/// converge still returns a result — check ``converged`` and ``reason``.
public struct FitResult: Sendable {
  /// All parameters in model order, fixed ones included.
  public var parameters: [ParameterResult]
  /// Covariance over all parameters (rows and columns of fixed parameters are 0).
  /// In units of the objective's error definition; for χ² without σ scaled by
  /// s² = χ²/ndf (see ``errorsAreScaled``). Empty (0 × 0) when the fit did not
  /// estimate errors (``Fit/estimatesErrors``); so is ``correlation``.
  public var covariance: Matrix
  /// Correlation ρᵢⱼ = Cᵢⱼ/√(CᵢᵢCⱼⱼ) (0 where a variance is 0).
  public var correlation: Matrix
  /// The objective's value at the minimum (χ² for a χ² fit).
  public var objectiveValue: Double
  /// The objective's error definition (1 for χ², ½ for −log ℒ).
  public var errorDefinition: Double
  /// Number of data values used.
  public var dataCount: Int
  /// Number of free (not fixed) parameters.
  public var freeParameterCount: Int
  /// Whether the errors were scaled by √(χ²/ndf) because no σ was given.
  public var errorsAreScaled: Bool
  /// χ²-distribution p-value of the minimum, where the objective is a χ² with
  /// absolute errors; nil otherwise.
  public var pValue: Double?
  /// Why the optimizer stopped.
  public var reason: StopReason
  /// Whether the covariance has full rank (a positive-definite curvature matrix).
  /// False means some parameter combination is not determined by the data; the
  /// errors of the parameters involved are NaN.
  public var covarianceIsPositiveDefinite: Bool
  /// Iterations and evaluations used.
  public var iterations: Int
  /// Evaluations of values, gradients and Jacobians used by the optimizer.
  public var evaluations: EvaluationCounts
  /// The algorithm that produced the minimum.
  public var method: String

  /// ndf = data values − free parameters.
  public var ndf: Int { dataCount - freeParameterCount }
  /// χ²/ndf (NaN when ndf ≤ 0).
  public var reducedObjective: Double { ndf > 0 ? objectiveValue / Double(ndf) : .nan }
  /// Whether the optimizer found a verified minimum.
  public var converged: Bool { reason.isConvergence }
  /// Names of the parameters that ended at a bound.
  public var parametersAtLimit: [String] { parameters.filter(\.isAtLimit).map(\.name) }

  /// The parameter called `name`.
  public subscript(name: String) -> ParameterResult? {
    parameters.first { $0.name == name }
  }

  /// Fitted values in model order.
  public var values: [Double] { parameters.map(\.value) }
  /// Standard errors in model order.
  public var errors: [Double] { parameters.map(\.error) }
}
