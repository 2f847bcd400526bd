import Foundation
import XCTest

@testable import PhysFit

/// The catalogue's formulas against hand-coded closed forms, normalisations, and the
/// use of built-ins inside expressions.
final class BuiltinModelTests: XCTestCase {
  /// Evaluates the catalogue entry `name` through ExpressionModel at x.
  private func evaluate(_ name: String, _ theta: [Double], at x: [Double]) throws -> [Double] {
    let model = try ExpressionModel(name)
    return model.evaluate(Matrix(column: x), parameters: theta).elements
  }

  func testFormulasAgainstClosedForms() throws {
    let xs: [Double] = [0.3, 0.9, 1.4, 2.2]
    let sqrt2pi = (2 * Double.pi).squareRoot()
    let closed: [String: ([Double], (Double, [Double]) -> Double)] = [
      "constant": ([1.7], { _, p in p[0] }),
      "linear": ([0.5, -1.2], { x, p in p[0] + p[1] * x }),
      "exponential": ([2, 0.7], { x, p in p[0] * exp(-x / p[1]) }),
      "powerlaw": ([1.3, -1.7], { x, p in p[0] * pow(x, p[1]) }),
      "gaussian": (
        [2, 0.9, 0.6], { x, p in p[0] * exp(-(x - p[1]) * (x - p[1]) / (2 * p[2] * p[2])) }
      ),
      "gaussian_area": (
        [2, 0.9, 0.6],
        { x, p in p[0] / (p[2] * sqrt2pi) * exp(-(x - p[1]) * (x - p[1]) / (2 * p[2] * p[2])) }
      ),
      "lorentzian": (
        [2, 0.9, 0.4], { x, p in p[0] * p[2] * p[2] / ((x - p[1]) * (x - p[1]) + p[2] * p[2]) }
      ),
      "voigt": (
        [2, 0.9, 0.4, 0.3], { x, p in p[0] * Voigt.profile(x - p[1], sigma: p[2], gamma: p[3]) }
      ),
      "breitwigner": (
        [3, 1.1, 0.4],
        { e, p in
          let (a, m, w) = (p[0], p[1], p[2])
          let g = (m * m * (m * m + w * w)).squareRoot()
          let k = 2 * 2.0.squareRoot() * m * w * g / (Double.pi * (m * m + g).squareRoot())
          return a * k / ((e * e - m * m) * (e * e - m * m) + m * m * w * w)
        }
      ),
      "damped_oscillator": (
        [1.2, 1.5, 3.1, 0.4], { x, p in p[0] * exp(-x / p[1]) * cos(p[2] * x + p[3]) }
      ),
      "sine": ([1.2, 3.1, 0.4], { x, p in p[0] * sin(p[1] * x + p[2]) }),
      "logistic": ([1.5, 0.9, 0.3, 0.2], { x, p in p[3] + p[0] / (1 + exp(-(x - p[1]) / p[2])) }),
      "erfstep": (
        [1.5, 0.9, 0.3, 0.2],
        { x, p in p[3] + p[0] / 2 * (1 + erf((x - p[1]) / (2.0.squareRoot() * p[2]))) }
      ),
    ]
    XCTAssertEqual(Set(closed.keys), Set(BuiltinModels.all.map(\.name)))
    for builtin in BuiltinModels.all {
      guard let (theta, f) = closed[builtin.name] else { continue }
      let y = try evaluate(builtin.name, theta, at: xs)
      for (i, x) in xs.enumerated() {
        let expected = f(x, theta)
        XCTAssertEqual(y[i], expected, accuracy: 1e-13 * max(1, abs(expected)), builtin.name)
      }
    }
    let poly = try evaluate("poly3", [1, -2, 0.5, 0.25], at: xs)
    for (i, x) in xs.enumerated() {
      XCTAssertEqual(poly[i], 1 - 2 * x + 0.5 * x * x + 0.25 * x * x * x, accuracy: 1e-14)
    }
  }

  func testCatalogueNames() {
    XCTAssertEqual(BuiltinModels.named("poly0")?.parameterNames, ["c0"])
    XCTAssertEqual(BuiltinModels.named("polynomial2")?.parameterNames, ["c0", "c1", "c2"])
    XCTAssertEqual(BuiltinModels.named("poly20")?.parameterNames.count, 21)
    XCTAssertNil(BuiltinModels.named("poly21"))
    XCTAssertNil(BuiltinModels.named("poly"))
    XCTAssertNil(BuiltinModels.named("poly02"))
    XCTAssertNil(BuiltinModels.named("poly-1"))
    XCTAssertNil(BuiltinModels.named("nonesuch"))
    for builtin in BuiltinModels.all {
      XCTAssertEqual(BuiltinModels.named(builtin.name)?.formula, builtin.formula)
      // The catalogue's parameter order is the expression's order.
      XCTAssertEqual(try ExpressionModel(builtin.name).parameterNames, builtin.parameterNames)
      XCTAssertFalse(builtin.summary.isEmpty)
    }
  }

  /// ∫ f dx by composite Simpson on [a, b] with n (even) intervals, through the model.
  private func integrate(
    _ model: ExpressionModel, _ theta: [Double], from a: Double, to b: Double, intervals n: Int
  ) -> Double {
    let h = (b - a) / Double(n)
    let x = (0...n).map { a + Double($0) * h }
    let y = model.evaluate(Matrix(column: x), parameters: theta).elements
    var sum = y[0] + y[n]
    for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * y[i] }
    return sum * h / 3
  }

  func testBreitWignerIntegratesToA() throws {
    let model = try ExpressionModel("breitwigner")
    for (a, m, w) in [(3.0, 91.19, 2.50), (1.0, 1.0, 0.8), (5.0, 0.775, 0.149)] {
      // Substituting E = M + Γ tan u maps [0, ∞) to a finite range; integrate
      // f(E) dE/du = f · Γ / cos²u by Simpson.
      let lo = atan(-m / w)
      let hi = Double.pi / 2 * (1 - 1e-9)
      let n = 20000
      let h = (hi - lo) / Double(n)
      let u = (0...n).map { lo + Double($0) * h }
      let e = u.map { m + w * tan($0) }
      let f = model.evaluate(Matrix(column: e), parameters: [a, m, w]).elements
      var sum = 0.0
      for i in 0...n {
        let weight: Double = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2)
        sum += weight * f[i] * w / (cos(u[i]) * cos(u[i]))
      }
      XCTAssertEqual(sum * h / 3, a, accuracy: 1e-6 * a, "M=\(m) Γ=\(w)")
    }
  }

  func testGaussianAndVoigtNormalisation() throws {
    let gaussian = try ExpressionModel("gaussian")
    let sigma = 0.7
    let peakArea = integrate(gaussian, [2, 1, sigma], from: -9, to: 11, intervals: 4000)
    XCTAssertEqual(peakArea, 2 * sigma * (2 * Double.pi).squareRoot(), accuracy: 1e-9)
    let area = integrate(
      try ExpressionModel("gaussian_area"), [2, 1, sigma], from: -9, to: 11, intervals: 4000)
    XCTAssertEqual(area, 2, accuracy: 1e-9)
    // Lorentzian: peak height A, area πγA.
    let lorentzian = try ExpressionModel("lorentzian")
    XCTAssertEqual(
      lorentzian.evaluate(Matrix(column: [1]), parameters: [2, 1, 0.3]).elements[0], 2,
      accuracy: 1e-15)
    // Voigt: area A. The Lorentzian tails fall as γ/(πx²): integrate ±L and add the
    // tail beyond, 2γA/(πL).
    let voigt = try ExpressionModel("voigt")
    let theta = [3.0, 0.5, 0.4, 0.2]
    let halfRange = 400.0
    let inside = integrate(
      voigt, theta, from: 0.5 - halfRange, to: 0.5 + halfRange, intervals: 400_000)
    let tails = 2 * theta[3] * theta[0] / (Double.pi * halfRange)
    XCTAssertEqual(inside + tails, theta[0], accuracy: 1e-6)
  }

  // MARK: Built-ins inside expressions

  func testBareNamesAndCollisionSuffixes() throws {
    let sum = try ExpressionModel("gaussian + linear")
    XCTAssertEqual(sum.parameterNames, ["A", "mu", "sigma", "a", "b"])
    let twin = try ExpressionModel("gaussian + gaussian + constant")
    XCTAssertEqual(twin.parameterNames, ["A_1", "mu_1", "sigma_1", "A_2", "mu_2", "sigma_2", "c"])
    let mixed = try ExpressionModel("gaussian + exponential")
    XCTAssertEqual(mixed.parameterNames, ["A_1", "mu", "sigma", "A_2", "tau"])
    XCTAssertEqual(mixed.builtinTerms.map(\.builtin.name), ["gaussian", "exponential"])
    let x = [0.2, 0.8, 1.7]
    let theta = [2.0, 0.9, 0.6, 1.5, 0.7]
    let y = mixed.evaluate(Matrix(column: x), parameters: theta).elements
    for i in x.indices {
      let g = theta[0] * exp(-(x[i] - theta[1]) * (x[i] - theta[1]) / (2 * theta[2] * theta[2]))
      XCTAssertEqual(y[i], g + theta[3] * exp(-x[i] / theta[4]), accuracy: 1e-14)
    }
    // The whole model as just a name.
    XCTAssertEqual(try ExpressionModel("voigt").parameterNames, ["A", "mu", "sigma", "gamma"])
    // A built-in term with the user's own parameters around it.
    let scaled = try ExpressionModel("k*gaussian + A")
    XCTAssertEqual(scaled.parameterNames, ["k", "A", "mu", "sigma"])
  }

  func testCallForm() throws {
    let model = try ExpressionModel(
      "gaussian(t, A1, mu1, s1) + gaussian(t, A2, mu1 + d, s1) + B", inputs: ["t"])
    XCTAssertEqual(model.parameterNames, ["A1", "mu1", "s1", "A2", "d", "B"])
    XCTAssertEqual(model.builtinTerms.count, 2)
    XCTAssertEqual(model.builtinTerms[1].parameterNames, ["A2", nil, "s1"])
    XCTAssertEqual(model.builtinTerms[0].input, "t")
    let t = [0.1, 1.0, 2.3]
    let p = [2.0, 0.8, 0.5, 1.0, 1.2, 0.1]
    let y = model.evaluate(Matrix(column: t), parameters: p).elements
    func g(_ x: Double, _ a: Double, _ m: Double, _ s: Double) -> Double {
      a * exp(-(x - m) * (x - m) / (2 * s * s))
    }
    for i in t.indices {
      XCTAssertEqual(
        y[i], g(t[i], p[0], p[1], p[2]) + g(t[i], p[3], p[1] + p[4], p[2]) + p[5], accuracy: 1e-14)
    }
    ExpressionDerivativeTests.assertJacobianMatchesDifferences(
      model, inputs: Matrix(column: t), parameters: p)
    // Default names with an explicit input; the input may be an expression.
    let shifted = try ExpressionModel("gaussian(t - 1)", inputs: ["t"])
    XCTAssertEqual(shifted.parameterNames, ["A", "mu", "sigma"])
    XCTAssertNil(shifted.builtinTerms[0].input)
    let twice = try ExpressionModel("lorentzian(t) + lorentzian(t)", inputs: ["t"])
    XCTAssertEqual(twice.parameterNames, ["A_1", "mu_1", "gamma_1", "A_2", "mu_2", "gamma_2"])
  }

  func testSeveralInputsNeedTheCallForm() throws {
    XCTAssertThrowsError(try ExpressionModel("gaussian + c*x2", inputs: ["x1", "x2"])) { error in
      let message = (error as? FormulaError)?.message ?? ""
      XCTAssertTrue(message.contains("gaussian(input"), message)
      XCTAssertEqual((error as? FormulaError)?.column, 1)
    }
    let model = try ExpressionModel("gaussian(x1) + c*x2", inputs: ["x1", "x2"])
    XCTAssertEqual(model.parameterNames, ["A", "mu", "sigma", "c"])
  }

  func testColumnNamedLikeABuiltinIsTheColumn() throws {
    let model = try ExpressionModel("k*gaussian", inputs: ["gaussian"])
    XCTAssertEqual(model.parameterNames, ["k"])
    XCTAssertTrue(model.builtinTerms.isEmpty)
    // Called, it is still the model.
    let called = try ExpressionModel("gaussian(gaussian)", inputs: ["gaussian"])
    XCTAssertEqual(called.parameterNames, ["A", "mu", "sigma"])
  }

  func testUnknownNameSuggestsBuiltin() {
    XCTAssertThrowsError(try ExpressionModel("gausian(x)")) { error in
      XCTAssertTrue((error as? FormulaError)?.message.contains("did you mean 'gaussian'") ?? false)
    }
  }
}
