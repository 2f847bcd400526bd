/// One parameter θⱼ of a model: a name, a value and the constraints a fit respects.
///
/// Bounds are optional on each side. Every optimizer honours them through the same
/// internal↔external transform (``ParameterTransform``), so a bound means the same
/// thing whichever algorithm runs.
public struct Parameter: Sendable, Hashable {
  /// The unique name of the parameter.
  public var name: String
  /// The value: the start value before a fit.
  public var value: Double
  /// The lower bound, or nil for none.
  public var lower: Double?
  /// The upper bound, or nil for none.
  public var upper: Double?
  /// Whether a fit holds the parameter at ``value``.
  public var isFixed: Bool

  /// A parameter with a start value (default 1), optional bounds and fixing.
  public init(
    _ name: String, value: Double = 1, lower: Double? = nil, upper: Double? = nil,
    isFixed: Bool = false
  ) {
    self.name = name
    self.value = value
    self.lower = lower
    self.upper = upper
    self.isFixed = isFixed
  }

  /// Whether either bound is set.
  public var isBounded: Bool { lower != nil || upper != nil }
}
