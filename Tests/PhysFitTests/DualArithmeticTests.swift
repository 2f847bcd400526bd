import Foundation
import PhysFit
import XCTest

/// Dual numbers mixed with plain doubles and literals: derivatives by the chain rule,
/// and plain `Double` expressions in a file that imports PhysFit stay `Double` (the
/// mixed Dual–Double operators are disfavoured, so `log(1 + 2.0.squareRoot())` is not
/// ambiguous between `log(Double)` and `log(Dual)`).
final class DualArithmeticTests: XCTestCase {
  func testPlainDoubleExpressionsStayDouble() {
    let value = log(1 + 2.0.squareRoot())
    XCTAssertEqual(value, asinh(1), accuracy: 1e-15)
    let scaled = exp(0.5 * 2.0) - 1
    XCTAssertEqual(scaled, M_E - 1, accuracy: 1e-15)
  }

  /// f(a) = 1 − e^(−0.5a) + 2/a + 3a, f′(a) = 0.5 e^(−0.5a) − 2/a² + 3.
  func testMixedExpressionsDifferentiateByTheChainRule() {
    let a = 1.3
    let x = 0.5
    let f = { (a: Dual) -> Dual in 1 - exp(-a * x) + 2 / a + 3 * a }
    let result = f(Dual(a, derivative: 1))
    XCTAssertEqual(result.value, 1 - exp(-0.5 * a) + 2 / a + 3 * a, accuracy: 1e-15)
    XCTAssertEqual(result.derivative, 0.5 * exp(-0.5 * a) - 2 / (a * a) + 3, accuracy: 1e-14)
  }
}
