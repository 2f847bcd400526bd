/// Labels and choices of a fit figure.
public struct FitFigureOptions: Sendable {
  public var title: String?
  /// The input's axis (label, unit, scale).
  public var xAxis: Axis
  /// The measured quantity's axis (label, unit, scale).
  public var yAxis: Axis
  public var dataLabel: String
  public var modelLabel: String
  /// Number of points at which the model curve and band are evaluated, evenly spaced
  /// (geometrically on a log x axis) over the data's range. 400 resolves a curve to
  /// about one and a half pixels across a 640-pixel figure.
  public var curvePoints: Int
  /// Whether to add the pull (with σ) or residual (without σ) panel below.
  public var showsResiduals: Bool
  /// Text lines for the legend box, e.g. ``FitFigure/summaryNotes(_:)``.
  public var notes: [String]

  public init(
    title: String? = nil, xAxis: Axis = Axis(label: "x"), yAxis: Axis = Axis(label: "y"),
    dataLabel: String = "data", modelLabel: String = "fit", curvePoints: Int = 400,
    showsResiduals: Bool = true, notes: [String] = []
  ) {
    self.title = title
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.dataLabel = dataLabel
    self.modelLabel = modelLabel
    self.curvePoints = curvePoints
    self.showsResiduals = showsResiduals
    self.notes = notes
  }
}
