extension FigureRenderer {
  /// The legend box: one row per labelled series (a swatch drawn like the series), then
  /// the panel's notes.
  mutating func renderLegend(_ panel: Panel, colors: [Color], geometry g: PanelLayout) {
    guard panel.legend != .hidden else { return }
    let entries = zip(panel.series, colors).filter { $0.0.label?.isEmpty == false }
    guard !entries.isEmpty || !panel.notes.isEmpty else { return }
    let s = style
    let (row, swatch, pad) = (LegendMetrics.row(s), LegendMetrics.swatch, LegendMetrics.pad)
    let size = LegendMetrics.size(of: panel, style: s)
    let box = legendBox(
      panel: panel, geometry: g, width: size.width, height: size.height, inset: 8)
    svg.open("g", ["class": "legend"])
    svg.element(
      "rect",
      [
        "x": Self.n(box.x), "y": Self.n(box.y), "width": Self.n(box.width),
        "height": Self.n(box.height), "fill": "#ffffff", "fill-opacity": "0.85",
        "stroke": Color.lightGray.svg, "rx": "2",
      ])
    var y = box.y + pad + row * 0.4
    for (series, color) in entries {
      let x0 = box.x + pad
      renderSwatch(series, color: color, x: x0, y: y, width: swatch, height: row)
      svg.element(
        "text",
        [
          "class": "legend-label", "x": Self.n(x0 + swatch + 6),
          "y": Self.n(y + s.legendSize * 0.35),
          "font-size": Self.n(s.legendSize),
        ], text: series.label ?? "")
      y += row
    }
    for note in panel.notes {
      svg.element(
        "text",
        [
          "class": "legend-note", "x": Self.n(box.x + pad), "y": Self.n(y + s.legendSize * 0.35),
          "font-size": Self.n(s.legendSize),
        ], text: note)
      y += row
    }
    svg.close("g")
  }

  private mutating func renderSwatch(
    _ series: Series, color: Color, x: Double, y: Double, width: Double, height: Double
  ) {
    let line = "M\(Self.n(x)) \(Self.n(y))h\(Self.n(width))"
    switch series.kind {
    case .band:
      svg.element(
        "rect",
        [
          "x": Self.n(x), "y": Self.n(y - height * 0.3), "width": Self.n(width),
          "height": Self.n(height * 0.6), "fill": color.svg, "fill-opacity": Self.n(series.opacity),
        ])
    case .points(_, _, let xErrors, let yErrors):
      svg.open("g", ["fill": color.svg, "stroke": color.svg])
      var bars = ""
      if yErrors != nil {
        bars += "M\(Self.n(x + width / 2)) \(Self.n(y - height * 0.35))v\(Self.n(height * 0.7))"
      }
      if xErrors != nil { bars += "M\(Self.n(x + 3)) \(Self.n(y))h\(Self.n(width - 6))" }
      if !bars.isEmpty { svg.element("path", ["d": bars, "stroke-width": "1", "fill": "none"]) }
      svg.open(
        "g",
        [
          "stroke": series.markerOutline?.svg,
          "stroke-width": series.markerOutline == nil ? nil : "0.7",
        ])
      renderMarker(series.marker, x: x + width / 2, y: y, size: series.markerSize)
      svg.close("g")
      svg.close("g")
    case .heatMap:
      break
    case .line, .step, .horizontalLine, .verticalLine:
      svg.element(
        "path",
        [
          "d": line, "stroke": color.svg, "stroke-width": Self.n(series.lineWidth),
          "stroke-dasharray": series.lineStyle.dashArray, "fill": "none",
        ])
    }
  }

  /// The box in the requested corner; for ``LegendPosition/automatic`` the corner whose
  /// box covers the fewest drawn points.
  private func legendBox(
    panel: Panel, geometry g: PanelLayout, width: Double, height: Double, inset: Double
  ) -> Rect {
    let f = g.frame
    func corner(_ p: LegendPosition) -> Rect {
      switch p {
      case .outside:
        return Rect(
          x: f.maxX + LegendMetrics.outsideGap, y: f.y, width: width, height: height)
      case .topLeft: return Rect(x: f.x + inset, y: f.y + inset, width: width, height: height)
      case .bottomRight:
        return Rect(
          x: f.maxX - inset - width, y: f.maxY - inset - height, width: width, height: height)
      case .bottomLeft:
        return Rect(x: f.x + inset, y: f.maxY - inset - height, width: width, height: height)
      default:
        return Rect(x: f.maxX - inset - width, y: f.y + inset, width: width, height: height)
      }
    }
    guard panel.resolvedLegend == .automatic else { return corner(panel.resolvedLegend) }
    let pixels = Self.drawnPixels(panel.series, g)
    let candidates: [LegendPosition] = [.topRight, .topLeft, .bottomRight, .bottomLeft]
    var best = candidates[0]
    var fewest = Int.max
    for c in candidates {
      let box = corner(c)
      let covered = pixels.reduce(0) { $0 + (box.contains($1.0, $1.1) ? 1 : 0) }
      if covered < fewest {
        fewest = covered
        best = c
      }
    }
    return corner(best)
  }

  /// Pixel positions of the data drawn (points, line vertices, band edges, bin tops),
  /// for placing the legend where it hides the least.
  static func drawnPixels(_ series: [Series], _ g: PanelLayout) -> [(Double, Double)] {
    var out: [(Double, Double)] = []
    func add(_ x: [Double], _ y: [Double]) {
      for (a, b) in zip(x, y) {
        if let px = g.x.pixel(a), let py = g.y.pixel(b) { out.append((px, py)) }
      }
    }
    for s in series {
      switch s.kind {
      case .line(let x, let y), .points(let x, let y, _, _): add(x, y)
      case .band(let x, let lo, let hi):
        add(x, lo)
        add(x, hi)
      case .step(let edges, let v):
        add(Array(edges.dropLast()), v)
        add(Array(edges.dropFirst()), v)
      case .heatMap, .horizontalLine, .verticalLine: break
      }
    }
    return out
  }
}

/// The legend box's measures, shared by the layout (which makes room for a legend
/// outside the plotting area) and the renderer.
enum LegendMetrics {
  /// Width of a series' swatch, and the padding inside the box.
  static let swatch = 22.0
  static let pad = 6.0
  /// Space between the plotting area and a legend outside it.
  static let outsideGap = 12.0

  /// Height of one legend row.
  static func row(_ s: FigureStyle) -> Double { s.legendSize * 1.45 }

  /// Width and height of the panel's legend box (labelled series, then notes).
  static func size(of panel: Panel, style s: FigureStyle) -> (width: Double, height: Double) {
    let labels = panel.series.compactMap(\.label).filter { !$0.isEmpty }
    let textWidths =
      labels.map { swatch + 6 + s.textWidth($0, size: s.legendSize) }
      + panel.notes.map { s.textWidth($0, size: s.legendSize) }
    let row = row(s)
    return (
      (textWidths.max() ?? 0) + 2 * pad,
      Double(labels.count + panel.notes.count) * row + 2 * pad - row * 0.2
    )
  }
}
