import XCTest

@testable import PhysFit

/// `Fit.estimatesErrors`: on by default for formulas, off for networks; off skips the
/// covariance on both minimisation paths.
final class FitErrorEstimationTests: XCTestCase {
  func testDefaultsFollowTheModelKind() throws {
    let formula = try Fit(
      model: LeastSquaresTests.misra, x: LeastSquaresTests.misraX, y: LeastSquaresTests.misraY)
    XCTAssertTrue(formula.estimatesErrors)
    let network = try Network(widths: [1, 3, 1], activation: .tanh)
    let x = Matrix(column: LeastSquaresTests.misraX.map { $0 / 800 })
    let net = try Fit(model: network, inputs: x, y: LeastSquaresTests.misraY)
    XCTAssertFalse(net.estimatesErrors)
  }

  func testSwitchedOffGivesValuesWithoutErrors() throws {
    var fit = try Fit(
      model: LeastSquaresTests.misra, x: LeastSquaresTests.misraX, y: LeastSquaresTests.misraY)
    fit.parameters.values = [500, 1e-4]
    let reference = try fit.minimize()
    fit.estimatesErrors = false
    for result in [try fit.minimize(), try fit.minimize(using: BFGS())] {
      XCTAssertEqual(result["b1"]!.value, reference["b1"]!.value, accuracy: 1e-4)
      XCTAssertTrue(result["b1"]!.error.isNaN)
      XCTAssertFalse(result.covarianceIsPositiveDefinite)
    }
  }
}
