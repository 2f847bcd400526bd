import CGSL
import Foundation
import XCTest

@testable import PhysFit

/// Parsing, precedence, constants, functions and error reporting of formulas.
final class ExpressionParserTests: XCTestCase {
  /// The value of a parameter-free formula (inputs: `x` = `x`).
  private func value(
    _ formula: String, x: Double = 0, file: StaticString = #filePath, line: UInt = #line
  )
    throws -> Double
  {
    let model = try ExpressionModel(formula)
    XCTAssertEqual(model.parameterNames, [], "formula \(formula)", file: file, line: line)
    return model.evaluate(Matrix(column: [x]), parameters: []).elements[0]
  }

  private func assertValue(
    _ formula: String, _ expected: Double, x: Double = 0, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    do {
      let v = try value(formula, x: x, file: file, line: line)
      XCTAssertEqual(
        v, expected, accuracy: 1e-14 * max(1, abs(expected)), formula, file: file, line: line)
    } catch {
      XCTFail("\(formula): \(error)", file: file, line: line)
    }
  }

  func testPrecedenceAndAssociativity() {
    assertValue("2^3^2", 512)
    assertValue("2**3**2", 512)
    assertValue("(2^3)^2", 64)
    assertValue("-2^2", -4)
    assertValue("(-2)^2", 4)
    assertValue("2^-1", 0.5)
    assertValue("2*3+4", 10)
    assertValue("2+3*4", 14)
    assertValue("1/2/4", 0.125)
    assertValue("8-3-2", 3)
    assertValue("--3", 3)
    assertValue("+3", 3)
    assertValue("-x^2", -9, x: 3)
    assertValue("2*-x", -6, x: 3)
    assertValue("1.5e-3*1e3", 1.5)
    assertValue("2E+2", 200)
    assertValue(".5 + 3.", 3.5)
    assertValue("x^0.5", 2, x: 4)
    assertValue("x^-0.5", 0.5, x: 4)
    assertValue("x^3 + x^-2 + x^7", 8 + 0.25 + 128, x: 2)
    assertValue("(-x)^3", -8, x: 2)
  }

  func testConstants() {
    assertValue("pi", Double.pi)
    assertValue("e", M_E)
    assertValue("2*pi*e", 2 * Double.pi * M_E)
    // A data column named like a constant is the column.
    let model = try? ExpressionModel("a*e", inputs: ["e"])
    XCTAssertEqual(model?.parameterNames, ["a"])
    let y = model?.evaluate(Matrix(column: [4]), parameters: [3])
    XCTAssertEqual(y?.elements[0] ?? 0, 12, accuracy: 1e-15)
  }

  func testEveryFunctionAgainstFoundation() {
    let cases: [(String, (Double) -> Double, Double)] = [
      ("exp", Foundation.exp, 0.7), ("log", Foundation.log, 2.5),
      ("log10", Foundation.log10, 250), ("sqrt", Foundation.sqrt, 2),
      ("abs", { Swift.abs($0) }, -3.25), ("sin", Foundation.sin, 0.3),
      ("cos", Foundation.cos, 0.3), ("tan", Foundation.tan, 1.2),
      ("asin", Foundation.asin, 0.4), ("acos", Foundation.acos, -0.4),
      ("atan", Foundation.atan, 3), ("sinh", Foundation.sinh, 1.1),
      ("cosh", Foundation.cosh, 1.1), ("tanh", Foundation.tanh, 0.6),
      ("erf", Foundation.erf, 0.8), ("erfc", Foundation.erfc, 1.7),
    ]
    XCTAssertEqual(Set(cases.map(\.0)), Set(UnaryOperation.callable.keys))
    for (name, f, x) in cases {
      // Over a column longer than one chunk, with the value at the end.
      let model = try? ExpressionModel("\(name)(x)")
      var xs = [Double](repeating: 0.5, count: 300)
      xs.append(x)
      let y = model?.evaluate(Matrix(column: xs), parameters: []).elements.last
      XCTAssertEqual(y ?? .nan, f(x), accuracy: 1e-15 * max(1, abs(f(x))), name)
      // Constant-folded path.
      assertValue("\(name)(\(x))", f(x))
    }
  }

  func testErfAgreesWithGSL() {
    for x in stride(from: -6.0, through: 6.0, by: 0.05) {
      XCTAssertEqual(Foundation.erf(x), gsl_sf_erf(x), accuracy: 4e-16, "erf(\(x))")
      let c = gsl_sf_erfc(x)
      XCTAssertEqual(Foundation.erfc(x), c, accuracy: 4e-15 * c, "erfc(\(x))")
    }
  }

  func testVoigtFunction() {
    let model = try? ExpressionModel("voigt(x, 0.7, 0.3)")
    let y = model?.evaluate(Matrix(column: [0.4, -1.2]), parameters: [])
    XCTAssertEqual(
      y?.elements[0] ?? .nan, Voigt.profile(0.4, sigma: 0.7, gamma: 0.3), accuracy: 1e-15)
    XCTAssertEqual(
      y?.elements[1] ?? .nan, Voigt.profile(-1.2, sigma: 0.7, gamma: 0.3), accuracy: 1e-15)
  }

  /// Each bad formula with the column the caret must point at and a word of the message.
  func testErrorColumns() {
    let table: [(String, Int, String)] = [
      ("A*expp(-t/tau)", 3, "unknown function 'expp' (did you mean 'exp'?)"),
      ("", 1, "empty formula"),
      ("   ", 1, "empty formula"),
      ("(x + 1", 1, "never closed"),
      ("exp(x + 1", 4, "never closed"),
      ("x + 1)", 6, "unbalanced parentheses"),
      ("1e", 1, "malformed number '1e'"),
      ("2*1e+", 3, "malformed number"),
      ("1.2.3", 1, "more than one decimal point"),
      ("x $ 2", 3, "unexpected character '$'"),
      ("x +", 4, "formula ends"),
      ("x * * 2", 5, "unexpected '*'"),
      ("2x", 2, "explicit '*'"),
      ("a b", 3, "explicit '*'"),
      ("sin(x, 2)", 1, "takes 1 argument, got 2"),
      ("voigt(x, 1)", 1, "takes 3 arguments"),
      ("exp()", 5, "at least one argument"),
      ("a + sin", 5, "'sin' is a function"),
      ("x(1 + a)", 1, "'x' is not a function"),
      ("exp(x,", 7, "formula ends"),
      ("f(x)", 1, "unknown function 'f'"),
      ("3 + (x 2)", 8, "expected ')'"),
      ("gaussian(x, a)", 1, "takes 1 argument (the input) or 4"),
      ("\ta $", 4, "unexpected character"),
    ]
    for (formula, column, message) in table {
      do {
        _ = try ExpressionModel(formula)
        XCTFail("'\(formula)' should not parse")
      } catch {
        XCTAssertEqual(error.column, column, "'\(formula)': \(error.message)")
        XCTAssertTrue(error.message.contains(message), "'\(formula)': \(error.message)")
        XCTAssertEqual(error.formula, formula)
      }
    }
  }

  func testErrorDescriptionHasCaretLine() {
    do {
      _ = try ExpressionModel("A*exp(-t/tau) + expp(x)")
      XCTFail("should not parse")
    } catch {
      let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
      XCTAssertEqual(lines.count, 3)
      XCTAssertEqual(
        String(lines[0]),
        "formula error at column 17: unknown function 'expp' (did you mean 'exp'?)")
      XCTAssertEqual(String(lines[1]), "A*exp(-t/tau) + expp(x)")
      XCTAssertEqual(String(lines[2]), String(repeating: " ", count: 16) + "^")
    }
  }

  func testDepthLimit() {
    let deep = String(repeating: "(", count: 300) + "x" + String(repeating: ")", count: 300)
    XCTAssertThrowsError(try ExpressionModel(deep)) { error in
      XCTAssertTrue((error as? FormulaError)?.message.contains("nested too deeply") ?? false)
    }
    let minus = String(repeating: "-", count: 1000) + "a"
    XCTAssertThrowsError(try ExpressionModel(minus))
    let longSum = (0..<1000).map { "a\($0)" }.joined(separator: "+")
    XCTAssertThrowsError(try ExpressionModel(longSum))
    let powers = (0..<500).map { _ in "x" }.joined(separator: "^")
    XCTAssertThrowsError(try ExpressionModel(powers))
    // Moderate nesting is fine.
    let ok = String(repeating: "(", count: 50) + "a*x" + String(repeating: ")", count: 50)
    XCTAssertNoThrow(try ExpressionModel(ok))
  }

  func testNoParametersIsASeparateCheck() throws {
    let model = try ExpressionModel("sin(x) + pi")
    XCTAssertEqual(model.parameterNames, [])
    XCTAssertThrowsError(try model.requireParameters())
    XCTAssertNoThrow(try ExpressionModel("a*x").requireParameters())
  }

  func testDuplicateInputsAreAnError() {
    XCTAssertThrowsError(try ExpressionModel("a*x", inputs: ["x", "x"]))
  }

  func testNamesThatAreAlsoFunctions() throws {
    // A column called `exp`: bare it is the column, called it is the function.
    let model = try ExpressionModel("a*exp(exp)", inputs: ["exp"])
    XCTAssertEqual(model.parameterNames, ["a"])
    let y = model.evaluate(Matrix(column: [1.5]), parameters: [2])
    XCTAssertEqual(y.elements[0], 2 * Foundation.exp(1.5), accuracy: 1e-14)
    // Greek letters are names.
    let greek = try ExpressionModel("A*exp(-t/τ)", inputs: ["t"])
    XCTAssertEqual(greek.parameterNames, ["A", "τ"])
  }

  func testExpandedFormulaRoundTrips() throws {
    for formula in ["a*x^2 + b/(x - c)", "-(a*x)^2", "a^b^x", "exp(-x/tau)*(1 - x)", "a - (b - x)"]
    {
      let model = try ExpressionModel(formula)
      let again = try ExpressionModel(model.expandedFormula)
      XCTAssertEqual(Set(again.parameterNames), Set(model.parameterNames))
      let theta = model.parameterNames.indices.map { 0.7 + 0.3 * Double($0) }
      let thetaAgain = again.parameterNames.map { theta[model.parameterNames.firstIndex(of: $0)!] }
      let xs = Matrix(column: [0.3, 1.7, 2.2])
      let a = model.evaluate(xs, parameters: theta)
      let b = again.evaluate(xs, parameters: thetaAgain)
      for i in 0..<3 {
        XCTAssertEqual(
          a.elements[i], b.elements[i], accuracy: 1e-13 * max(1, abs(a.elements[i])), formula)
      }
    }
  }

  /// Random token soup either parses or throws an error pointing inside the formula;
  /// nothing traps, and whatever parses evaluates and differentiates.
  func testRandomFormulasNeverTrap() {
    let pieces = [
      "x", "a", "b", "1", "2.5", "e", "pi", "(", ")", "+", "-", "*", "/", "^", "**", ",", "exp",
      "voigt", "gaussian", "poly2", " ", "1e", ".", "sqrt", "0", "log",
    ]
    var state: UInt64 = 12345
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var parsed = 0
    for _ in 0..<3000 {
      let formula = (0..<(1 + next(12))).map { _ in pieces[next(pieces.count)] }.joined()
      do {
        let model = try ExpressionModel(formula)
        parsed += 1
        let theta = model.parameterNames.indices.map { 0.3 + Double($0) }
        let inputs = Matrix(column: [0.5, 1.5, -2])
        _ = model.evaluate(inputs, parameters: theta)
        _ = model.jacobian(inputs, parameters: theta)
        var gradient: [Double] = []
        var workspace = ModelWorkspace()
        model.pullback(
          inputs, parameters: theta, cotangent: Matrix(column: [1, 2, 3]), into: &gradient,
          workspace: &workspace)
        _ = model.expandedFormula
      } catch {
        XCTAssertGreaterThanOrEqual(error.column, 1, formula)
        XCTAssertLessThanOrEqual(error.column, formula.count + 1, formula)
        XCTAssertFalse(error.message.isEmpty)
      }
    }
    XCTAssertGreaterThan(parsed, 100)
  }
}
