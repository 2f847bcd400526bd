/// A rectangle in SVG pixels (y grows downwards).
public struct Rect: Sendable, Hashable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double

  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  public var maxX: Double { x + width }
  public var maxY: Double { y + height }
  public var midX: Double { x + width / 2 }
  public var midY: Double { y + height / 2 }

  func contains(_ px: Double, _ py: Double) -> Bool {
    px >= x && px <= maxX && py >= y && py <= maxY
  }
}

/// Where everything of a figure goes: the frames of the panels and their axis
/// transforms. Tests use it to map known data points to pixels.
public struct FigureLayout: Sendable {
  public var width: Double
  public var height: Double
  public var panels: [PanelLayout]
}

/// One panel's frame, axis transforms and ticks.
public struct PanelLayout: Sendable {
  /// The plotting area (inside the axes).
  public var frame: Rect
  public var x: AxisTransform
  public var y: AxisTransform
  public var xTicks: [Tick]
  public var yTicks: [Tick]
  public var xMinorTicks: [Double]
  public var yMinorTicks: [Double]
  /// The colour bar of the panel's first heat map.
  public var colorBar: Rect?
}

extension Figure {
  /// Computes the layout: margins from the estimated widths of the tick labels, panel
  /// heights in proportion to their ``Panel/heightRatio``.
  public func layout() -> FigureLayout {
    let s = style
    let totalHeight = resolvedHeight
    let xRange = xAxis.resolvedRange(
      extent: DataExtent.x(of: panels.flatMap(\.series), xAxis.scale))
    let xTicks = xAxis.ticks(in: xRange)
    let yRanges = panels.map { panel in
      panel.yAxis.resolvedRange(extent: DataExtent.y(of: panel.series, panel.yAxis.scale))
    }
    let yTicks = zip(panels, yRanges).map { $0.yAxis.ticks(in: $1) }
    let widestY = yTicks.joined().map { s.textWidth($0.label, size: s.tickSize) }.max() ?? 0
    let left = 10 + (hasYLabel ? s.labelSize * 1.3 : 0) + widestY + s.tickLength + 6

    let rotatesX = xLabelsRotate(xTicks, xRange: xRange)
    let widestX = xTicks.map { s.textWidth($0.label, size: s.tickSize) }.max() ?? 0
    let xTickSpace = rotatesX ? widestX * 0.72 + s.tickSize : s.tickSize * 1.3
    let bottom = s.tickLength + 4 + xTickSpace + (xAxis.title.isEmpty ? 6 : s.labelSize * 1.4 + 8)
    let top = (title?.isEmpty ?? true) ? 14 : s.titleSize * 2 + 6

    var right = 20.0
    let heatMaps = panels.map { panel in
      panel.series.lazy.compactMap { series -> HeatMap? in
        if case .heatMap(let map) = series.kind { return map }
        return nil
      }.first
    }
    var barExtra = 0.0
    for map in heatMaps.compactMap({ $0 }) {
      let r = map.resolvedRange
      let ticks = NiceTicks.linear(lower: r.lowerBound, upper: r.upperBound, count: 6)
      let widest =
        TickFormat.linearLabels(ticks).map { s.textWidth($0, size: s.tickSize) }.max() ?? 0
      let label = map.colorBarLabel.isEmpty ? 0 : s.labelSize * 1.4
      barExtra = max(barExtra, 14 + 14 + s.tickLength + 4 + widest + label)
    }
    right += barExtra
    // A legend outside the plotting area takes its width from the frame.
    let outsideLegend = panels.filter { $0.resolvedLegend == .outside }
      .map { LegendMetrics.size(of: $0, style: s).width + LegendMetrics.outsideGap }.max()
    right += outsideLegend ?? 0

    let plotHeight = max(
      totalHeight - top - bottom - s.panelGap * Double(max(panels.count - 1, 0)), 1)
    let ratioSum = panels.map { max($0.heightRatio, 0.01) }.reduce(0, +)
    var y = top
    var layouts: [PanelLayout] = []
    let frameWidth = max(width - left - right, 1)
    for (index, panel) in panels.enumerated() {
      let h = plotHeight * max(panel.heightRatio, 0.01) / max(ratioSum, 0.01)
      let frame = Rect(x: left, y: y, width: frameWidth, height: h)
      let xr = xRange
      let yr = yRanges[index]
      let xt = AxisTransform(
        scale: xAxis.scale, lower: xr.lowerBound, upper: xr.upperBound,
        start: xAxis.isReversed ? frame.maxX : frame.x, end: xAxis.isReversed ? frame.x : frame.maxX
      )
      let yt = AxisTransform(
        scale: panel.yAxis.scale, lower: yr.lowerBound, upper: yr.upperBound,
        start: panel.yAxis.isReversed ? frame.y : frame.maxY,
        end: panel.yAxis.isReversed ? frame.maxY : frame.y)
      let bar = heatMaps[index].map { _ in
        Rect(x: frame.maxX + 14, y: frame.y, width: 14, height: frame.height)
      }
      layouts.append(
        PanelLayout(
          frame: frame, x: xt, y: yt, xTicks: xTicks, yTicks: yTicks[index],
          xMinorTicks: xAxis.minorTicks(in: xr, major: xTicks.map(\.value)),
          yMinorTicks: panel.yAxis.minorTicks(in: yr, major: yTicks[index].map(\.value)),
          colorBar: bar))
      y += h + s.panelGap
    }
    return FigureLayout(width: width, height: totalHeight, panels: layouts)
  }

  private var hasYLabel: Bool { panels.contains { !$0.yAxis.title.isEmpty } }

  /// Whether the x tick labels would overlap side by side (long category names) and are
  /// drawn rotated by 40° instead.
  func xLabelsRotate(_ ticks: [Tick], xRange: ClosedRange<Double>) -> Bool {
    guard ticks.count >= 2 else { return false }
    let widest = ticks.map { style.textWidth($0.label, size: style.tickSize) }.max() ?? 0
    let available = (width - 120) / Double(ticks.count)
    return widest > available * 0.9
  }
}
