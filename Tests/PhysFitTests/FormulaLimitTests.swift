import Foundation
import XCTest

@testable import PhysFit

/// Hostile formulas end with a FormulaError and a caret, never a stack overflow or a
/// runaway differentiation.
final class FormulaLimitTests: XCTestCase {
  private let deep = "formula is nested too deeply (more than 200 levels)"

  private func error(_ formula: String, inputs: [String] = ["x"]) -> FormulaError? {
    do {
      _ = try ExpressionModel(formula, inputs: inputs)
      return nil
    } catch {
      return error
    }
  }

  func testNestingOneHundredThousandDeep() throws {
    let parentheses =
      String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
    let minus = String(repeating: "-", count: 100_000) + "a*x"
    let calls =
      String(repeating: "exp(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
    let powers = Array(repeating: "a", count: 100_000).joined(separator: "^")
    let sum = Array(repeating: "a", count: 100_000).joined(separator: "+")
    for (formula, column) in [
      (parentheses, 201), (minus, 201), (calls, 801), (powers, 401), (sum, 400),
    ] {
      let e = try XCTUnwrap(error(formula), String(formula.prefix(10)))
      XCTAssertEqual(e.message, deep, String(formula.prefix(10)))
      XCTAssertEqual(e.column, column, String(formula.prefix(10)))
    }
  }

  /// A long formula is shown as 100 characters around the column, with `…` for what
  /// is left out, and the caret under the offending character.
  func testErrorExcerptOfALongFormula() throws {
    let formula = String(repeating: "(", count: 300) + "x" + String(repeating: ")", count: 300)
    let e = try XCTUnwrap(error(formula))
    let lines = e.description.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(lines.count, 3)
    XCTAssertEqual(String(lines[0]), "formula error at column 201: " + deep)
    XCTAssertEqual(String(lines[1]), "…" + String(repeating: "(", count: 100) + "…")
    // Column 201 is the 51st character of the window 151…250, after the "…".
    XCTAssertEqual(String(lines[2]), String(repeating: " ", count: 51) + "^")

    let end = try XCTUnwrap(error(String(repeating: "a+", count: 60) + " 2x"))
    XCTAssertEqual(end.column, 123)
    let endLines = end.description.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(endLines[1].count, 101)
    XCTAssertTrue(endLines[1].hasPrefix("…+a+a") && endLines[1].hasSuffix("a+ 2x"))
    XCTAssertEqual(Array(endLines[1])[endLines[2].count - 1], "x")
  }

  func testLineBreaksInAFormulaKeepTheMessageThreeLines() throws {
    let e = try XCTUnwrap(error("a*x +\n b*$"))
    let lines = e.description.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(lines.count, 3)
    XCTAssertEqual(String(lines[1]), "a*x +  b*$")
    XCTAssertEqual(String(lines[2]), String(repeating: " ", count: 9) + "^")
  }

  /// Each parameter feeds a 180-deep chain of sines: ∂/∂aₖ repeats the chain's
  /// factors for every k, 1000 × 180 operations — over the limit, an error.
  func testDerivativeBlowUpIsAnError() throws {
    let formula =
      String(repeating: "sin(", count: 180)
      + Self.balancedSum((0..<1000).map { "a\($0)*x^\($0)" }) + String(repeating: ")", count: 180)
    let e = try XCTUnwrap(error(formula))
    XCTAssertEqual(e.column, 1)
    XCTAssertTrue(
      e.message.hasPrefix(
        "the formula is too large: with its derivatives by its 1000 parameters it needs more "
          + "than 100000 operations"), e.message)
    // Half as many parameters fit.
    let half =
      String(repeating: "sin(", count: 180)
      + Self.balancedSum((0..<100).map { "a\($0)*x^\($0)" }) + String(repeating: ")", count: 180)
    XCTAssertNil(error(half))
  }

  func testValueGraphTooLargeIsAnError() throws {
    let formula = Self.balancedSum((0..<35_000).map { "a\($0)*x" })
    let e = try XCTUnwrap(error(formula))
    XCTAssertTrue(
      e.message.hasPrefix("the formula is too large: it needs more than 100000 operations"),
      e.message)
  }

  /// Many parameters in a shallow sum: differentiated term by term, and exact
  /// (∂ŷ/∂aₖ = xᵏ⁽ᵐᵒᵈ ³⁾).
  func testWideSumsDifferentiateExactly() throws {
    let terms = (0..<3000).map { "a\($0)*x^\($0 % 3)" }
    let model = try ExpressionModel(Self.balancedSum(terms))
    XCTAssertEqual(model.parameterNames.count, 3000)
    let inputs = Matrix(column: [0.5, 2])
    let jacobian = model.jacobian(inputs, parameters: [Double](repeating: 1, count: 3000))
    for k in [0, 1, 2, 1234, 2999] {
      for (i, x) in [0.5, 2.0].enumerated() {
        XCTAssertEqual(jacobian[i, k], Foundation.pow(x, Double(k % 3)), "a\(k)")
      }
    }
  }

  /// Nested exponentials and a huge power stay small symbolic problems; their
  /// derivatives agree with central differences.
  func testNestedExponentialsAndHighPowers() throws {
    let nested = String(repeating: "exp(-a*", count: 40) + "x" + String(repeating: ")", count: 40)
    for formula in [nested, "b*x^1000000", "a*x^-0.5^3^2"] {
      let model = try ExpressionModel(formula)
      let inputs = Matrix(column: [0.9, 1.0, 1.000001])
      let theta = model.parameterNames.map { _ in 0.7 }
      let jacobian = model.jacobian(inputs, parameters: theta)
      for j in theta.indices {
        var plus = theta
        var minus = theta
        let h = 1e-6
        plus[j] += h
        minus[j] -= h
        let up = model.evaluate(inputs, parameters: plus).elements
        let down = model.evaluate(inputs, parameters: minus).elements
        for i in 0..<3 {
          let difference = (up[i] - down[i]) / (2 * h)
          XCTAssertEqual(
            jacobian[i, j], difference, accuracy: 1e-6 * max(1, abs(difference)), formula)
        }
      }
    }
  }

  private static func balancedSum(_ terms: [String]) -> String {
    if terms.count == 1 { return terms[0] }
    let middle = terms.count / 2
    return "(" + balancedSum(Array(terms[..<middle])) + "+"
      + balancedSum(Array(terms[middle...])) + ")"
  }
}
