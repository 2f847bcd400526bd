import Foundation
import XCTest

@testable import PhysFit

/// Initial guesses of the built-in models on synthetic data with noise.
final class BuiltinGuessTests: XCTestCase {
  /// Deterministic Gaussian noise (Box–Muller over a 64-bit LCG).
  private struct Noise {
    var state: UInt64
    mutating func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (Double(state >> 11) + 0.5) / 9_007_199_254_740_992
    }
    mutating func normal() -> Double {
      (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
  }

  /// Synthetic data from the catalogue model, with Gaussian noise of `noise` (absolute).
  private func data(
    _ name: String, _ theta: [Double], x: [Double], noise: Double, seed: UInt64 = 7
  ) throws -> [Double] {
    let model = try ExpressionModel(name)
    var rng = Noise(state: seed)
    return model.evaluate(Matrix(column: x), parameters: theta).elements.map {
      $0 + noise * rng.normal()
    }
  }

  private func grid(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
    (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
  }

  /// Asserts each guessed value within `relative` of the truth (or `absolute` where
  /// the truth is near 0), per parameter.
  private func assertGuess(
    _ name: String, truth: [Double], x: [Double], noise: Double, relative: [Double],
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    guard let builtin = BuiltinModels.named(name) else {
      XCTFail("no model \(name)", file: file, line: line)
      return
    }
    // Shuffle the points: guesses must not rely on sorted input.
    let y = try data(name, truth, x: x, noise: noise)
    let order = x.indices.map { ($0 * 7919) % x.count }
    let guess = builtin.initialGuess(x: order.map { x[$0] }, y: order.map { y[$0] })
    guard let guess else {
      XCTFail("\(name): no guess", file: file, line: line)
      return
    }
    for (k, value) in guess.enumerated() {
      let tolerance = relative[k] * max(abs(truth[k]), 1e-3)
      XCTAssertEqual(
        value, truth[k], accuracy: tolerance,
        "\(name).\(builtin.parameterNames[k]): guess \(guess) truth \(truth)", file: file,
        line: line)
    }
  }

  func testGuessesNearTruth() throws {
    let x = grid(0, 10, 201)
    try assertGuess("constant", truth: [3.2], x: x, noise: 0.1, relative: [0.02])
    try assertGuess("linear", truth: [1.5, -0.7], x: x, noise: 0.1, relative: [0.05, 0.02])
    try assertGuess(
      "poly3", truth: [1, -0.5, 0.2, -0.03], x: x, noise: 0.05, relative: [0.1, 0.1, 0.1, 0.1])
    try assertGuess("exponential", truth: [5, 2.5], x: x, noise: 0.02, relative: [0.05, 0.05])
    try assertGuess(
      "powerlaw", truth: [2, -1.5], x: grid(0.5, 10, 101), noise: 0.005, relative: [0.05, 0.05])
    try assertGuess(
      "gaussian", truth: [4, 4.2, 0.8], x: x, noise: 0.05, relative: [0.05, 0.03, 0.1])
    try assertGuess(
      "gaussian", truth: [-4, 4.2, 0.8], x: x, noise: 0.05, relative: [0.05, 0.03, 0.1])
    try assertGuess(
      "gaussian_area", truth: [6, 4.2, 0.8], x: x, noise: 0.05, relative: [0.1, 0.03, 0.1])
    try assertGuess(
      "lorentzian", truth: [4, 5.5, 0.6], x: x, noise: 0.05, relative: [0.05, 0.03, 0.1])
    try assertGuess(
      "voigt", truth: [6, 5, 0.5, 0.4], x: x, noise: 0.02, relative: [0.15, 0.03, 0.5, 0.5])
    try assertGuess(
      "breitwigner", truth: [100, 5, 0.6], x: grid(0.5, 12, 301), noise: 0.2,
      relative: [0.15, 0.03, 0.15])
    try assertGuess("sine", truth: [1.5, 2.2, 0.7], x: x, noise: 0.1, relative: [0.1, 0.03, 0.3])
    try assertGuess(
      "damped_oscillator", truth: [2, 4, 3.1, -0.5], x: x, noise: 0.05,
      relative: [0.3, 0.3, 0.03, 0.5])
    try assertGuess(
      "logistic", truth: [3, 6, 0.5, 1], x: x, noise: 0.05, relative: [0.05, 0.05, 0.3, 0.1])
    try assertGuess(
      "erfstep", truth: [-3, 4, 0.7, 2], x: x, noise: 0.05, relative: [0.05, 0.05, 0.3, 0.1])
  }

  func testNoGuessWithoutUsableData() {
    XCTAssertNil(BuiltinModels.exponential.initialGuess(x: [1, 2], y: [0, 0]))
    XCTAssertNil(BuiltinModels.gaussian.initialGuess(x: [1], y: [1]))
    XCTAssertNil(BuiltinModels.linear.initialGuess(x: [1, 2], y: [1]))
    XCTAssertNil(BuiltinModels.named("poly3")?.initialGuess(x: [1, 2, 3], y: [1, 2, 3]))
    // Non-finite points are ignored.
    let guess = BuiltinModels.linear.initialGuess(x: [0, 1, .nan, 2], y: [1, 3, 4, 5])
    XCTAssertEqual(guess?[1] ?? 0, 2, accuracy: 1e-12)
  }

  func testExpressionGuessesForSums() throws {
    let x = grid(0, 10, 401)
    // Two peaks on a constant background.
    let model = try ExpressionModel("gaussian + gaussian + constant")
    let truth = [5.0, 3.0, 0.5, 2.5, 7.0, 0.7, 1.0]
    var rng = Noise(state: 11)
    let y = model.evaluate(Matrix(column: x), parameters: truth).elements.map {
      $0 + 0.02 * rng.normal()
    }
    let guesses = model.initialGuesses(x: x, y: y)
    XCTAssertEqual(guesses["mu_1"] ?? 0, 3, accuracy: 0.1)
    XCTAssertEqual(guesses["mu_2"] ?? 0, 7, accuracy: 0.1)
    XCTAssertEqual(guesses["A_1"] ?? 0, 5, accuracy: 0.5)
    XCTAssertEqual(guesses["A_2"] ?? 0, 2.5, accuracy: 0.5)
    XCTAssertEqual(guesses["sigma_1"] ?? 0, 0.5, accuracy: 0.15)
    XCTAssertEqual(guesses["sigma_2"] ?? 0, 0.7, accuracy: 0.2)
    XCTAssertEqual(guesses["c"] ?? 0, 1, accuracy: 0.2)

    // A single term in call form with the user's names gets the catalogue guess.
    let call = try ExpressionModel("gaussian(t, height, centre, width)", inputs: ["t"])
    let yg = try data("gaussian", [4, 4.2, 0.8], x: x, noise: 0.0)
    let single = call.initialGuesses(x: x, y: yg)
    let catalogue = BuiltinModels.gaussian.initialGuessByName(x: x, y: yg) ?? [:]
    XCTAssertEqual(single["height"] ?? 0, catalogue["A"] ?? 1, accuracy: 1e-12)
    XCTAssertEqual(single["centre"] ?? 0, catalogue["mu"] ?? 1, accuracy: 1e-12)
    XCTAssertEqual(single["width"] ?? 0, catalogue["sigma"] ?? 1, accuracy: 1e-12)
    // Terms with expression arguments are skipped; a plain formula has no guesses.
    XCTAssertTrue(try ExpressionModel("gaussian(x, 2*a, m, s)").initialGuesses(x: x, y: yg).isEmpty)
    XCTAssertTrue(try ExpressionModel("a*x + b").initialGuesses(x: x, y: yg).isEmpty)
  }
}
