import Foundation
import XCTest

@testable import PhysFit

/// Multi-output least squares against the single-output objectives it generalises
/// (column by column), backpropagation through a two-output network against finite
/// differences, its mini-batch estimate, and a Levenberg–Marquardt fit of two outputs
/// through its residuals and the network's Jacobian.
final class MultiOutputObjectiveTests: XCTestCase {
  static func columns(_ k: Int, _ n: Int, seed: UInt64, positive: Bool = false) -> [[Double]] {
    var random = RandomSource(seed: seed)
    return (0..<k).map { _ in
      (0..<n).map { _ in positive ? random.uniform(0.5, 2) : random.normal() }
    }
  }

  func testAgreesWithSingleOutputObjectivesColumnByColumn() throws {
    let (n, k) = (9, 3)
    let y = Self.columns(k, n, seed: 1)
    let sigma = Self.columns(k, n, seed: 2, positive: true)
    let predictions = Matrix(columns: Self.columns(k, n, seed: 3))
    let mse = try MultiOutputLeastSquares(columns: y, kind: .meanSquaredError)
    let chi2 = try MultiOutputLeastSquares(columns: y, sigma: sigma, kind: .chiSquare)
    var meanOfMSEs = 0.0
    var sumOfChi2 = 0.0
    for o in 0..<k {
      let column = Matrix(column: predictions.column(o))
      meanOfMSEs += try MeanSquaredError(y: y[o]).value(predictions: column) / Double(k)
      sumOfChi2 += ChiSquare(y: y[o], sigma: sigma[o]).value(predictions: column)
    }
    XCTAssertEqual(mse.value(predictions: predictions), meanOfMSEs, accuracy: 1e-14 * meanOfMSEs)
    XCTAssertEqual(chi2.value(predictions: predictions), sumOfChi2, accuracy: 1e-13 * sumOfChi2)
    XCTAssertEqual(mse.dataCount, n * k)
    XCTAssertEqual(mse.predictionRows, n)
    XCTAssertFalse(mse.hasAbsoluteErrors)
    XCTAssertTrue(chi2.hasAbsoluteErrors)
    // Σ r² is the value, for both kinds.
    for objective in [mse, chi2] {
      var r: [Double] = []
      var d: [Double] = []
      objective.residuals(predictions: predictions, residuals: &r, derivatives: &d)
      XCTAssertEqual(r.count, n * k)
      let value = objective.value(predictions: predictions)
      XCTAssertEqual(r.reduce(0) { $0 + $1 * $1 }, value, accuracy: 1e-13 * value)
    }
  }

  /// k = 1 is MeanSquaredError and ChiSquare, values and gradients.
  func testOneOutputIsTheSingleOutputObjective() throws {
    let y = Self.columns(1, 12, seed: 4)
    let sigma = Self.columns(1, 12, seed: 5, positive: true)
    let predictions = Matrix(columns: Self.columns(1, 12, seed: 6))
    var g1 = Matrix(rows: 0, columns: 0)
    var g2 = Matrix(rows: 0, columns: 0)
    let a = try MultiOutputLeastSquares(columns: y, kind: .meanSquaredError)
      .valueAndGradient(predictions: predictions, gradient: &g1)
    let b = try MeanSquaredError(y: y[0]).valueAndGradient(predictions: predictions, gradient: &g2)
    XCTAssertEqual(a, b, accuracy: 1e-15 * b)
    XCTAssertEqual(NetworkGradientTests.relativeError(g1.elements, g2.elements), 0, accuracy: 1e-14)
    let c = try MultiOutputLeastSquares(columns: y, sigma: sigma, kind: .chiSquare)
      .valueAndGradient(predictions: predictions, gradient: &g1)
    let d = ChiSquare(y: y[0], sigma: sigma[0]).valueAndGradient(
      predictions: predictions, gradient: &g2)
    XCTAssertEqual(c, d, accuracy: 1e-14 * d)
    XCTAssertEqual(NetworkGradientTests.relativeError(g1.elements, g2.elements), 0, accuracy: 1e-14)
  }

  /// ∂L/∂θ through a 2-output network (standardised outputs too) matches finite
  /// differences to 10⁻⁶, for both kinds.
  func testBackpropagationThroughTwoOutputs() throws {
    let x = NetworkGradientTests.inputs(rows: 15, columns: 2, seed: 7)
    var net = try Network(widths: [2, 5, 2], activation: .tanh)
    try net.setStandardization(
      inputs: nil, outputs: Standardization(means: [1, -2], scales: [3, 0.5]))
    let y = Self.columns(2, 15, seed: 8)
    let sigma = Self.columns(2, 15, seed: 9, positive: true)
    let objectives = [
      try MultiOutputLeastSquares(columns: y, kind: .meanSquaredError),
      try MultiOutputLeastSquares(columns: y, sigma: sigma, kind: .chiSquare),
    ]
    for objective in objectives {
      let theta = NetworkGradientTests.parameters(net, seed: 10)
      let problem = FitProblem(model: net, inputs: x, objective: objective)
      var gradient: [Double] = []
      _ = problem.valueAndGradient(at: theta, gradient: &gradient)
      let reference = theta.indices.map {
        NetworkGradientTests.difference({ problem.value(at: $0) }, at: theta, $0)
      }
      let error = NetworkGradientTests.relativeError(gradient, reference)
      XCTAssertLessThan(error, 1e-6, "\(objective.kind): relative error \(error)")
    }
  }

  /// The mini-batch estimate over every point (any order) is the full objective; over a
  /// subset it is the batch mean (MSE) or N/B times the batch sum (χ²).
  func testMiniBatchEstimate() throws {
    let (n, k) = (8, 2)
    let y = Self.columns(k, n, seed: 11)
    let sigma = Self.columns(k, n, seed: 12, positive: true)
    let full = Matrix(columns: Self.columns(k, n, seed: 13))
    for objective in [
      try MultiOutputLeastSquares(columns: y, kind: .meanSquaredError),
      try MultiOutputLeastSquares(columns: y, sigma: sigma, kind: .chiSquare),
    ] {
      let rows = [5, 0, 3, 7, 1, 6, 2, 4]
      var shuffled = Matrix(rows: n, columns: k)
      for (j, i) in rows.enumerated() { for o in 0..<k { shuffled[j, o] = full[i, o] } }
      var g = Matrix(rows: 0, columns: 0)
      let estimate = objective.valueAndGradient(rows: rows, predictions: shuffled, gradient: &g)
      let value = objective.value(predictions: full)
      XCTAssertEqual(estimate, value, accuracy: 1e-13 * value)
      var gFull = Matrix(rows: 0, columns: 0)
      _ = objective.valueAndGradient(predictions: full, gradient: &gFull)
      for (j, i) in rows.enumerated() {
        for o in 0..<k { XCTAssertEqual(g[j, o], gFull[i, o], accuracy: 1e-14) }
      }
      // Two points: explicit sums.
      let pair = Matrix(columns: (0..<k).map { o in [full[2, o], full[6, o]] })
      let partial = objective.valueAndGradient(rows: [2, 6], predictions: pair, gradient: &g)
      var sum = 0.0
      for o in 0..<k {
        for i in [2, 6] {
          let s = objective.kind == .chiSquare ? sigma[o][i] : 1
          sum += (y[o][i] - full[i, o]) * (y[o][i] - full[i, o]) / (s * s)
        }
      }
      let expected = objective.kind == .chiSquare ? Double(n) / 2 * sum : sum / Double(2 * k)
      XCTAssertEqual(partial, expected, accuracy: 1e-13 * expected)
    }
  }

  /// Levenberg–Marquardt on 2 outputs (residuals + Jacobian of N·k rows) fits
  /// (sin x, cos x) with a 1-8-2 tanh network.
  func testLevenbergMarquardtFitsTwoOutputs() throws {
    let x = (0..<40).map { -2 + 4 * Double($0) / 39 }
    let objective = try MultiOutputLeastSquares(
      columns: [x.map { Foundation.sin($0) }, x.map { Foundation.cos($0) }],
      kind: .meanSquaredError)
    let net = try Network(widths: [1, 8, 2], activation: .tanh)
    var fit = try Fit(model: net, inputs: Matrix(column: x), objective: objective)
    fit.initializeWeights(seed: 3)
    let start = objective.value(
      predictions: net.evaluate(Matrix(column: x), parameters: fit.parameters.values))
    let result = try fit.minimize(
      using: TrustRegion(
        TrustRegion.Configuration(stopping: StoppingRule(maxIterations: 500), polishSteps: 0)))
    XCTAssertLessThan(result.objectiveValue, 1e-5)
    XCTAssertLessThan(result.objectiveValue, 1e-4 * start)
  }

  func testRefusesBadData() {
    XCTAssertThrowsError(try MultiOutputLeastSquares(columns: [], kind: .meanSquaredError))
    XCTAssertThrowsError(
      try MultiOutputLeastSquares(columns: [[1, 2], [3]], kind: .meanSquaredError)
    ) { XCTAssertEqual("\($0)", "y column 2 has 1 values but y column 1 has 2") }
    XCTAssertThrowsError(
      try MultiOutputLeastSquares(columns: [[1, .nan]], kind: .meanSquaredError)
    ) { XCTAssertEqual("\($0)", "y column 1 is not finite at row 2") }
    XCTAssertThrowsError(
      try MultiOutputLeastSquares(columns: [[1, 2]], sigma: [[1, 1]], kind: .meanSquaredError))
    XCTAssertThrowsError(
      try MultiOutputLeastSquares(columns: [[1, 2], [3, 4]], sigma: [[1, 1]], kind: .chiSquare))
    XCTAssertThrowsError(
      try MultiOutputLeastSquares(columns: [[1, 2]], sigma: [[1, 0]], kind: .chiSquare)
    ) { XCTAssertEqual("\($0)", "sigma column 1 must be positive: 0.0 at row 2") }
  }
}
