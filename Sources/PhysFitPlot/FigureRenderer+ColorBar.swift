extension FigureRenderer {
  /// A vertical colour bar: a gradient through the map's anchors (bottom = lower end of
  /// the range), ticks and labels on its right, the label rotated beyond them.
  mutating func renderColorBar(_ map: HeatMap, in bar: Rect, index: Int) {
    let s = style
    let range = map.resolvedRange
    let id = "colorbar-gradient-\(index)"
    svg.open("g", ["class": "colorbar"])
    svg.open("defs")
    svg.open("linearGradient", ["id": id, "x1": "0", "y1": "1", "x2": "0", "y2": "0"])
    let anchors = map.colorMap.anchors
    for (k, color) in anchors.enumerated() {
      svg.element(
        "stop",
        ["offset": Self.n(Double(k) / Double(anchors.count - 1)), "stop-color": color.svg])
    }
    svg.close("linearGradient")
    svg.close("defs")
    svg.element(
      "rect",
      [
        "x": Self.n(bar.x), "y": Self.n(bar.y), "width": Self.n(bar.width),
        "height": Self.n(bar.height), "fill": "url(#\(id))", "stroke": s.frameColor.svg,
        "stroke-width": "1",
      ])
    let transform = AxisTransform(
      scale: .linear, lower: range.lowerBound, upper: range.upperBound, start: bar.maxY,
      end: bar.y)
    let values = NiceTicks.linear(lower: range.lowerBound, upper: range.upperBound, count: 6)
    let labels = TickFormat.linearLabels(values)
    var d = ""
    var widest = 0.0
    for (v, label) in zip(values, labels) {
      guard let y = transform.pixel(v) else { continue }
      d += "M\(Self.n(bar.maxX)) \(Self.n(y))h\(Self.n(s.tickLength))"
      svg.element(
        "text",
        [
          "class": "tick-label", "x": Self.n(bar.maxX + s.tickLength + 3),
          "y": Self.n(y + s.tickSize * 0.35), "font-size": Self.n(s.tickSize),
        ], text: label)
      widest = max(widest, s.textWidth(label, size: s.tickSize))
    }
    if !d.isEmpty {
      svg.element(
        "path", ["d": d, "stroke": s.frameColor.svg, "stroke-width": "1", "fill": "none"])
    }
    if !map.colorBarLabel.isEmpty {
      let x = bar.maxX + s.tickLength + 6 + widest + s.labelSize * 0.8
      svg.element(
        "text",
        [
          "class": "axis-label colorbar-label", "x": Self.n(x), "y": Self.n(bar.midY),
          "font-size": Self.n(s.labelSize), "text-anchor": "middle",
          "transform": "rotate(-90 \(Self.n(x)) \(Self.n(bar.midY)))",
        ], text: map.colorBarLabel)
    }
    svg.close("g")
  }
}
