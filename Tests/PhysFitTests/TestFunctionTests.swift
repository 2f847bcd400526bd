import XCTest

@testable import PhysFit

final class TestFunctionTests: XCTestCase {
  private func allFunctions() throws -> [TestFunction] {
    var functions: [TestFunction] = [TestFunction.himmelblau(), TestFunction.beale()]
    for n in [2, 3, 5] {
      functions += [
        try TestFunction.rosenbrock(dimension: n), try TestFunction.rastrigin(dimension: n),
        try TestFunction.ackley(dimension: n), try TestFunction.styblinskiTang(dimension: n),
      ]
    }
    return functions
  }

  /// Analytic gradients against central differences, h = 1e-6·max(|xᵢ|, 1), at random
  /// points of each function's search box.
  func testGradientsMatchCentralDifferences() throws {
    var random = RandomSource(seed: 20_240_603)
    for function in try allFunctions() {
      for _ in 0..<20 {
        let x = (0..<function.dimension).map {
          random.uniform(function.lowerBounds[$0], function.upperBounds[$0])
        }
        var gradient: [Double] = []
        let f = function.valueAndGradient(at: x, gradient: &gradient)
        XCTAssertEqual(f, function.value(at: x), accuracy: 1e-12 * max(abs(f), 1))
        for i in 0..<function.dimension {
          let h = 1e-6 * max(abs(x[i]), 1)
          var plus = x
          var minus = x
          plus[i] += h
          minus[i] -= h
          let numeric = (function.value(at: plus) - function.value(at: minus)) / (2 * h)
          // Central-difference error ~ h²·f''' plus rounding ~ ε·|f|/h.
          let tolerance = 1e-6 * max(abs(numeric), abs(f), 1)
          XCTAssertEqual(
            gradient[i], numeric, accuracy: tolerance, "\(function.name) ∂/∂x\(i + 1) at \(x)")
        }
      }
    }
  }

  func testValuesAtKnownMinima() throws {
    for function in try allFunctions() {
      XCTAssertFalse(function.minima.isEmpty)
      for minimum in function.minima {
        XCTAssertTrue(function.contains(minimum), function.name)
        var gradient: [Double] = []
        let f = function.valueAndGradient(at: minimum, gradient: &gradient)
        XCTAssertEqual(
          f, function.minimumValue, accuracy: 1e-12 * max(abs(function.minimumValue), 1),
          "\(function.name) at \(minimum)")
        for g in gradient {
          XCTAssertEqual(g, 0, accuracy: 1e-12, "\(function.name) gradient at \(minimum)")
        }
      }
    }
  }

  /// Closed-form values at other points, independent of the implementation's algebra.
  func testValuesAtReferencePoints() throws {
    let rosenbrock = try TestFunction.rosenbrock()
    XCTAssertEqual(rosenbrock.value(at: [-1.2, 1]), 24.2, accuracy: 1e-12)
    XCTAssertEqual(try TestFunction.rosenbrock(dimension: 3).value(at: [0, 0, 0]), 2, accuracy: 0)
    XCTAssertEqual(try TestFunction.rastrigin(dimension: 2).value(at: [1, 1]), 2, accuracy: 1e-12)
    XCTAssertEqual(
      try TestFunction.rastrigin(dimension: 1).value(at: [0.5]), 20.25, accuracy: 1e-12)
    XCTAssertEqual(TestFunction.himmelblau().value(at: [0, 0]), 170, accuracy: 1e-12)
    XCTAssertEqual(TestFunction.beale().value(at: [1, 1]), 14.203125, accuracy: 1e-12)
    // Ackley at (1, 1): −20 e^(−0.2) − e + 20 + e = 20 (1 − e^(−0.2)).
    XCTAssertEqual(
      try TestFunction.ackley(dimension: 2).value(at: [1, 1]), 20 * (1 - exp(-0.2)),
      accuracy: 1e-12)
    XCTAssertEqual(
      try TestFunction.styblinskiTang(dimension: 2).value(at: [1, 1]), -10, accuracy: 1e-12)
  }

  func testMetadata() throws {
    let rosenbrock = try TestFunction.rosenbrock()
    XCTAssertEqual(rosenbrock.standardStart, [-1.2, 1])
    XCTAssertEqual(try TestFunction.rosenbrock(dimension: 4).standardStart, [-1.2, 1, -1.2, 1])
    XCTAssertEqual(rosenbrock.name, "rosenbrock-2d")
    let rastrigin = try TestFunction.rastrigin(dimension: 5)
    XCTAssertEqual(rastrigin.dimension, 5)
    XCTAssertEqual(rastrigin.lowerBounds, Array(repeating: -5.12, count: 5))
    XCTAssertEqual(rastrigin.upperBounds, Array(repeating: 5.12, count: 5))
    XCTAssertNil(rastrigin.standardStart)
    XCTAssertEqual(try TestFunction.ackley(dimension: 3).upperBounds[2], 32.768)
    XCTAssertEqual(TestFunction.himmelblau().minima.count, 4)
    XCTAssertEqual(
      try TestFunction.styblinskiTang(dimension: 4).minimumValue, -156.66466281508568,
      accuracy: 1e-10)
    XCTAssertThrowsError(try TestFunction.rosenbrock(dimension: 1)) { error in
      XCTAssertEqual(
        (error as? TestFunctionError)?.description,
        "rosenbrock needs a dimension of at least 2, got 1")
    }
    XCTAssertThrowsError(try TestFunction.rastrigin(dimension: 0))
  }

  func testEvaluationCounts() throws {
    let function = try TestFunction.rastrigin(dimension: 3)
    var gradient: [Double] = []
    _ = function.value(at: [1, 2, 3])
    _ = function.value(at: [1, 2, 3])
    _ = function.valueAndGradient(at: [1, 2, 3], gradient: &gradient)
    XCTAssertEqual(function.evaluations, EvaluationCounts(values: 3, gradients: 1))
    XCTAssertEqual(gradient.count, 3)
    function.resetEvaluations()
    XCTAssertEqual(function.evaluations, EvaluationCounts())
    XCTAssertEqual(function.distanceToNearestMinimum([3, 4, 0]), 5, accuracy: 1e-15)
  }
}
