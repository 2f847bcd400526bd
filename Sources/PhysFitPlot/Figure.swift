import PhysFit

/// A figure: one or more panels stacked vertically over a shared x axis, with a title.
///
/// ```swift
/// var figure = Figure(title: "Decay", xAxis: Axis(label: "t", unit: "s"))
/// var panel = Panel(yAxis: Axis(label: "N", scale: .log))
/// panel.add(.band(x: t, lower: lo, upper: hi, label: "±1σ"))
/// panel.add(.line(x: t, y: f, label: "fit"))
/// figure.panels = [panel]
/// try figure.write(to: "decay.svg")
/// ```
///
/// ``svg()`` returns a self-contained SVG document (no scripts, no external fonts or
/// images), so the file opens in any browser and embeds in Markdown.
public struct Figure: Sendable {
  public var title: String?
  public var xAxis: Axis
  public var panels: [Panel]
  /// Width in pixels (SVG user units).
  public var width: Double
  /// Height in pixels; nil = 420 for one panel plus 150 for each further panel.
  public var height: Double?
  public var style: FigureStyle

  public init(
    title: String? = nil, xAxis: Axis = Axis(), panels: [Panel] = [], width: Double = 640,
    height: Double? = nil, style: FigureStyle = .standard
  ) {
    self.title = title
    self.xAxis = xAxis
    self.panels = panels
    self.width = width
    self.height = height
    self.style = style
  }

  /// The height actually used.
  public var resolvedHeight: Double {
    height ?? 420 + 150 * Double(max(panels.count - 1, 0))
  }

  /// Appends a panel.
  public mutating func add(_ panel: Panel) {
    panels.append(panel)
  }

  /// The SVG document.
  public func svg() -> String {
    FigureRenderer(figure: self, layout: layout()).render()
  }

  /// Writes ``svg()`` to `path` atomically (see `AtomicFile`).
  public func write(to path: String) throws(FileWriteError) {
    try AtomicFile.write(svg(), to: path)
  }
}
