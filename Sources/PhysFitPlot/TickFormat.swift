import Foundation

/// Tick labels: as few digits as the tick spacing needs, trailing zeros dropped
/// (0, 0.2, …, 1); a power-of-ten form (2.5×10⁵, 10⁻⁴) for very large or very small numbers.
public enum TickFormat {
  /// Labels for linear ticks with spacing taken from the ticks themselves.
  public static func linearLabels(_ ticks: [Double]) -> [String] {
    guard ticks.count >= 1 else { return [] }
    let step = ticks.count >= 2 ? abs(ticks[1] - ticks[0]) : max(abs(ticks[0]), 1)
    let largest = ticks.map(abs).max() ?? 0
    if largest >= 1e5 || (largest > 0 && largest < 1e-3) {
      let exponent = Int(floor(log10(largest)))
      let digits = max(0, exponent - Int(floor(log10(step))))
      return ticks.map { t in
        if t == 0 { return "0" }
        let mantissa = trimmed(String(format: "%.\(digits)f", t / pow(10, Double(exponent))))
        return (mantissa == "1" ? "" : mantissa == "-1" ? "-" : mantissa + "×") + power(exponent)
      }.map { $0.replacingOccurrences(of: "-", with: "−") }
    }
    let digits = max(0, -Int(floor(log10(step) + 1e-9)))
    return ticks.map { t in
      trimmed(String(format: "%.\(digits)f", t)).replacingOccurrences(of: "-", with: "−")
    }
  }

  /// Labels for log ticks: plain decimals from 0.001 to 10000, 10ᵏ beyond.
  public static func logLabels(_ ticks: [Double]) -> [String] {
    ticks.map { t in
      let exponent = log10(t)
      let isPower = abs(exponent - exponent.rounded()) < 1e-9
      if t >= 1e-3 && t <= 1e4 {
        let digits = max(0, -Int(floor(exponent + 1e-9)))
        return trimmed(String(format: "%.\(digits)f", t))
      }
      if isPower { return power(Int(exponent.rounded())) }
      let k = Int(floor(exponent + 1e-9))
      return trimmed(String(format: "%.1f", t / pow(10, Double(k)))) + "×" + power(k)
    }
  }

  /// "10" followed by the exponent in Unicode superscript digits: 10⁻³.
  public static func power(_ exponent: Int) -> String {
    let superscripts: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
      "9": "⁹", "-": "⁻",
    ]
    return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
  }

  /// "1.50" → "1.5", "2.00" → "2", "-0" → "0".
  static func trimmed(_ text: String) -> String {
    var text = text
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }
}
