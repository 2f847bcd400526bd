import Foundation
import XCTest

/// The README's library example (examples/QuickFit) compiles — it is a dependency of
/// this test target — and runs to the right answer.
final class ExampleTests: XCTestCase {
  /// examples/data/decay.csv, found from this file's location in the repository.
  static let decayData = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/data/decay.csv").path

  /// Reference from scipy 1.17.1 on the same file:
  /// ```
  /// python3 -c "import numpy as np; from scipy.optimize import curve_fit
  /// d=np.loadtxt('examples/data/decay.csv',delimiter=',',skiprows=1)
  /// f=lambda t,A,tau,B: A*np.exp(-t/tau)+B
  /// p,c=curve_fit(f,d[:,0],d[:,1],p0=[1000,10,10],sigma=d[:,2],absolute_sigma=True)
  /// print(p, np.sqrt(np.diag(c)))"
  /// [979.49587945  12.7741571   15.76632313] [17.84246955  0.25550928  1.52090069]
  /// ```
  static let reference: [String: (value: Double, error: Double)] = [
    "A": (979.49587945, 17.84246955),
    "tau": (12.7741571, 0.25550928),
    "B": (15.76632313, 1.52090069),
  ]

  func testQuickFitExampleMatchesScipy() throws {
    let output = try PhysFitRunner.run([Self.decayData], program: "QuickFit")
    XCTAssertEqual(output.status, 0, output.stderr)
    var seen = 0
    for line in output.stdout.split(separator: "\n") {
      // Lines of the form "tau = 12.77... ± 0.255..."
      let parts = line.split(separator: " ")
      guard parts.count == 5, parts[1] == "=", parts[3] == "±",
        let reference = Self.reference[String(parts[0])],
        let value = Double(parts[2]), let error = Double(parts[4])
      else { continue }
      XCTAssertEqual(value, reference.value, accuracy: 1e-6 * abs(reference.value), String(line))
      XCTAssertEqual(error, reference.error, accuracy: 1e-5 * reference.error, String(line))
      seen += 1
    }
    XCTAssertEqual(seen, 3, output.stdout)
    XCTAssertTrue(output.stdout.contains("converged: true"), output.stdout)
    XCTAssertTrue(output.stdout.contains("closure model: tau = 12.774157"), output.stdout)
  }
}
