/// Draws a ``Figure`` into SVG markup following its ``FigureLayout``.
///
/// Every group carries a class (`panel`, `series line`, `x-ticks`, `legend`, …) so that
/// tests and style sheets can find the parts.
struct FigureRenderer {
  let figure: Figure
  let layout: FigureLayout
  var svg = SVGBuilder()

  init(figure: Figure, layout: FigureLayout) {
    self.figure = figure
    self.layout = layout
  }

  var style: FigureStyle { figure.style }

  static func n(_ v: Double) -> String { SVGBuilder.number(v) }

  consuming func render() -> String {
    let w = Self.n(layout.width)
    let h = Self.n(layout.height)
    svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    svg.open(
      "svg",
      [
        "xmlns": "http://www.w3.org/2000/svg", "width": w, "height": h,
        "viewBox": "0 0 \(w) \(h)", "font-family": style.fontFamily,
      ])
    if let title = figure.title, !title.isEmpty { svg.element("title", [:], text: title) }
    svg.element("rect", ["width": "100%", "height": "100%", "fill": "#ffffff"])
    for index in figure.panels.indices { renderPanel(index) }
    renderXLabel()
    renderTitle()
    svg.close("svg")
    return svg.text
  }

  private mutating func renderPanel(_ index: Int) {
    let panel = figure.panels[index]
    let geometry = layout.panels[index]
    let frame = geometry.frame
    svg.open("g", ["class": "panel", "id": "panel-\(index)"])
    svg.open("clipPath", ["id": "clip-\(index)"])
    svg.element(
      "rect",
      [
        "x": Self.n(frame.x), "y": Self.n(frame.y), "width": Self.n(frame.width),
        "height": Self.n(frame.height),
      ])
    svg.close("clipPath")
    if panel.showsGrid { renderGrid(geometry) }
    svg.open("g", ["clip-path": "url(#clip-\(index))"])
    let colors = Self.resolvedColors(panel.series)
    for (series, color) in zip(panel.series, colors) {
      renderSeries(series, color: color, in: geometry)
    }
    svg.close("g")
    svg.element(
      "rect",
      [
        "class": "frame", "x": Self.n(frame.x), "y": Self.n(frame.y),
        "width": Self.n(frame.width), "height": Self.n(frame.height), "fill": "none",
        "stroke": style.frameColor.svg, "stroke-width": "1",
      ])
    renderXTicks(geometry, withLabels: index == figure.panels.count - 1)
    renderYTicks(geometry)
    renderYLabel(panel.yAxis.title, frame: frame)
    if let bar = geometry.colorBar, let map = Self.firstHeatMap(panel) {
      renderColorBar(map, in: bar, index: index)
    }
    renderLegend(panel, colors: colors, geometry: geometry)
    svg.close("g")
  }

  /// Colours of a panel's series: explicit ones kept (they use up no palette colour); the
  /// others take Okabe–Ito colours in order, a band the colour of the next line, points or
  /// step series.
  static func resolvedColors(_ series: [Series]) -> [Color] {
    var next = 0
    var colors: [Color] = []
    for s in series {
      if let c = s.color {
        colors.append(c)
        continue
      }
      colors.append(Palette.color(next))
      if s.consumesPaletteColor { next += 1 }
    }
    return colors
  }

  static func firstHeatMap(_ panel: Panel) -> HeatMap? {
    for s in panel.series {
      if case .heatMap(let map) = s.kind { return map }
    }
    return nil
  }

  private mutating func renderGrid(_ g: PanelLayout) {
    var d = ""
    for t in g.xTicks {
      if let x = g.x.pixel(t.value) {
        d += "M\(Self.n(x)) \(Self.n(g.frame.y))V\(Self.n(g.frame.maxY))"
      }
    }
    for t in g.yTicks {
      if let y = g.y.pixel(t.value) {
        d += "M\(Self.n(g.frame.x)) \(Self.n(y))H\(Self.n(g.frame.maxX))"
      }
    }
    guard !d.isEmpty else { return }
    svg.element(
      "path",
      ["class": "grid", "d": d, "stroke": style.gridColor.svg, "stroke-width": "1", "fill": "none"])
  }

  private mutating func renderXTicks(_ g: PanelLayout, withLabels: Bool) {
    let s = style
    let bottom = g.frame.maxY
    var d = ""
    for t in g.xTicks {
      if let x = g.x.pixel(t.value) {
        d += "M\(Self.n(x)) \(Self.n(bottom))v\(Self.n(s.tickLength))"
      }
    }
    for v in g.xMinorTicks {
      if let x = g.x.pixel(v) { d += "M\(Self.n(x)) \(Self.n(bottom))v\(Self.n(s.tickLength / 2))" }
    }
    svg.open("g", ["class": "x-ticks"])
    if !d.isEmpty {
      svg.element(
        "path", ["d": d, "stroke": s.frameColor.svg, "stroke-width": "1", "fill": "none"])
    }
    if withLabels {
      let rotate = figure.xLabelsRotate(
        g.xTicks, xRange: min(g.x.lower, g.x.upper)...max(g.x.lower, g.x.upper))
      let y = bottom + s.tickLength + 3 + s.tickSize
      for t in g.xTicks {
        guard let x = g.x.pixel(t.value) else { continue }
        if rotate {
          svg.element(
            "text",
            [
              "class": "tick-label", "x": Self.n(x), "y": Self.n(y - s.tickSize * 0.3),
              "font-size": Self.n(s.tickSize), "text-anchor": "end",
              "transform": "rotate(-40 \(Self.n(x)) \(Self.n(y - s.tickSize * 0.3)))",
            ], text: t.label)
        } else {
          svg.element(
            "text",
            [
              "class": "tick-label", "x": Self.n(x), "y": Self.n(y),
              "font-size": Self.n(s.tickSize), "text-anchor": "middle",
            ], text: t.label)
        }
      }
    }
    svg.close("g")
  }

  private mutating func renderYTicks(_ g: PanelLayout) {
    let s = style
    let left = g.frame.x
    var d = ""
    for t in g.yTicks {
      if let y = g.y.pixel(t.value) {
        d += "M\(Self.n(left)) \(Self.n(y))h-\(Self.n(s.tickLength))"
      }
    }
    for v in g.yMinorTicks {
      if let y = g.y.pixel(v) { d += "M\(Self.n(left)) \(Self.n(y))h-\(Self.n(s.tickLength / 2))" }
    }
    svg.open("g", ["class": "y-ticks"])
    if !d.isEmpty {
      svg.element(
        "path", ["d": d, "stroke": s.frameColor.svg, "stroke-width": "1", "fill": "none"])
    }
    for t in g.yTicks {
      guard let y = g.y.pixel(t.value) else { continue }
      svg.element(
        "text",
        [
          "class": "tick-label", "x": Self.n(left - s.tickLength - 3),
          "y": Self.n(y + s.tickSize * 0.35), "font-size": Self.n(s.tickSize),
          "text-anchor": "end",
        ], text: t.label)
    }
    svg.close("g")
  }

  private mutating func renderYLabel(_ title: String, frame: Rect) {
    guard !title.isEmpty else { return }
    let x = 8 + style.labelSize
    svg.element(
      "text",
      [
        "class": "axis-label y-label", "x": Self.n(x), "y": Self.n(frame.midY),
        "font-size": Self.n(style.labelSize), "text-anchor": "middle",
        "transform": "rotate(-90 \(Self.n(x)) \(Self.n(frame.midY)))",
      ], text: title)
  }

  private mutating func renderXLabel() {
    let title = figure.xAxis.title
    guard !title.isEmpty, let last = layout.panels.last else { return }
    svg.element(
      "text",
      [
        "class": "axis-label x-label", "x": Self.n(last.frame.midX),
        "y": Self.n(layout.height - 10), "font-size": Self.n(style.labelSize),
        "text-anchor": "middle",
      ], text: title)
  }

  private mutating func renderTitle() {
    guard let title = figure.title, !title.isEmpty else { return }
    let x = layout.panels.first?.frame.midX ?? layout.width / 2
    svg.element(
      "text",
      [
        "class": "title", "x": Self.n(x), "y": Self.n(style.titleSize * 1.5),
        "font-size": Self.n(style.titleSize), "font-weight": "bold", "text-anchor": "middle",
      ], text: title)
  }
}

extension Series {
  /// Whether the series takes a colour from the palette (reference lines and heat maps do not).
  var consumesPaletteColor: Bool {
    switch kind {
    case .line, .points, .step: return true
    case .band, .heatMap, .horizontalLine, .verticalLine: return false
    }
  }
}
