/// A continuous colour map for heat maps: a value t in 0…1 becomes a colour by linear
/// interpolation between evenly spaced anchor colours.
///
/// Both shipped maps are readable by colour-blind readers and in grey-scale print:
/// ``viridis`` (sequential, perceptually uniform, monotone in lightness) for magnitudes,
/// ``blueWhiteRed`` (ColorBrewer RdBu, diverging, white at the centre) for signed
/// quantities such as residuals, pulls and correlations.
public struct ColorMap: Sendable, Hashable {
  /// A name for documentation and tests.
  public var name: String
  /// Colours at t = 0, 1/(m−1), …, 1.
  public var anchors: [Color]
  /// Whether the map is diverging (its centre means zero): a heat map then makes its
  /// value range symmetric about zero by default.
  public var isDiverging: Bool

  public init(name: String, anchors: [Color], isDiverging: Bool) {
    precondition(anchors.count >= 2, "a colour map needs at least two anchors")
    self.name = name
    self.anchors = anchors
    self.isDiverging = isDiverging
  }

  /// The colour at `t` (clamped to 0…1; NaN gives the first anchor).
  public func color(at t: Double) -> Color {
    let t = t.isNaN ? 0 : min(max(t, 0), 1)
    let position = t * Double(anchors.count - 1)
    let index = min(Int(position), anchors.count - 2)
    return anchors[index].mixed(with: anchors[index + 1], fraction: position - Double(index))
  }

  /// Viridis (van der Walt & Smith, matplotlib), sampled at eleven points.
  public static let viridis = ColorMap(
    name: "viridis",
    anchors: [
      0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70, 0x7AD151,
      0xBDDF26, 0xFDE725,
    ].map { Color(hex: $0) },
    isDiverging: false)

  /// Blue–white–red (ColorBrewer RdBu with 11 classes, blue for negative values).
  public static let blueWhiteRed = ColorMap(
    name: "blue-white-red",
    anchors: [
      0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D,
      0xB2182B, 0x67001F,
    ].map { Color(hex: $0) },
    isDiverging: true)
}
