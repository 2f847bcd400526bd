import Foundation
import XCTest

@testable import PhysFit

final class LeastSquaresTests: XCTestCase {
  /// NIST Misra1a data (y, x), certified b1 = 2.3894212918E+02 ± 2.7070075241E+00,
  /// b2 = 5.5015643181E-04 ± 7.2668688436E-06, RSS = 1.2455138894E-01.
  static let misraY: [Double] = [
    10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47,
    81.78,
  ]
  static let misraX: [Double] = [
    77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1,
    760.0,
  ]
  static let misra = ClosureModel(parameters: ["b1", "b2"]) { x, p in
    p[0] * (1 - exp(-p[1] * x[0]))
  }

  func testClosureModelFitMatchesCertifiedMisra1a() throws {
    var fit = try Fit(model: Self.misra, x: Self.misraX, y: Self.misraY)
    try fit.set("b1", value: 500)
    try fit.set("b2", value: 1e-4)
    let result = try fit.minimize()
    XCTAssertTrue(result.converged, "\(result.reason)")
    XCTAssertEqual(result["b1"]!.value, 2.3894212918E+02, accuracy: 1e-7 * 238.9)
    XCTAssertEqual(result["b2"]!.value, 5.5015643181E-04, accuracy: 1e-7 * 5.5e-4)
    XCTAssertEqual(result["b1"]!.error, 2.7070075241E+00, accuracy: 1e-5 * 2.707)
    XCTAssertEqual(result["b2"]!.error, 7.2668688436E-06, accuracy: 1e-5 * 7.27e-6)
    XCTAssertEqual(result.objectiveValue, 1.2455138894E-01, accuracy: 1e-9)
    XCTAssertTrue(result.errorsAreScaled)
    XCTAssertNil(result.pValue)
    XCTAssertEqual(result.ndf, 12)
  }
}
