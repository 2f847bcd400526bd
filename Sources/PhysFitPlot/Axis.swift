import Foundation

/// One axis of a figure: its label (with unit), scale and range.
///
/// The range is taken from the data unless given: the data's extent padded by
/// ``padding`` of its width on each side (in the scale's own coordinate, so a log axis
/// pads by a ratio), so that markers at the ends are not cut by the frame. Ticks are
/// then the "nice" values inside the range (``NiceTicks``).
public struct Axis: Sendable, Hashable {
  /// The quantity, e.g. "t" or "counts".
  public var label: String
  /// The unit, shown in brackets after the label: "t [s]". Nil or empty: no brackets.
  public var unit: String?
  public var scale: Scale
  /// A fixed range; nil = from the data.
  public var range: ClosedRange<Double>?
  /// Fraction of the data's extent added on each side of an automatic range. The
  /// default 4 % keeps end markers and error bars clear of the frame.
  public var padding: Double
  /// About how many major ticks to draw (Heckbert's n). Six suits a 500-pixel axis
  /// with labels of a few characters.
  public var tickCount: Int
  /// Whether an automatic range is made symmetric about zero (residuals, pulls).
  public var isSymmetric: Bool
  /// Named categories at positions 0, 1, …, n−1 (a correlation matrix's parameters):
  /// the ticks sit at the integers, labelled with the names, and the range is
  /// −½ … n−½.
  public var categories: [String]?
  /// Whether values grow downwards / leftwards (the rows of a matrix, top to bottom).
  public var isReversed: Bool

  public init(
    label: String = "", unit: String? = nil, scale: Scale = .linear,
    range: ClosedRange<Double>? = nil, padding: Double = 0.04, tickCount: Int = 6,
    isSymmetric: Bool = false, categories: [String]? = nil, isReversed: Bool = false
  ) {
    self.label = label
    self.unit = unit
    self.scale = scale
    self.range = range
    self.padding = padding
    self.tickCount = tickCount
    self.isSymmetric = isSymmetric
    self.categories = categories
    self.isReversed = isReversed
  }

  /// An axis of named categories (see ``categories``).
  public static func categorical(_ names: [String], label: String = "", isReversed: Bool = false)
    -> Axis
  {
    Axis(
      label: label, range: -0.5...(Double(names.count) - 0.5), categories: names,
      isReversed: isReversed)
  }

  /// The label as drawn: "label [unit]".
  public var title: String {
    guard let unit, !unit.isEmpty else { return label }
    return label.isEmpty ? "[\(unit)]" : "\(label) [\(unit)]"
  }

  /// The range shown for data spanning `extent` (nil extent: no data → 0…1, or 1…10 on log).
  public func resolvedRange(extent: ClosedRange<Double>?) -> ClosedRange<Double> {
    if let range, range.upperBound > range.lowerBound,
      scale == .linear || range.lowerBound > 0
    {
      return range
    }
    guard let extent else { return scale == .log ? 1...10 : 0...1 }
    switch scale {
    case .linear:
      var lo = extent.lowerBound
      var hi = extent.upperBound
      if isSymmetric {
        let m = max(abs(lo), abs(hi))
        lo = -m
        hi = m
      }
      if hi <= lo {
        let half = lo == 0 ? 1 : abs(lo) * 0.1
        return (lo - half)...(hi + half)
      }
      let pad = (hi - lo) * padding
      return (lo - pad)...(hi + pad)
    case .log:
      let lo = Foundation.log10(extent.lowerBound)
      let hi = Foundation.log10(extent.upperBound)
      if hi <= lo { return Foundation.pow(10, lo - 0.5)...Foundation.pow(10, hi + 0.5) }
      let pad = (hi - lo) * padding
      return Foundation.pow(10, lo - pad)...Foundation.pow(10, hi + pad)
    }
  }

  /// Major ticks and their labels for the shown range.
  public func ticks(in range: ClosedRange<Double>) -> [Tick] {
    if let categories {
      return categories.enumerated().map { Tick(value: Double($0.offset), label: $0.element) }
        .filter { range.contains($0.value) }
    }
    switch scale {
    case .linear:
      let values = NiceTicks.linear(
        lower: range.lowerBound, upper: range.upperBound, count: tickCount)
      return zip(values, TickFormat.linearLabels(values)).map { Tick(value: $0, label: $1) }
    case .log:
      let values = NiceTicks.log(lower: range.lowerBound, upper: range.upperBound, count: tickCount)
      return zip(values, TickFormat.logLabels(values)).map { Tick(value: $0, label: $1) }
    }
  }

  /// Minor ticks (log axes only).
  public func minorTicks(in range: ClosedRange<Double>, major: [Double]) -> [Double] {
    guard scale == .log, categories == nil else { return [] }
    return NiceTicks.logMinor(lower: range.lowerBound, upper: range.upperBound, major: major)
  }
}

/// A major tick: its data value and its label.
public struct Tick: Sendable, Hashable {
  public var value: Double
  public var label: String

  public init(value: Double, label: String) {
    self.value = value
    self.label = label
  }
}
