/// An sRGB colour with 8-bit channels, written to SVG as `#rrggbb`.
public struct Color: Sendable, Hashable {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// A colour from a 24-bit value, `Color(hex: 0x0072B2)`.
  public init(hex: UInt32) {
    self.init(
      red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
  }

  /// `#rrggbb`, lower case.
  public var svg: String {
    let digits = Array("0123456789abcdef")
    var text = "#"
    for channel in [red, green, blue] {
      text.append(digits[Int(channel >> 4)])
      text.append(digits[Int(channel & 0xF)])
    }
    return text
  }

  /// Relative luminance (ITU-R BT.709 weights on the sRGB channels, 0…1) — used to
  /// choose black or white text on a coloured cell.
  public var luminance: Double {
    (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
  }

  /// The colour a fraction `t` (0…1) of the way from `self` to `other`, channel by channel.
  public func mixed(with other: Color, fraction t: Double) -> Color {
    let t = min(max(t, 0), 1)
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
    }
    return Color(
      red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }

  public static let black = Color(hex: 0x000000)
  public static let white = Color(hex: 0xFFFFFF)
  /// The grey of frames, ticks and grid lines.
  public static let gray = Color(hex: 0x808080)
  /// Very light grey, for grid lines and missing heat-map cells.
  public static let lightGray = Color(hex: 0xE6E6E6)
}
