/// One fitted parameter: value, standard error and how it ended.
public struct ParameterResult: Sendable, Hashable, Codable {
  /// The parameter's name.
  public var name: String
  /// The fitted value (the start value for a fixed parameter).
  public var value: Double
  /// Standard error √Cᵢᵢ (0 for fixed parameters; NaN when the covariance is unusable).
  public var error: Double
  /// The lower bound the fit respected, if any.
  public var lower: Double?
  /// The upper bound the fit respected, if any.
  public var upper: Double?
  /// Whether the parameter was held fixed.
  public var isFixed: Bool
  /// Whether the value ended within a small fraction of the bounds' range (or of its
  /// magnitude, for one-sided bounds) of a bound, where the error is not meaningful.
  public var isAtLimit: Bool
}
