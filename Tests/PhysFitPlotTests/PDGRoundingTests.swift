import PhysFitPlot
import XCTest

/// The Particle Data Group's rounding rule, on the PDG's own examples and on examples
/// published by others who quote the rule (sources in the comments).
final class PDGRoundingTests: XCTestCase {
  private func quote(_ value: Double, _ error: Double) -> String? {
    PDGRounding.round(value, error: error)?.text
  }

  /// Review of Particle Physics, Introduction, §5.3 ("Rounding"): "the result (coming from
  /// an average) 0.827 ± 0.119 would appear as 0.83 ± 0.12, while 0.827 ± 0.367 would turn
  /// into 0.8 ± 0.4."
  func testPDGExamples() {
    XCTAssertEqual(quote(0.827, 0.119), "0.83 ± 0.12")
    XCTAssertEqual(quote(0.827, 0.367), "0.8 ± 0.4")
  }

  /// The third band (950–999 → 1000, two significant digits) and values smaller than their
  /// errors: the examples listed with the rule in the README of the C++ header library
  /// "numerical_format" (1.827 ± 0.967 → 1.8 ± 1.0, 0.0367 ± 0.977 → 0.0 ± 1.0, …).
  func testRoundUpToOneThousand() {
    XCTAssertEqual(quote(1.827, 0.967), "1.8 ± 1.0")
    XCTAssertEqual(quote(0.0367, 0.977), "0.0 ± 1.0")
    XCTAssertEqual(quote(0.0119, 0.122), "0.01 ± 0.12")
    XCTAssertEqual(quote(0.0119, 0.827), "0.0 ± 0.8")
    XCTAssertEqual(PDGRounding.round(1.827, error: 0.967)?.errorDigits, 2)
  }

  /// Examples quoted with the rule elsewhere: STAR's HepData guidance
  /// (0.279008 ± 0.0123261 → 0.279 ± 0.012) and the `pdground` gem's documentation
  /// (12.2135 ± 0.03215 → 12.214 ± 0.032; 12.2135 ± 0.06515 → 12.21 ± 0.07).
  func testPublishedExamples() {
    XCTAssertEqual(quote(0.279008, 0.0123261), "0.279 ± 0.012")
    XCTAssertEqual(quote(12.2135, 0.03215), "12.214 ± 0.032")
    XCTAssertEqual(quote(12.2135, 0.06515), "12.21 ± 0.07")
  }

  /// The band edges are read from the three leading digits: 354 → two digits, 355 → one,
  /// 949 → one, 950 → up to 1000.
  func testBandEdges() {
    XCTAssertEqual(quote(1, 0.354), "1.00 ± 0.35")
    XCTAssertEqual(quote(1, 0.3549), "1.00 ± 0.35")
    XCTAssertEqual(quote(1, 0.355), "1.0 ± 0.4")
    XCTAssertEqual(quote(1, 0.949), "1.0 ± 0.9")
    XCTAssertEqual(quote(1, 0.0950), "1.00 ± 0.10")
    XCTAssertEqual(quote(1, 0.1), "1.00 ± 0.10")
  }

  /// Errors ≥ 10: the value is rounded to tens, hundreds, … and keeps its zeros.
  func testLargeNumbers() {
    XCTAssertEqual(quote(12345.6789, 345), "12350 ± 350")
    // 3456: leading digits 345 → two significant digits.
    XCTAssertEqual(quote(12345.6789, 3456), "12300 ± 3500")
    XCTAssertEqual(quote(12345.6789, 3556), "12000 ± 4000")
    XCTAssertEqual(quote(-1012.4, 31.2), "-1012 ± 31")
    let r = PDGRounding.round(12345.6789, error: 345)
    XCTAssertEqual(r?.place, 1)
    XCTAssertEqual(r?.value ?? 0, 12350, accuracy: 1e-9)
    XCTAssertEqual(r?.error ?? 0, 350, accuracy: 1e-9)
  }

  /// Rounding works on decimal digits: 0.355 is not mistaken for its binary neighbour
  /// 0.35499999999999998; carries propagate (9.96 → 10.0); −0 is written 0.
  func testDecimalRounding() {
    XCTAssertEqual(DecimalRounding.text(0.355, place: -2), "0.36")
    XCTAssertEqual(DecimalRounding.text(9.96, place: -1), "10.0")
    XCTAssertEqual(DecimalRounding.text(-0.004, place: -2), "0.00")
    XCTAssertEqual(DecimalRounding.text(0.04, place: -1), "0.0")
    XCTAssertEqual(DecimalRounding.text(0.05, place: -1), "0.1")
    XCTAssertEqual(DecimalRounding.text(1.5e-7, place: -8), "0.00000015")
    XCTAssertEqual(DecimalRounding.leadingDigits(0.0123261, count: 3), 123)
  }

  func testNoErrorNoRounding() {
    XCTAssertNil(PDGRounding.round(1, error: 0))
    XCTAssertNil(PDGRounding.round(1, error: .nan))
    XCTAssertNil(PDGRounding.round(.infinity, error: 1))
  }
}
