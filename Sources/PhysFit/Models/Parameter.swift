/// One parameter θⱼ of a model: a name, a value and the constraints a fit respects.
///
/// Bounds are optional on each side. Every optimizer honours them through the same
/// internal↔external transform (``ParameterTransform``), so a bound means the same
/// thing whichever algorithm runs.
public struct Parameter: Sendable, Hashable {
  public var name: String
  public var value: Double
  public var lower: Double?
  public var upper: Double?
  public var isFixed: Bool

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
