/// Values on a rectangular grid of cells, drawn as coloured rectangles with a colour bar.
///
/// Cell (i, j) spans `xEdges[i]…xEdges[i+1]` × `yEdges[j]…yEdges[j+1]` and has the value
/// `values[j * nx + i]` (row-major, one row per y cell). Non-finite values are drawn
/// light grey. The colour is ``colorMap`` at t = (v − lower)/(upper − lower).
public struct HeatMap: Sendable {
  public var xEdges: [Double]
  public var yEdges: [Double]
  public var values: [Double]
  public var colorMap: ColorMap
  /// The value range of the colour bar; nil = the finite values' extent, made symmetric
  /// about zero for a diverging map (so that white means zero).
  public var range: ClosedRange<Double>?
  /// The colour bar's label (with unit, if any).
  public var colorBarLabel: String
  /// Text written in each cell (same indexing as `values`), e.g. correlation coefficients;
  /// nil = none. Black or white, whichever contrasts with the cell.
  public var cellLabels: [String]?

  public init(
    xEdges: [Double], yEdges: [Double], values: [Double], colorMap: ColorMap = .viridis,
    range: ClosedRange<Double>? = nil, colorBarLabel: String = "", cellLabels: [String]? = nil
  ) {
    precondition(xEdges.count >= 2 && yEdges.count >= 2, "a heat map needs at least one cell")
    precondition(
      values.count == (xEdges.count - 1) * (yEdges.count - 1),
      "a heat map needs (nx) × (ny) values")
    self.xEdges = xEdges
    self.yEdges = yEdges
    self.values = values
    self.colorMap = colorMap
    self.range = range
    self.colorBarLabel = colorBarLabel
    self.cellLabels = cellLabels
  }

  /// Number of cells along x.
  public var columnCount: Int { xEdges.count - 1 }
  /// Number of cells along y.
  public var rowCount: Int { yEdges.count - 1 }

  /// The colour bar's range (see ``range``).
  public var resolvedRange: ClosedRange<Double> {
    if let range, range.upperBound > range.lowerBound { return range }
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
    if colorMap.isDiverging {
      let m = max(abs(lo), abs(hi))
      return m > 0 ? -m...m : -1...1
    }
    return hi > lo ? lo...hi : (lo - 0.5)...(hi + 0.5)
  }

  /// The colour of value `v` (light grey when not finite).
  public func color(of v: Double) -> Color {
    guard v.isFinite else { return .lightGray }
    let r = resolvedRange
    return colorMap.color(at: (v - r.lowerBound) / (r.upperBound - r.lowerBound))
  }
}
