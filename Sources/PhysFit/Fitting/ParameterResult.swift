/// One fitted parameter: value, standard error and how it ended.
public struct ParameterResult: Sendable, Hashable, Codable {
  public var name: String
  public var value: Double
  /// Standard error √Cᵢᵢ (0 for fixed parameters; NaN when the covariance is unusable).
  public var error: Double
  public var lower: Double?
  public var upper: Double?
  public var isFixed: Bool
  /// Whether the value ended within a small fraction of the bounds' range (or of its
  /// magnitude, for one-sided bounds) of a bound, where the error is not meaningful.
  public var isAtLimit: Bool
}
