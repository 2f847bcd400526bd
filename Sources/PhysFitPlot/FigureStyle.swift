/// Fonts and spacing of a figure. The defaults are sized for a 640-pixel-wide figure
/// viewed at 100 % (tick labels 11 px ≈ 8 pt, axis labels 13 px, title 15 px), so that
/// the text stays readable when the SVG is scaled to a page column.
public struct FigureStyle: Sendable, Hashable {
  /// A generic sans-serif stack present on every system; no font is embedded.
  public var fontFamily: String = "Helvetica, Arial, 'DejaVu Sans', sans-serif"
  public var titleSize: Double = 15
  public var labelSize: Double = 13
  public var tickSize: Double = 11
  public var legendSize: Double = 11
  /// Length of major tick marks (minor ticks are half as long).
  public var tickLength: Double = 5
  /// Vertical gap between stacked panels.
  public var panelGap: Double = 10
  /// Frame and tick colour.
  public var frameColor: Color = Color(hex: 0x333333)
  public var gridColor: Color = Color(hex: 0xE8E8E8)

  public init() {}

  /// The defaults.
  public static let standard = FigureStyle()

  /// Estimated width of `text` at `size` px: 0.58 em per character, about the average
  /// advance of Helvetica/Arial (SVG cannot measure text before it is rendered).
  func textWidth(_ text: String, size: Double) -> Double {
    Double(text.count) * size * 0.58
  }
}
