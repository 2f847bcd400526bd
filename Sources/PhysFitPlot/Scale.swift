import Foundation

/// How data values map onto an axis.
public enum Scale: Sendable, Hashable {
  /// Equal distances for equal differences.
  case linear
  /// Equal distances for equal ratios (base 10); values ≤ 0 cannot be shown and are
  /// left out (lines break there).
  case log

  /// The value in the scale's own linear coordinate (log₁₀ for ``log``); nil when the
  /// value cannot be shown on this scale.
  public func forward(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    switch self {
    case .linear: return value
    case .log: return value > 0 ? Foundation.log10(value) : nil
    }
  }

  /// The inverse of ``forward(_:)``.
  public func inverse(_ coordinate: Double) -> Double {
    switch self {
    case .linear: return coordinate
    case .log: return Foundation.pow(10, coordinate)
    }
  }
}

/// The affine map from an axis's scaled coordinate to SVG pixels:
/// pixel = start + (forward(value) − forward(lower)) / (forward(upper) − forward(lower)) · (end − start).
///
/// For a y axis `start` is the bottom of the panel and `end` its top (SVG's y grows
/// downwards), so larger values are drawn higher.
public struct AxisTransform: Sendable, Hashable {
  public var scale: Scale
  /// The data range shown (lower < upper; both > 0 on a log scale).
  public var lower: Double
  public var upper: Double
  /// Pixel positions of `lower` and `upper`.
  public var start: Double
  public var end: Double

  public init(scale: Scale, lower: Double, upper: Double, start: Double, end: Double) {
    self.scale = scale
    self.lower = lower
    self.upper = upper
    self.start = start
    self.end = end
  }

  /// The pixel of `value`, or nil when the value cannot be shown on the scale.
  public func pixel(_ value: Double) -> Double? {
    guard let v = scale.forward(value), let a = scale.forward(lower), let b = scale.forward(upper)
    else { return nil }
    return start + (v - a) / (b - a) * (end - start)
  }

  /// The pixel of `value`, clamped into the visible range (a band's edge that lies
  /// below a log axis is drawn at the axis).
  public func clampedPixel(_ value: Double) -> Double? {
    if scale == .log, value.isFinite, value <= 0 { return start }
    guard let p = pixel(value) else { return nil }
    let margin = abs(end - start) * 2
    return min(max(p, min(start, end) - margin), max(start, end) + margin)
  }
}
