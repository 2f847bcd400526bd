extension FigureRenderer {
  mutating func renderSeries(_ series: Series, color: Color, in g: PanelLayout) {
    switch series.kind {
    case .line(let x, let y):
      renderLine(x: x, y: y, series: series, color: color, in: g)
    case .points(let x, let y, let xErrors, let yErrors):
      renderPoints(
        x: x, y: y, xErrors: xErrors, yErrors: yErrors, series: series, color: color, in: g)
    case .step(let edges, let values):
      renderStep(edges: edges, values: values, series: series, color: color, in: g)
    case .band(let x, let lower, let upper):
      renderBand(x: x, lower: lower, upper: upper, series: series, color: color, in: g)
    case .heatMap(let map):
      renderHeatMap(map, in: g)
    case .horizontalLine(let value):
      guard let y = g.y.pixel(value) else { return }
      strokePath(
        "M\(Self.n(g.frame.x)) \(Self.n(y))H\(Self.n(g.frame.maxX))", kind: "hline", series: series,
        color: color)
    case .verticalLine(let value):
      guard let x = g.x.pixel(value) else { return }
      strokePath(
        "M\(Self.n(x)) \(Self.n(g.frame.y))V\(Self.n(g.frame.maxY))", kind: "vline", series: series,
        color: color)
    }
  }

  private mutating func strokePath(_ d: String, kind: String, series: Series, color: Color) {
    guard !d.isEmpty else { return }
    svg.element(
      "path",
      [
        "class": "series \(kind)", "d": d, "fill": "none", "stroke": color.svg,
        "stroke-width": Self.n(series.lineWidth), "stroke-dasharray": series.lineStyle.dashArray,
        "stroke-linejoin": "round",
      ])
  }

  /// A polyline, broken where a point cannot be shown.
  private mutating func renderLine(
    x: [Double], y: [Double], series: Series, color: Color, in g: PanelLayout
  ) {
    var d = ""
    var penDown = false
    for (xv, yv) in zip(x, y) {
      guard let px = g.x.pixel(xv), let py = g.y.pixel(yv) else {
        penDown = false
        continue
      }
      d += (penDown ? "L" : "M") + "\(Self.n(px)) \(Self.n(py))"
      penDown = true
    }
    strokePath(d, kind: "line", series: series, color: color)
  }

  private mutating func renderPoints(
    x: [Double], y: [Double], xErrors: [Double]?, yErrors: [Double]?, series: Series,
    color: Color, in g: PanelLayout
  ) {
    svg.open("g", ["class": "series points", "fill": color.svg, "stroke": color.svg])
    var bars = ""
    for i in 0..<min(x.count, y.count) {
      guard let px = g.x.pixel(x[i]), let py = g.y.pixel(y[i]) else { continue }
      if let yErrors, i < yErrors.count, yErrors[i].isFinite, yErrors[i] > 0,
        let top = g.y.clampedPixel(y[i] + yErrors[i]),
        let bottom = g.y.clampedPixel(y[i] - yErrors[i])
      {
        bars += "M\(Self.n(px)) \(Self.n(bottom))V\(Self.n(top))"
      }
      if let xErrors, i < xErrors.count, xErrors[i].isFinite, xErrors[i] > 0,
        let l = g.x.clampedPixel(x[i] - xErrors[i]), let r = g.x.clampedPixel(x[i] + xErrors[i])
      {
        bars += "M\(Self.n(l)) \(Self.n(py))H\(Self.n(r))"
      }
    }
    if !bars.isEmpty {
      svg.element(
        "path",
        [
          "class": "error-bars", "d": bars, "fill": "none",
          "stroke-width": Self.n(series.lineWidth),
        ])
    }
    svg.open(
      "g",
      [
        "stroke": series.markerOutline?.svg,
        "stroke-width": series.markerOutline == nil ? nil : "0.7",
      ])
    for i in 0..<min(x.count, y.count) {
      guard let px = g.x.pixel(x[i]), let py = g.y.pixel(y[i]) else { continue }
      renderMarker(series.marker, x: px, y: py, size: series.markerSize)
    }
    svg.close("g")
    svg.close("g")
  }

  mutating func renderMarker(_ shape: MarkerShape, x: Double, y: Double, size r: Double) {
    switch shape {
    case .none: return
    case .circle:
      svg.element(
        "circle", ["class": "marker", "cx": Self.n(x), "cy": Self.n(y), "r": Self.n(r)])
    case .square:
      let a = r * 0.9
      svg.element(
        "rect",
        [
          "class": "marker", "x": Self.n(x - a), "y": Self.n(y - a), "width": Self.n(2 * a),
          "height": Self.n(2 * a),
        ])
    case .triangle:
      let a = r * 1.2
      svg.element(
        "path",
        [
          "class": "marker",
          "d": "M\(Self.n(x)) \(Self.n(y - a))L\(Self.n(x + a * 0.87)) \(Self.n(y + a * 0.5))"
            + "L\(Self.n(x - a * 0.87)) \(Self.n(y + a * 0.5))Z",
        ])
    case .diamond:
      let a = r * 1.25
      svg.element(
        "path",
        [
          "class": "marker",
          "d": "M\(Self.n(x)) \(Self.n(y - a))L\(Self.n(x + a)) \(Self.n(y))L\(Self.n(x)) "
            + "\(Self.n(y + a))L\(Self.n(x - a)) \(Self.n(y))Z",
        ])
    }
  }

  /// A histogram outline from the baseline (0, or the bottom of a log axis) up and over
  /// every bin and back down.
  private mutating func renderStep(
    edges: [Double], values: [Double], series: Series, color: Color, in g: PanelLayout
  ) {
    let count = min(values.count, edges.count - 1)
    guard count > 0 else { return }
    let base = g.y.clampedPixel(0) ?? g.y.start
    var d = ""
    var last: Double?
    for i in 0..<count {
      guard let x0 = g.x.pixel(edges[i]), let x1 = g.x.pixel(edges[i + 1]) else {
        if last != nil { d += "V\(Self.n(base))" }
        last = nil
        continue
      }
      let y = g.y.clampedPixel(values[i]) ?? base
      if last == nil {
        d += "M\(Self.n(x0)) \(Self.n(base))V\(Self.n(y))"
      } else {
        d += "V\(Self.n(y))"
      }
      d += "H\(Self.n(x1))"
      last = y
    }
    if last != nil { d += "V\(Self.n(base))" }
    strokePath(d, kind: "step", series: series, color: color)
  }

  /// A filled polygon per run of points where both edges can be drawn: upper edge
  /// forwards, lower edge backwards.
  private mutating func renderBand(
    x: [Double], lower: [Double], upper: [Double], series: Series, color: Color,
    in g: PanelLayout
  ) {
    var d = ""
    var run: [(Double, Double, Double)] = []
    func flush() {
      defer { run.removeAll() }
      guard run.count >= 2 else { return }
      d += "M" + run.map { "\(Self.n($0.0)) \(Self.n($0.2))" }.joined(separator: "L")
      d += "L" + run.reversed().map { "\(Self.n($0.0)) \(Self.n($0.1))" }.joined(separator: "L")
      d += "Z"
    }
    for i in 0..<min(x.count, lower.count, upper.count) {
      guard let px = g.x.pixel(x[i]), let hi = g.y.clampedPixel(upper[i]),
        let lo = g.y.clampedPixel(lower[i]), upper[i].isFinite, lower[i].isFinite
      else {
        flush()
        continue
      }
      run.append((px, lo, hi))
    }
    flush()
    guard !d.isEmpty else { return }
    svg.element(
      "path",
      [
        "class": "series band", "d": d, "fill": color.svg, "fill-opacity": Self.n(series.opacity),
        "stroke": "none",
      ])
  }

  private mutating func renderHeatMap(_ map: HeatMap, in g: PanelLayout) {
    // crispEdges: neighbouring cells meet on whole pixels, without anti-aliased seams.
    svg.open("g", ["class": "series heatmap", "shape-rendering": "crispEdges"])
    let fontSize = style.tickSize
    for j in 0..<map.rowCount {
      guard let y0 = g.y.pixel(map.yEdges[j]), let y1 = g.y.pixel(map.yEdges[j + 1]) else {
        continue
      }
      for i in 0..<map.columnCount {
        guard let x0 = g.x.pixel(map.xEdges[i]), let x1 = g.x.pixel(map.xEdges[i + 1]) else {
          continue
        }
        let value = map.values[j * map.columnCount + i]
        let fill = map.color(of: value).svg
        svg.element(
          "rect",
          [
            "x": Self.n(min(x0, x1)), "y": Self.n(min(y0, y1)), "width": Self.n(abs(x1 - x0)),
            "height": Self.n(abs(y1 - y0)), "fill": fill,
          ])
        if let labels = map.cellLabels, j * map.columnCount + i < labels.count {
          let textColor = map.color(of: value).luminance > 0.5 ? Color.black : Color.white
          let size = min(fontSize, abs(y1 - y0) * 0.45, abs(x1 - x0) / 3.2)
          svg.element(
            "text",
            [
              "class": "cell-label", "x": Self.n((x0 + x1) / 2),
              "y": Self.n((y0 + y1) / 2 + size * 0.35), "font-size": Self.n(size),
              "text-anchor": "middle", "fill": textColor.svg,
            ], text: labels[j * map.columnCount + i])
        }
      }
    }
    svg.close("g")
  }
}
