/// Categorical colours that stay distinguishable for colour-blind readers.
///
/// The palette is Okabe & Ito's (2008, "Color Universal Design"), the usual choice for
/// scientific figures because its eight colours differ for all common kinds of colour
/// vision deficiency. Order: the strong colours first (blue, vermillion, bluish green,
/// orange, reddish purple, sky blue), then yellow (weak on white) and black.
public enum Palette {
  /// Okabe–Ito, in the order series receive them.
  public static let okabeIto: [Color] = [
    Color(hex: 0x0072B2),  // blue
    Color(hex: 0xD55E00),  // vermillion
    Color(hex: 0x009E73),  // bluish green
    Color(hex: 0xE69F00),  // orange
    Color(hex: 0xCC79A7),  // reddish purple
    Color(hex: 0x56B4E9),  // sky blue
    Color(hex: 0xF0E442),  // yellow
    Color(hex: 0x000000),  // black
  ]

  /// The `index`-th categorical colour, cycling after eight.
  public static func color(_ index: Int) -> Color {
    okabeIto[((index % okabeIto.count) + okabeIto.count) % okabeIto.count]
  }
}
