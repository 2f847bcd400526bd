/// Accumulates SVG markup with escaped text and attribute values and compact numbers.
struct SVGBuilder {
  private(set) var text = ""
  private var depth = 0

  /// `&`, `<`, `>`, `"` and `'` as entities; control characters other than tab and
  /// newline (not allowed in XML 1.0) are dropped.
  static func escape(_ raw: String) -> String {
    var out = ""
    out.reserveCapacity(raw.utf8.count)
    for scalar in raw.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        let v = scalar.value
        if v < 0x20 && v != 0x9 && v != 0xA && v != 0xD { continue }
        if v == 0xFFFE || v == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A coordinate with at most two decimals (1/100 pixel), trailing zeros dropped.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = (value * 100).rounded()
    guard abs(hundredths) < 1e15 else { return "0" }
    let n = Int(hundredths)
    let sign = n < 0 ? "-" : ""
    let magnitude = abs(n)
    let whole = magnitude / 100
    let fraction = magnitude % 100
    if fraction == 0 { return n == 0 ? "0" : "\(sign)\(whole)" }
    if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  private static func attributes(_ pairs: KeyValuePairs<String, String?>) -> String {
    var out = ""
    for (key, value) in pairs {
      if let value { out += " \(key)=\"\(escape(value))\"" }
    }
    return out
  }

  private mutating func line(_ s: String) {
    text += String(repeating: " ", count: depth) + s + "\n"
  }

  mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
    line("<\(tag)\(Self.attributes(attributes))>")
    depth += 1
  }

  mutating func close(_ tag: String) {
    depth -= 1
    line("</\(tag)>")
  }

  mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?>) {
    line("<\(tag)\(Self.attributes(attributes))/>")
  }

  mutating func element(
    _ tag: String, _ attributes: KeyValuePairs<String, String?>, text content: String
  ) {
    line("<\(tag)\(Self.attributes(attributes))>\(Self.escape(content))</\(tag)>")
  }

  mutating func raw(_ markup: String) {
    line(markup)
  }
}
