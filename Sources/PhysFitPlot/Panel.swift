/// One plotting area of a figure: its own y axis and series; the x axis is the figure's.
///
/// Panels are stacked top to bottom and share the x axis (only the bottom one carries
/// x tick labels and the x label): a fit on top, its pulls below.
public struct Panel: Sendable {
  public var yAxis: Axis
  public var series: [Series]
  public var legend: LegendPosition
  /// Extra text lines shown in the legend box below the entries (χ²/ndf = 1.02, …).
  public var notes: [String]
  /// The panel's share of the figure's plotting height relative to the other panels
  /// (3 : 1 for a fit over its pulls).
  public var heightRatio: Double
  /// Light grid lines at the major ticks.
  public var showsGrid: Bool

  public init(
    yAxis: Axis = Axis(), series: [Series] = [], legend: LegendPosition = .automatic,
    notes: [String] = [], heightRatio: Double = 1, showsGrid: Bool = true
  ) {
    self.yAxis = yAxis
    self.series = series
    self.legend = legend
    self.notes = notes
    self.heightRatio = heightRatio
    self.showsGrid = showsGrid
  }

  /// The most legend rows (labelled series and notes) an ``LegendPosition/automatic``
  /// legend puts inside the plotting area: 8, about half the height of a default panel.
  public static let insideLegendLimit = 8

  /// The legend's place: ``legend``, with ``LegendPosition/automatic`` resolved to
  /// ``LegendPosition/outside`` for a long legend (a corner is chosen when drawing).
  public var resolvedLegend: LegendPosition {
    guard legend == .automatic else { return legend }
    let rows = series.filter { $0.label?.isEmpty == false }.count + notes.count
    return rows > Self.insideLegendLimit ? .outside : .automatic
  }

  /// Appends a series.
  public mutating func add(_ series: Series) {
    self.series.append(series)
  }
}

/// Where a legend box goes inside its panel.
public enum LegendPosition: Sendable, Hashable {
  /// The corner whose box would cover the fewest drawn points (tried in the order
  /// top right, top left, bottom right, bottom left); ``outside`` when the legend has
  /// more than ``Panel/insideLegendLimit`` rows, since a box that tall hides curves
  /// wherever it goes.
  case automatic
  /// To the right of the plotting area, which narrows to make room.
  case outside
  case topRight
  case topLeft
  case bottomRight
  case bottomLeft
  /// No legend.
  case hidden
}
