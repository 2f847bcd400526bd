import PhysFitPlot
import XCTest

final class NiceTicksTests: XCTestCase {
  func testHeckbertNiceNumbers() {
    // Nearest of 1, 2, 5, 10 × 10ᵏ (round) and smallest not below (ceiling), by hand.
    XCTAssertEqual(NiceTicks.niceNumber(2.16, round: true), 2, accuracy: 1e-12)
    XCTAssertEqual(NiceTicks.niceNumber(0.35, round: true), 0.5, accuracy: 1e-12)
    XCTAssertEqual(NiceTicks.niceNumber(0.0142, round: true), 0.01, accuracy: 1e-15)
    XCTAssertEqual(NiceTicks.niceNumber(7.5, round: true), 10, accuracy: 1e-12)
    XCTAssertEqual(NiceTicks.niceNumber(2.16, round: false), 5, accuracy: 1e-12)
    XCTAssertEqual(NiceTicks.niceNumber(1, round: false), 1, accuracy: 1e-12)
  }

  func testZeroToOneGivesFifths() {
    let axis = Axis()
    let ticks = axis.ticks(in: 0...1)
    XCTAssertEqual(ticks.map(\.label), ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    for (t, expected) in zip(ticks, [0, 0.2, 0.4, 0.6, 0.8, 1.0]) {
      XCTAssertEqual(t.value, expected, accuracy: 1e-12)
    }
    // A padded automatic range around 0…1 keeps the same ticks.
    let padded = axis.resolvedRange(extent: 0...1)
    XCTAssertLessThan(padded.lowerBound, 0)
    XCTAssertGreaterThan(padded.upperBound, 1)
    XCTAssertEqual(axis.ticks(in: padded).map(\.label), ["0", "0.2", "0.4", "0.6", "0.8", "1"])
  }

  func testOtherLinearRanges() {
    XCTAssertEqual(Axis().ticks(in: 0...10).map(\.label), ["0", "2", "4", "6", "8", "10"])
    XCTAssertEqual(Axis().ticks(in: -3...3).map(\.label), ["−3", "−2", "−1", "0", "1", "2", "3"])
    XCTAssertEqual(
      Axis().ticks(in: 95...107).map(\.label), ["96", "98", "100", "102", "104", "106"])
    XCTAssertEqual(
      Axis().ticks(in: 0.001...0.0021).map(\.label),
      ["0.001", "0.0012", "0.0014", "0.0016", "0.0018", "0.002"])
    // Large numbers use a power of ten: 0, 1×10⁵ … written "10⁵", 2×10⁵, …
    XCTAssertEqual(
      Axis().ticks(in: 0...500_000).map(\.label), ["0", "10⁵", "2×10⁵", "3×10⁵", "4×10⁵", "5×10⁵"])
  }

  func testLogDecades() {
    let axis = Axis(scale: .log)
    XCTAssertEqual(axis.ticks(in: 1...1000).map(\.label), ["1", "10", "100", "1000"])
    XCTAssertEqual(
      axis.resolvedRange(extent: 1...1000).lowerBound, 1 / pow(10, 3 * 0.04), accuracy: 1e-12)
    XCTAssertEqual(
      axis.ticks(in: axis.resolvedRange(extent: 1...1000)).map(\.label),
      ["1", "10", "100", "1000"])
    XCTAssertEqual(
      axis.ticks(in: 1e-6...1e-2).map(\.label), ["10⁻⁶", "10⁻⁵", "10⁻⁴", "0.001", "0.01"])
    // Twenty decades: every fourth one, not twenty labels.
    XCTAssertEqual(
      axis.ticks(in: 1e-10...1e10).map(\.label), ["10⁻¹⁰", "10⁻⁶", "0.01", "100", "10⁶", "10¹⁰"])
    // Less than two decades: 1-2-5 steps.
    XCTAssertEqual(axis.ticks(in: 3...70).map(\.label), ["5", "10", "20", "50"])
    // Minor ticks 2…9 per decade between the labelled ones.
    let minor = axis.minorTicks(in: 1...100, major: [1, 10, 100])
    XCTAssertEqual(minor.count, 16)
    XCTAssertEqual(minor.first ?? 0, 2, accuracy: 1e-12)
    XCTAssertEqual(minor.last ?? 0, 90, accuracy: 1e-9)
  }

  func testAxisTitleCarriesUnit() {
    XCTAssertEqual(Axis(label: "t", unit: "s").title, "t [s]")
    XCTAssertEqual(Axis(label: "counts").title, "counts")
    XCTAssertEqual(Axis(label: "counts", unit: "").title, "counts")
  }

  func testSymmetricRangeForPulls() {
    let r = Axis(isSymmetric: true).resolvedRange(extent: -0.5...2)
    XCTAssertEqual(r.lowerBound, -r.upperBound, accuracy: 1e-12)
    XCTAssertGreaterThan(r.upperBound, 2)
  }

  func testColorMapsAndPalette() {
    XCTAssertEqual(ColorMap.viridis.color(at: 0).svg, "#440154")
    XCTAssertEqual(ColorMap.viridis.color(at: 1).svg, "#fde725")
    XCTAssertEqual(ColorMap.blueWhiteRed.color(at: 0.5).svg, "#f7f7f7")
    // Halfway between two anchors: the channel means (0x44+0x48)/2 = 0x46, …
    XCTAssertEqual(ColorMap.viridis.color(at: 0.05).svg, "#461365")
    XCTAssertEqual(Palette.okabeIto.count, 8)
    XCTAssertEqual(Palette.color(0).svg, "#0072b2")
    XCTAssertEqual(Palette.color(8), Palette.color(0))
  }
}
