import Foundation
import XCTest

@testable import PhysFit

/// Symbolic derivatives against central finite differences, and the consistency of
/// evaluate / jacobian / pullback / combined evaluation.
final class ExpressionDerivativeTests: XCTestCase {
  /// Checks every column of the model's Jacobian against central differences of its
  /// value, with a Richardson-extrapolated difference (error O(h⁴)).
  static func assertJacobianMatchesDifferences(
    _ model: ExpressionModel, inputs: Matrix, parameters: [Double], tolerance: Double = 1e-7,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let jacobian = model.jacobian(inputs, parameters: parameters)
    let n = inputs.rows
    XCTAssertEqual(jacobian.rows, n, file: file, line: line)
    XCTAssertEqual(jacobian.columns, parameters.count, file: file, line: line)
    for j in parameters.indices {
      let h = 1e-3 * max(abs(parameters[j]), 0.1)
      func shifted(_ d: Double) -> [Double] {
        var theta = parameters
        theta[j] += d
        return model.evaluate(inputs, parameters: theta).elements
      }
      let p1 = shifted(h)
      let m1 = shifted(-h)
      let p2 = shifted(2 * h)
      let m2 = shifted(-2 * h)
      for i in 0..<n {
        let difference = (8 * (p1[i] - m1[i]) - (p2[i] - m2[i])) / (12 * h)
        let exact = jacobian[i, j]
        let scale = max(abs(exact), abs(difference), 1e-3)
        XCTAssertEqual(
          exact, difference, accuracy: tolerance * scale,
          "\(model.formula): ∂/∂\(model.parameterNames[j]) at point \(i)", file: file, line: line)
      }
    }
  }

  /// Formulas with parameter values and x points inside every function's domain.
  static let table: [(formula: String, parameters: [Double])] = [
    ("A*exp(-x/tau) + B", [2, 1.5, 0.3]),
    ("a*log(b*x)", [1.2, 0.8]),
    ("a*log10(b*x + c)", [1.2, 0.8, 0.5]),
    ("sqrt(a*x + b)", [1.1, 0.4]),
    ("abs(a*x - b)", [1.3, 0.45]),
    ("a*sin(b*x + c)", [1.2, 2.1, 0.3]),
    ("a*cos(b*x + c)", [1.2, 2.1, 0.3]),
    ("tan(a*x + b)", [0.4, 0.1]),
    ("asin(a*x)", [0.3]),
    ("acos(a*x - b)", [0.3, 0.1]),
    ("atan(a*x^2 + b)", [0.7, -0.2]),
    ("sinh(a*x) + cosh(b*x)", [0.6, 0.4]),
    ("tanh(a*(x - b))", [1.3, 0.9]),
    ("erf((x - a)/b)", [0.8, 0.6]),
    ("erfc((x - a)/b)", [0.8, 0.6]),
    ("a*x^k", [1.5, 2.3]),
    ("a^x", [1.7]),
    ("x^a^b", [1.1, 0.9]),
    ("(a*x)^(b*x)", [1.2, 0.7]),
    ("a/(x + b) - c/(a - x*b)^3", [2.5, 0.5, 0.7]),
    ("a*x^2 + b*x^3 + c*x^-2 + d*x^0.5 + f*x^-0.5 + g*x^7", [1, 2, 3, 4, 5, 0.1]),
    ("A*voigt(x - mu, sigma, gamma)", [1.5, 0.9, 0.4, 0.3]),
    ("voigt(a*x, b*x, c)", [0.8, 0.5, 0.2]),
    ("voigt(mu, sigma, gamma)*x", [0.3, 0.5, 0.4]),
    ("exp(a)*x + b*b", [0.5, 0.25]),
    ("-(a*x)^2 + 2*e^(b*x)", [0.5, 0.25]),
    ("sqrt(a^2 + (x - b)^2)", [0.5, 0.25]),
  ]

  static let xs: [Double] = [0.25, 0.5, 0.85, 1.3, 1.9]

  func testDerivativesMatchFiniteDifferences() throws {
    for (formula, theta) in Self.table {
      let model = try ExpressionModel(formula)
      XCTAssertEqual(model.parameterCount, theta.count, formula)
      Self.assertJacobianMatchesDifferences(
        model, inputs: Matrix(column: Self.xs), parameters: theta)
    }
  }

  func testBuiltinDerivativesMatchFiniteDifferences() throws {
    let parameters: [String: [Double]] = [
      "constant": [1.5], "linear": [0.5, -1.2], "exponential": [2, 0.7], "powerlaw": [1.3, -1.7],
      "gaussian": [2, 0.9, 0.6], "gaussian_area": [2, 0.9, 0.6], "lorentzian": [2, 0.9, 0.4],
      "voigt": [2, 0.9, 0.4, 0.3], "breitwigner": [3, 1.1, 0.4],
      "damped_oscillator": [1.2, 1.5, 3.1, 0.4], "sine": [1.2, 3.1, 0.4],
      "logistic": [1.5, 0.9, 0.3, 0.2], "erfstep": [1.5, 0.9, 0.3, 0.2],
    ]
    for builtin in BuiltinModels.all {
      guard let theta = parameters[builtin.name] else {
        XCTFail("no test values for \(builtin.name)")
        continue
      }
      let model = try ExpressionModel(builtin.name)
      XCTAssertEqual(model.parameterNames, builtin.parameterNames)
      Self.assertJacobianMatchesDifferences(
        model, inputs: Matrix(column: Self.xs), parameters: theta)
    }
    let poly = try ExpressionModel("poly4")
    Self.assertJacobianMatchesDifferences(
      poly, inputs: Matrix(column: Self.xs), parameters: [1, -2, 0.5, 0.3, -0.1])
  }

  /// pullback(v) = Jᵀv, evaluate = the value part of the combined program, over a
  /// column longer than several chunks and not a multiple of the chunk size.
  func testJacobianPullbackAndCombinedAgree() throws {
    let n = 1000
    let x = (0..<n).map { 0.05 + 3 * Double($0) / Double(n) }
    let v = (0..<n).map { sin(Double($0) * 0.37) }
    for (formula, theta) in Self.table {
      let model = try ExpressionModel(formula)
      let inputs = Matrix(column: x)
      var workspace = ModelWorkspace()
      var jacobian = Matrix(rows: 0, columns: 0)
      model.jacobian(inputs, parameters: theta, into: &jacobian, workspace: &workspace)
      var gradient: [Double] = [42]
      model.pullback(
        inputs, parameters: theta, cotangent: Matrix(column: v), into: &gradient,
        workspace: &workspace)
      XCTAssertEqual(gradient.count, theta.count)
      for j in theta.indices {
        var expected = 0.0
        var magnitude = 0.0
        for i in 0..<n {
          expected += v[i] * jacobian[i, j]
          magnitude += abs(v[i] * jacobian[i, j])
        }
        XCTAssertEqual(gradient[j], expected, accuracy: 1e-12 * max(magnitude, 1), formula)
      }
      var values = Matrix(rows: 0, columns: 0)
      var combinedJacobian = Matrix(rows: 0, columns: 0)
      model.evaluate(
        inputs, parameters: theta, values: &values, jacobian: &combinedJacobian,
        workspace: &workspace)
      let plain = model.evaluate(inputs, parameters: theta)
      XCTAssertEqual(values.rows, n)
      for i in 0..<n {
        XCTAssertEqual(
          values.elements[i], plain.elements[i], accuracy: 1e-14 * max(1, abs(plain.elements[i])))
      }
      for k in jacobian.elements.indices {
        let a = jacobian.elements[k]
        XCTAssertEqual(combinedJacobian.elements[k], a, accuracy: 1e-14 * max(1, abs(a)), formula)
      }
    }
  }

  func testSimplifiedDerivativeText() throws {
    let decay = try ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"])
    XCTAssertEqual(decay.parameterNames, ["A", "tau", "B"])
    XCTAssertEqual(decay.derivativeDescription(of: "B"), "1")
    XCTAssertEqual(decay.derivativeDescription(of: "A"), "exp(-t/tau)")
    XCTAssertNil(decay.derivativeDescription(of: "t"))
    let square = try ExpressionModel("a*x^2 + 0*b + 1*c + x*0")
    XCTAssertEqual(square.derivativeDescription(of: "a"), "x^2")
    XCTAssertEqual(square.derivativeDescription(of: "b"), "0")
    XCTAssertEqual(square.derivativeDescription(of: "c"), "1")
    XCTAssertEqual(square.expandedFormula, "c + a*x^2")
    let power = try ExpressionModel("x^k")
    XCTAssertEqual(power.derivativeDescription(of: "k"), "x^k*log(x)")
  }

  /// The value and its derivatives share subexpressions: exp(-t/tau) once.
  func testCommonSubexpressionsAreShared() throws {
    let decay = try ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"])
    let stats = decay.programStatistics
    XCTAssertLessThanOrEqual(stats.combinedInstructions, 8)
    var expCount = 0
    for instruction in decay.combinedProgram.vectorCode {
      if case .unary(.exp, _, _) = instruction { expCount += 1 }
    }
    XCTAssertEqual(expCount, 1)
    // x^2 and x^3 are multiplications, x^0.5 a square root.
    let powers = try ExpressionModel("a*x^2 + b*x^3 + c*x^0.5")
    for instruction in powers.combinedProgram.vectorCode {
      if case .binary(.power, _, _, _) = instruction { XCTFail("pow left in \(powers.formula)") }
    }
  }

  func testMultipleInputsAndParameterOrder() throws {
    let model = try ExpressionModel("b1*x1 + exp(b2*x2) + b0 + b1*b3", inputs: ["x1", "x2"])
    XCTAssertEqual(model.inputNames, ["x1", "x2"])
    XCTAssertEqual(model.parameterNames, ["b1", "b2", "b0", "b3"])
    let x1 = [0.5, 1.5, -2.0]
    let x2 = [0.1, 0.3, 0.7]
    let inputs = Matrix(columns: [x1, x2])
    let theta = [1.3, -0.4, 0.8, 2.0]
    let y = model.evaluate(inputs, parameters: theta)
    for i in 0..<3 {
      let expected =
        theta[0] * x1[i] + Foundation.exp(theta[1] * x2[i]) + theta[2] + theta[0] * theta[3]
      XCTAssertEqual(y.elements[i], expected, accuracy: 1e-14)
    }
    Self.assertJacobianMatchesDifferences(model, inputs: inputs, parameters: theta)
    // Nelson-style model (NIST): log(y) = b1 - b2*x1*exp(-b3*x2).
    let nelson = try ExpressionModel("b1 - b2*x1*exp(-b3*x2)", inputs: ["x1", "x2"])
    XCTAssertEqual(nelson.parameterNames, ["b1", "b2", "b3"])
    Self.assertJacobianMatchesDifferences(nelson, inputs: inputs, parameters: [2.5, 5e-9, -5e-2])
  }

  func testInvalidValuesPropagateWithoutTrapping() throws {
    let model = try ExpressionModel("a*log(x) + sqrt(b) + 1/(x - c)")
    let inputs = Matrix(column: [-1, 0, 2])
    let y = model.evaluate(inputs, parameters: [1, -1, 2])
    XCTAssertTrue(y.elements.allSatisfy { $0.isNaN })
    let j = model.jacobian(inputs, parameters: [1, 4, 2])
    XCTAssertTrue(j[0, 0].isNaN)
    XCTAssertTrue(j[1, 0].isInfinite)
    XCTAssertTrue(j[2, 2].isInfinite)
  }

  func testEmptyInputAndParameterFreeModels() throws {
    let model = try ExpressionModel("a*x + b")
    let empty = model.evaluate(Matrix(rows: 0, columns: 1), parameters: [1, 2])
    XCTAssertEqual(empty.rows, 0)
    let identity = try ExpressionModel("x")
    let y = identity.evaluate(Matrix(column: [1, 2, 3]), parameters: [])
    XCTAssertEqual(y.elements, [1, 2, 3])
  }

  /// The compiled program for `A*exp(-t/tau) + B` against a hand-written loop, values
  /// and Jacobian at n = 10,000 (the column program's chunking must not drop points).
  /// Its speed is measured in benchmarks/, not here.
  func testCompiledProgramMatchesHandWrittenLoop() throws {
    let n = 10_000
    let t = (0..<n).map { Double($0) * 0.001 }
    let inputs = Matrix(column: t)
    let model = try ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"])
    let theta = [2.0, 1.7, 0.3]
    var workspace = ModelWorkspace()
    var values = Matrix(rows: n, columns: 1)
    var jacobian = Matrix(rows: n, columns: 3)
    model.evaluate(
      inputs, parameters: theta, values: &values, jacobian: &jacobian, workspace: &workspace)
    var handValues = [Double](repeating: 0, count: n)
    var handJacobian = [Double](repeating: 0, count: 3 * n)
    Self.handWritten(t, theta, &handValues, &handJacobian)
    for i in 0..<n {
      XCTAssertEqual(values.elements[i], handValues[i], accuracy: 1e-14)
      for j in 0..<3 {
        XCTAssertEqual(
          jacobian[i, j], handJacobian[i + j * n],
          accuracy: 1e-13 * max(1, abs(handJacobian[i + j * n])))
      }
    }
  }

  @inline(never)
  static func handWritten(
    _ t: [Double], _ theta: [Double], _ values: inout [Double], _ jacobian: inout [Double]
  ) {
    let n = t.count
    let a = theta[0]
    let tau = theta[1]
    let b = theta[2]
    let r = 1 / tau
    t.withUnsafeBufferPointer { t in
      values.withUnsafeMutableBufferPointer { y in
        jacobian.withUnsafeMutableBufferPointer { j in
          for i in 0..<n {
            let e = Foundation.exp(-t[i] * r)
            y[i] = a * e + b
            j[i] = e
            j[i + n] = a * e * t[i] * r * r
            j[i + 2 * n] = 1
          }
        }
      }
    }
  }
}
