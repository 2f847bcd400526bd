/// One thing drawn in a panel: a line, points with error bars, a step histogram, a
/// shaded band, a heat map or a reference line.
///
/// Build series with the static functions (``line(x:y:label:color:style:width:)``,
/// ``points(x:y:xErrors:yErrors:label:color:marker:size:)``, …). A series without a
/// colour receives the next Okabe–Ito colour of its panel; a ``band(x:lower:upper:label:color:opacity:)``
/// without a colour takes the colour the *next* line or points series will receive,
/// so "band, then its central line" come out in one colour without naming it.
public struct Series: Sendable {
  /// What is drawn.
  public enum Kind: Sendable {
    /// A polyline through (xᵢ, yᵢ); non-finite points (or ≤ 0 on a log axis) break it.
    case line(x: [Double], y: [Double])
    /// Markers at (xᵢ, yᵢ), optionally with symmetric error bars ±xErrᵢ, ±yErrᵢ.
    case points(x: [Double], y: [Double], xErrors: [Double]?, yErrors: [Double]?)
    /// A histogram outline: `values[i]` over `edges[i]…edges[i+1]` (edges.count = values.count + 1).
    case step(edges: [Double], values: [Double])
    /// A shaded area between `lower[i]` and `upper[i]` over `x[i]`.
    case band(x: [Double], lower: [Double], upper: [Double])
    /// Coloured cells with a colour bar at the right of the panel.
    case heatMap(HeatMap)
    /// A horizontal reference line across the panel (y = 0 of a residual panel, Δχ² = 1).
    case horizontalLine(Double)
    /// A vertical reference line across the panel.
    case verticalLine(Double)
  }

  public var kind: Kind
  /// Legend text; nil = not in the legend.
  public var label: String?
  /// Nil = automatic (see the type's description).
  public var color: Color?
  public var lineStyle: LineStyle
  /// Stroke width in pixels.
  public var lineWidth: Double
  public var marker: MarkerShape
  /// Marker radius in pixels.
  public var markerSize: Double
  /// Fill opacity of bands.
  public var opacity: Double
  /// A contrasting outline around markers (light markers on a heat map); nil = none.
  public var markerOutline: Color?

  public init(
    kind: Kind, label: String? = nil, color: Color? = nil, lineStyle: LineStyle = .solid,
    lineWidth: Double = 1.5, marker: MarkerShape = .circle, markerSize: Double = 3,
    opacity: Double = 0.25, markerOutline: Color? = nil
  ) {
    self.kind = kind
    self.label = label
    self.color = color
    self.lineStyle = lineStyle
    self.lineWidth = lineWidth
    self.marker = marker
    self.markerSize = markerSize
    self.opacity = opacity
    self.markerOutline = markerOutline
  }

  /// A line through the points (x[i], y[i]).
  public static func line(
    x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
    style: LineStyle = .solid, width: Double = 1.5
  ) -> Series {
    Series(kind: .line(x: x, y: y), label: label, color: color, lineStyle: style, lineWidth: width)
  }

  /// Markers with optional error bars (pass `marker: .none` for bars only); `outline`
  /// draws a thin contrasting ring around each marker.
  public static func points(
    x: [Double], y: [Double], xErrors: [Double]? = nil, yErrors: [Double]? = nil,
    label: String? = nil, color: Color? = nil, marker: MarkerShape = .circle, size: Double = 3,
    outline: Color? = nil
  ) -> Series {
    Series(
      kind: .points(x: x, y: y, xErrors: xErrors, yErrors: yErrors), label: label, color: color,
      lineWidth: 1, marker: marker, markerSize: size, markerOutline: outline)
  }

  /// A step histogram over bin edges.
  public static func step(
    edges: [Double], values: [Double], label: String? = nil, color: Color? = nil,
    width: Double = 1.5
  ) -> Series {
    Series(kind: .step(edges: edges, values: values), label: label, color: color, lineWidth: width)
  }

  /// A shaded band between two curves (a ±1σ confidence band).
  public static func band(
    x: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color? = nil,
    opacity: Double = 0.25
  ) -> Series {
    Series(
      kind: .band(x: x, lower: lower, upper: upper), label: label, color: color, opacity: opacity)
  }

  /// A heat map (see ``HeatMap``).
  public static func heatMap(_ map: HeatMap) -> Series {
    Series(kind: .heatMap(map))
  }

  /// A horizontal reference line, grey and dashed unless styled otherwise.
  public static func horizontalLine(
    _ y: Double, label: String? = nil, color: Color = .gray, style: LineStyle = .dashed
  ) -> Series {
    Series(kind: .horizontalLine(y), label: label, color: color, lineStyle: style, lineWidth: 1)
  }

  /// A vertical reference line, grey and dashed unless styled otherwise.
  public static func verticalLine(
    _ x: Double, label: String? = nil, color: Color = .gray, style: LineStyle = .dashed
  ) -> Series {
    Series(kind: .verticalLine(x), label: label, color: color, lineStyle: style, lineWidth: 1)
  }
}

/// Stroke patterns.
public enum LineStyle: Sendable, Hashable {
  case solid
  case dashed
  case dotted
  case dashDot

  /// The SVG `stroke-dasharray`, nil for solid.
  var dashArray: String? {
    switch self {
    case .solid: return nil
    case .dashed: return "6 4"
    case .dotted: return "1.5 3"
    case .dashDot: return "6 3 1.5 3"
    }
  }
}

/// Marker shapes; ``none`` draws only the error bars.
public enum MarkerShape: Sendable, Hashable {
  case circle
  case square
  case triangle
  case diamond
  case none
}
