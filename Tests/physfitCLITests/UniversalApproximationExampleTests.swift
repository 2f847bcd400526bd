import Foundation
import XCTest

/// examples/UniversalApproximation compiles (a dependency of this test target) and shows
/// the theorem at work: the RMS error of one hidden tanh layer fitted to the Morse
/// potential falls by more than a factor 10 from the narrowest to the widest layer.
final class UniversalApproximationExampleTests: XCTestCase {
  func testErrorFallsWithWidth() throws {
    let output = try PhysFitRunner.run(["--fast"], program: "UniversalApproximation")
    XCTAssertEqual(output.status, 0, output.stderr)
    // Rows "width weights rms max", four numbers.
    var rms: [Int: Double] = [:]
    for line in output.stdout.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 4, let width = Int(fields[0]), let weights = Int(fields[1]),
        let error = Double(fields[2]), let largest = Double(fields[3])
      else { continue }
      XCTAssertEqual(weights, 3 * width + 1, String(line))
      XCTAssertTrue(error.isFinite && error > 0 && error <= largest, String(line))
      rms[width] = error
    }
    XCTAssertEqual(rms.keys.sorted(), [1, 2, 4, 8, 16, 32], output.stdout)
    let narrowest = try XCTUnwrap(rms[1])
    let widest = try XCTUnwrap(rms[32])
    XCTAssertLessThan(widest, narrowest / 10, output.stdout)
    // Every layer of 4 units or more beats the single unit by the same factor.
    for width in [4, 8, 16, 32] {
      XCTAssertLessThan(try XCTUnwrap(rms[width]), narrowest / 10, "width \(width)")
    }
    // The single unit's error is that of a real misfit: the potential spans 0–4.7 eV.
    XCTAssertGreaterThan(narrowest, 0.01)
  }
}
