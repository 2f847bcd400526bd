import Foundation
import XCTest

/// A NIST StRD file as published, fitted by `physfit fit ... --json` with default
/// settings: the way further NIST problems are checked.
final class NISTFileTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("PhysFitTests/Fixtures/nist")

  /// Certified values and standard deviations from the file's header (Misra1a, Start 1).
  func testMisra1aFromTheRawFileMatchesCertifiedValues() throws {
    let file = Self.fixtures.appendingPathComponent("Misra1a.dat").path
    let output = try PhysFitRunner.run([
      "fit", file, "--model", "b1*(1-exp(-b2*x))", "--x", "x", "--y", "y",
      "--param", "b1=500,b2=1e-4", "--json",
    ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try output.json()
    XCTAssertEqual(json["converged"] as? Bool, true)
    XCTAssertEqual(json["points"] as? Int, 14)
    let parameters = try XCTUnwrap(json["parameters"] as? [[String: Any]])
    let certified: [String: (Double, Double)] = [
      "b1": (2.3894212918E+02, 2.7070075241E+00),
      "b2": (5.5015643181E-04, 7.2668688436E-06),
    ]
    for p in parameters {
      let name = try XCTUnwrap(p["name"] as? String)
      let (value, error) = try XCTUnwrap(certified[name])
      XCTAssertEqual(try XCTUnwrap(p["value"] as? Double), value, accuracy: 1e-7 * abs(value))
      XCTAssertEqual(try XCTUnwrap(p["error"] as? Double), error, accuracy: 1e-5 * error)
    }
    XCTAssertEqual(try XCTUnwrap(json["chi2"] as? Double), 1.2455138894E-01, accuracy: 1e-10)
  }

  /// Without --x and --y the columns named x and y are used (NIST lists y first).
  func testColumnsNamedXAndYAreTheDefaults() throws {
    let file = Self.fixtures.appendingPathComponent("Misra1a.dat").path
    let output = try PhysFitRunner.run([
      "fit", file, "--model", "b1*(1-exp(-b2*x))", "--param", "b1=500,b2=1e-4", "--json",
    ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try output.json()
    XCTAssertEqual(json["y"] as? String, "y")
    XCTAssertEqual(try XCTUnwrap(json["chi2"] as? Double), 1.2455138894E-01, accuracy: 1e-10)
  }

  func testTruncatedNISTHeaderIsAnInputError() throws {
    let scratch = try Scratch()
    let file = try scratch.write("Broken.dat", "NIST/ITL StRD\nDataset Name:  Broken\n")
    let output = try PhysFitRunner.run(["fit", file, "--model", "a*x", "--x", "x", "--y", "y"])
    XCTAssertEqual(output.status, 65)
    XCTAssertEqual(
      output.stderr,
      "error: \(file): NIST StRD header: no 'Data (lines A to B)' line in the header\n")
    XCTAssertEqual(output.stdout, "")
  }
}
