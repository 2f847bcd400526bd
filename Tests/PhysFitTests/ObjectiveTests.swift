import Foundation
import XCTest

@testable import PhysFit

/// Gradients of every objective against central finite differences (with respect to
/// predictions, and through a model to the parameters), residual forms, mini-batch
/// scaling, and closed-form checks of the error conventions.
final class ObjectiveTests: XCTestCase {
  /// Central difference of L along each prediction, step h·max(|ŷ|, 1).
  func assertGradient(
    _ objective: some Objective, at predictions: Matrix, tolerance: Double = 1e-6,
    _ label: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    var gradient = Matrix(rows: 0, columns: 0)
    let value = objective.valueAndGradient(predictions: predictions, gradient: &gradient)
    XCTAssertEqual(
      value, objective.value(predictions: predictions), accuracy: 1e-12 * max(abs(value), 1),
      "\(label): value", file: file, line: line)
    var p = predictions
    for k in predictions.elements.indices {
      let h = 1e-6 * max(abs(predictions.elements[k]), 1)
      p.elements[k] = predictions.elements[k] + h
      let plus = objective.value(predictions: p)
      p.elements[k] = predictions.elements[k] - h
      let minus = objective.value(predictions: p)
      p.elements[k] = predictions.elements[k]
      let numeric = (plus - minus) / (2 * h)
      XCTAssertEqual(
        gradient.elements[k], numeric, accuracy: tolerance * max(abs(numeric), 1),
        "\(label): ∂L/∂ŷ[\(k)]", file: file, line: line)
    }
  }

  /// Residuals: Σ r² = L and ∂rᵢ/∂ŷᵢ against central differences.
  func assertResiduals(
    _ objective: some LeastSquaresObjective, at predictions: Matrix, _ label: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    var r: [Double] = []
    var d: [Double] = []
    objective.residuals(predictions: predictions, residuals: &r, derivatives: &d)
    let sum = r.reduce(0) { $0 + $1 * $1 }
    let value = objective.value(predictions: predictions)
    XCTAssertEqual(sum, value, accuracy: 1e-12 * max(value, 1), label, file: file, line: line)
    var p = predictions
    var rPlus: [Double] = []
    var rMinus: [Double] = []
    var scratch: [Double] = []
    for k in r.indices {
      let h = 1e-6 * max(abs(predictions.elements[k]), 1)
      p.elements[k] = predictions.elements[k] + h
      objective.residuals(predictions: p, residuals: &rPlus, derivatives: &scratch)
      p.elements[k] = predictions.elements[k] - h
      objective.residuals(predictions: p, residuals: &rMinus, derivatives: &scratch)
      p.elements[k] = predictions.elements[k]
      let numeric = (rPlus[k] - rMinus[k]) / (2 * h)
      XCTAssertEqual(
        d[k], numeric, accuracy: 1e-6 * max(abs(numeric), 1), "\(label): ∂r/∂ŷ[\(k)]",
        file: file, line: line)
    }
  }

  /// The whole data set as one "batch" reproduces the full value and gradient, and a
  /// batch is N/B times its partial sum.
  func assertPointwise(
    _ objective: some PointwiseObjective, at predictions: Matrix, _ label: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let n = predictions.rows
    var full = Matrix(rows: 0, columns: 0)
    let value = objective.valueAndGradient(predictions: predictions, gradient: &full)
    var batch = Matrix(rows: 0, columns: 0)
    let all = objective.valueAndGradient(
      rows: Array(0..<n), predictions: predictions, gradient: &batch)
    XCTAssertEqual(all, value, accuracy: 1e-12 * max(abs(value), 1), label, file: file, line: line)
    for k in full.elements.indices {
      XCTAssertEqual(
        batch.elements[k], full.elements[k], accuracy: 1e-12, label, file: file, line: line)
    }
    // Batch {1, 3}: N/2 · (ℓ₁ + ℓ₃), checked against the full gradient's entries.
    let rows = [1, 3]
    var sub = Matrix(rows: 2, columns: predictions.columns)
    for c in 0..<predictions.columns {
      for (k, i) in rows.enumerated() { sub[k, c] = predictions[i, c] }
    }
    var g = Matrix(rows: 0, columns: 0)
    _ = objective.valueAndGradient(rows: rows, predictions: sub, gradient: &g)
    let factor = objective is MeanSquaredError ? 1.0 : Double(n) / 2
    let meanFactor = objective is MeanSquaredError ? Double(n) / 2 : 1.0
    for c in 0..<predictions.columns {
      for (k, i) in rows.enumerated() {
        XCTAssertEqual(
          g[k, c], factor * meanFactor * full[i, c], accuracy: 1e-12 * max(abs(g[k, c]), 1),
          "\(label): batch gradient", file: file, line: line)
      }
    }
  }

  /// ∂L/∂θ through a model (FitProblem's pullback) against central differences of L(θ).
  func assertParameterGradient<M: Model, O: Objective>(
    _ model: M, _ inputs: Matrix, _ objective: O, at theta: [Double], _ label: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let problem = FitProblem(model: model, inputs: inputs, objective: objective)
    var gradient: [Double] = []
    _ = problem.valueAndGradient(at: theta, gradient: &gradient)
    var t = theta
    for j in theta.indices {
      let h = 1e-6 * max(abs(theta[j]), 1)
      t[j] = theta[j] + h
      let plus = problem.value(at: t)
      t[j] = theta[j] - h
      let minus = problem.value(at: t)
      t[j] = theta[j]
      let numeric = (plus - minus) / (2 * h)
      XCTAssertEqual(
        gradient[j], numeric, accuracy: 1e-6 * max(abs(numeric), 1), "\(label): ∂L/∂θ[\(j)]",
        file: file, line: line)
    }
  }

  let y: [Double] = [1.2, -0.4, 3.5, 0.9, 2.2, -1.8]
  let yHat: [Double] = [1.0, 0.1, 0.5, 1.1, 2.0, 1.9]
  let x: [Double] = [0, 1, 2, 3, 4, 5]

  func testRobustChiSquare() throws {
    for loss in RobustLoss.allCases {
      for sigma in [nil, [0.5, 1, 2, 1, 0.3, 1.5] as [Double]?] {
        let objective = try RobustChiSquare(y: y, sigma: sigma, loss: loss, scale: 0.7)
        let label = "\(loss) σ=\(sigma == nil ? "none" : "given")"
        assertGradient(objective, at: Matrix(column: yHat), label)
        assertResiduals(objective, at: Matrix(column: yHat), label)
        assertPointwise(objective, at: Matrix(column: yHat), label)
        let model = try ExpressionModel("a + b*x")
        assertParameterGradient(model, Matrix(column: x), objective, at: [0.3, 0.2], label)
      }
    }
    // Closed forms: soft-L1 c²·2(√(1+z)−1); Huber beyond c: c²(2|r|/c − 1).
    let soft = try RobustChiSquare(y: [3], loss: .softL1, scale: 2)
    let softExpected: Double = 8 * ((1 + 9.0 / 4).squareRoot() - 1)
    XCTAssertEqual(soft.value(predictions: Matrix(column: [0])), softExpected, accuracy: 1e-14)
    let huber = try RobustChiSquare(y: [3, 0.5], loss: .huber, scale: 2)
    XCTAssertEqual(
      huber.value(predictions: Matrix(column: [0, 0])), 4 * (2 * 1.5 - 1) + 0.25,
      accuracy: 1e-14)
    XCTAssertThrowsError(try RobustChiSquare(y: y, loss: .huber, scale: 0))
  }

  /// Inside |r| ≤ c Huber is χ²: same fit, same errors.
  func testHuberWithoutOutliersIsChiSquare() throws {
    let data = [1.05, 2.98, 5.02, 6.97, 9.01, 11.03]
    let model = try ExpressionModel("a + b*x")
    let chi = try Fit(model: model, x: x, y: data, sigma: Array(repeating: 0.1, count: 6))
      .minimize()
    let robust = try Fit(
      model: model, inputs: Matrix(column: x),
      objective: try RobustChiSquare(
        y: data, sigma: Array(repeating: 0.1, count: 6), loss: .huber, scale: 3)
    ).minimize()
    for k in 0..<2 {
      XCTAssertEqual(robust.values[k], chi.values[k], accuracy: 1e-9)
      XCTAssertEqual(robust.errors[k], chi.errors[k], accuracy: 1e-9)
    }
  }

  func testPoissonNLL() throws {
    let counts: [Double] = [3, 0, 7, 12, 1, 0]
    let mu: [Double] = [2.5, 0.7, 7.0000001, 10, 3, 1e-3]
    let objective = try PoissonNLL(counts: counts)
    assertGradient(objective, at: Matrix(column: mu), "poisson")
    assertResiduals(objective, at: Matrix(column: mu), "poisson")
    assertPointwise(objective, at: Matrix(column: mu), "poisson")
    // Closed form 2Σ[ŷ − n + n ln(n/ŷ)], n = 0 terms 2ŷ.
    var expected = 0.0
    for i in counts.indices {
      let logTerm: Double = counts[i] > 0 ? counts[i] * log(counts[i] / mu[i]) : 0
      expected += 2 * (mu[i] - counts[i] + logTerm)
    }
    XCTAssertEqual(objective.value(predictions: Matrix(column: mu)), expected, accuracy: 1e-12)
    let model = try ExpressionModel("A*exp(-x/tau)")
    assertParameterGradient(model, Matrix(column: x), objective, at: [9, 2.5], "poisson model")
    XCTAssertThrowsError(try PoissonNLL(counts: [1, -2]))
    XCTAssertThrowsError(try PoissonNLL(counts: [1, .nan]))
  }

  /// Near r = 0 the deviance residual's derivative is −1/√n with no 0/0, and agrees
  /// with its series on both sides of the switch at |t| = 10⁻³.
  func testDevianceResidualNearZero() {
    let n = 25.0
    let exact = PoissonNLL.devianceResidual(count: n, prediction: n)
    XCTAssertEqual(exact.residual, 0, accuracy: 1e-300)
    XCTAssertEqual(exact.derivative, -0.2, accuracy: 1e-15)
    for t in [1e-12, -1e-9, 9.99e-4, 1.001e-3, -1.001e-3, 0.3, -0.5] {
      let mu = n * (1 + t)
      let (r, d) = PoissonNLL.devianceResidual(count: n, prediction: mu)
      // Reference: t − ln(1 + t) by a 20-term series below |t| = 0.01, log1p above.
      let u = (mu - n) / n
      var g = u - log1p(u)
      if abs(u) < 0.01 {
        g = 0
        for k in stride(from: 20, through: 2, by: -1) { g += pow(-u, Double(k)) / Double(k) }
      }
      let deviance = 2 * n * g
      XCTAssertEqual(r * r, deviance, accuracy: 1e-13 * deviance)
      let slope = 2 * (mu - n) / mu
      XCTAssertEqual(2 * r * d, slope, accuracy: 1e-13 * abs(slope))
      XCTAssertTrue(r.isFinite && d.isFinite)
    }
  }

  func testGaussianNLLWithSigmaColumn() throws {
    let sigma = [0.5, 1, 2, 1, 0.3, 1.5]
    let objective = try GaussianNLL(y: y, sigma: sigma)
    assertGradient(objective, at: Matrix(column: yHat), "gaussian σ column")
    assertPointwise(objective, at: Matrix(column: yHat), "gaussian σ column")
    var expected = 0.0
    for i in y.indices {
      expected += pow(y[i] - yHat[i], 2) / (2 * sigma[i] * sigma[i]) + log(sigma[i])
    }
    XCTAssertEqual(objective.value(predictions: Matrix(column: yHat)), expected, accuracy: 1e-12)
    XCTAssertThrowsError(try GaussianNLL(y: y, sigma: [1, 2]))
    XCTAssertThrowsError(try GaussianNLL(y: [1, 2], sigma: [1, 0]))
  }

  func testGaussianNLLWithPredictedSigma() throws {
    let objective = try GaussianNLL(y: y)
    let predictions = Matrix(columns: [yHat, [0.5, 1, 2, 1, 0.3, 1.5]])
    assertGradient(objective, at: predictions, "gaussian σ predicted")
    assertPointwise(objective, at: predictions, "gaussian σ predicted")
    let model = WithNoiseParameter(try ExpressionModel("a + b*x"), name: "sigma")
    XCTAssertEqual(model.parameterNames, ["a", "b", "sigma"])
    assertParameterGradient(model, Matrix(column: x), objective, at: [0.3, 0.2, 1.7], "noise")
    // The default Jacobian-based pullback agrees with the wrapper's own.
    let j = model.jacobian(Matrix(column: x), parameters: [0.3, 0.2, 1.7])
    XCTAssertEqual(j.rows, 12)
    XCTAssertEqual(j[6, 2], 1)
    XCTAssertEqual(j[0, 2], 0)
    XCTAssertEqual(j[2, 1], x[2])
    let bad = Matrix(columns: [yHat, [1, 1, -1, 1, 1, 1]])
    XCTAssertEqual(objective.value(predictions: bad), .infinity)
  }

  /// σ fitted as a parameter: for a straight line the ML estimate is √(RSS/N) and its
  /// error σ/√(2N); the line's values equal the least-squares fit's.
  func testFittedNoiseMatchesClosedForm() throws {
    let data = [1.3, 2.7, 5.4, 6.8, 9.3, 10.6]
    let line = try ExpressionModel("a + b*x")
    var fit = try Fit(
      model: WithNoiseParameter(line, name: "sigma"), inputs: Matrix(column: x),
      objective: try GaussianNLL(y: data))
    try fit.set("sigma", value: 1, lower: 0)
    let result = try fit.minimize(using: BFGS())
    XCTAssertTrue(result.converged, "\(result.reason)")
    let ls = try Fit(model: line, x: x, y: data).minimize()
    XCTAssertEqual(result["a"]!.value, ls["a"]!.value, accuracy: 1e-7)
    XCTAssertEqual(result["b"]!.value, ls["b"]!.value, accuracy: 1e-7)
    var rss = 0.0
    for i in x.indices { rss += pow(data[i] - ls["a"]!.value - ls["b"]!.value * x[i], 2) }
    let sigma = (rss / 6).squareRoot()
    XCTAssertEqual(result["sigma"]!.value, sigma, accuracy: 1e-7 * sigma)
    XCTAssertEqual(result["sigma"]!.error, sigma / 12.0.squareRoot(), accuracy: 1e-4 * sigma)
    XCTAssertEqual(result.errorDefinition, 0.5)
  }

  func testMeanSquaredError() throws {
    let objective = try MeanSquaredError(y: y)
    assertGradient(objective, at: Matrix(column: yHat), "mse")
    assertResiduals(objective, at: Matrix(column: yHat), "mse")
    assertPointwise(objective, at: Matrix(column: yHat), "mse")
    let model = try ExpressionModel("a + b*x")
    assertParameterGradient(model, Matrix(column: x), objective, at: [0.3, 0.2], "mse model")
  }

  /// MSE's errors (UP 1, scaled by L/ndf) equal the unweighted χ² fit's, on both paths.
  func testMeanSquaredErrorErrorsEqualUnweightedChiSquare() throws {
    let data = [1.3, 2.7, 5.4, 6.8, 9.3, 10.6]
    let model = try ExpressionModel("a + b*x")
    let chi = try Fit(model: model, x: x, y: data).minimize()
    let mse = try Fit(model: model, inputs: Matrix(column: x), objective: MeanSquaredError(y: data))
    for result in [try mse.minimize(), try mse.minimize(using: BFGS())] {
      XCTAssertTrue(result.errorsAreScaled)
      for k in 0..<2 {
        XCTAssertEqual(result.values[k], chi.values[k], accuracy: 1e-7)
        XCTAssertEqual(result.errors[k], chi.errors[k], accuracy: 1e-5 * chi.errors[k])
      }
    }
  }

  func testBinaryCrossEntropy() throws {
    let labels: [Double] = [1, 0, 1, 1, 0, 0.3]
    let p: [Double] = [0.8, 0.3, 0.55, 0.99, 0.01, 0.4]
    let probabilities = try BinaryCrossEntropy(labels: labels)
    assertGradient(probabilities, at: Matrix(column: p), "bce p")
    assertPointwise(probabilities, at: Matrix(column: p), "bce p")
    let logits = try BinaryCrossEntropy(labels: labels, input: .logits)
    let z: [Double] = [1.4, -0.8, 0.2, 4.6, -4.6, -40]
    assertGradient(logits, at: Matrix(column: z), "bce logits")
    assertPointwise(logits, at: Matrix(column: z), "bce logits")
    // Both forms agree where p = σ(z); logits stay finite where p rounds to 0.
    let sig = z.map { 1 / (1 + exp(-$0)) }
    XCTAssertEqual(
      try BinaryCrossEntropy(labels: Array(labels.prefix(5)), input: .logits).value(
        predictions: Matrix(column: Array(z.prefix(5)))),
      try BinaryCrossEntropy(labels: Array(labels.prefix(5))).value(
        predictions: Matrix(column: Array(sig.prefix(5)))), accuracy: 1e-12)
    let extreme = try BinaryCrossEntropy(labels: [1], input: .logits)
    XCTAssertEqual(extreme.value(predictions: Matrix(column: [-800])), 800, accuracy: 1e-9)
    XCTAssertEqual(
      probabilities.value(predictions: Matrix(column: [1.2, 0, 0, 0, 0, 0])), .infinity)
    let model = try ExpressionModel("1/(1+exp(-(a+b*x)))")
    assertParameterGradient(model, Matrix(column: x), probabilities, at: [0.3, -0.2], "bce model")
    XCTAssertThrowsError(try BinaryCrossEntropy(labels: [0, 2]))
  }

  func testCategoricalCrossEntropy() throws {
    let labels = [0, 2, 1, 1, 0, 2]
    let objective = try CategoricalCrossEntropy(labels: labels, classCount: 3)
    let z = Matrix(columns: [
      [0.5, -1, 2, 0.1, 3, -2], [1.5, 0.2, -0.3, 0.7, -1, 1], [-0.5, 2, 0.4, 0.1, 0, 900],
    ])
    assertGradient(objective, at: z, "ce")
    assertPointwise(objective, at: z, "ce")
    // Closed form on a row without overflow; the 900 row stays finite (log-sum-exp).
    let row0 = log(exp(0.5) + exp(1.5) + exp(-0.5)) - 0.5
    let single = try CategoricalCrossEntropy(labels: [0], classCount: 3)
    XCTAssertEqual(
      single.value(predictions: Matrix(columns: [[0.5], [1.5], [-0.5]])), row0, accuracy: 1e-14)
    XCTAssertTrue(objective.value(predictions: z).isFinite)
    let model = LinearModel(inputs: ["x"], outputs: 3)
    assertParameterGradient(
      model, Matrix(column: x), objective, at: [0.1, -0.2, 0.3, 0.05, -0.4, 0.25], "ce model")
    XCTAssertThrowsError(try CategoricalCrossEntropy(labels: [0, 3], classCount: 3))
    XCTAssertThrowsError(try CategoricalCrossEntropy(labels: [0], classCount: 1))
  }

  /// LinearModel's exact Jacobian against the central-difference default.
  func testLinearModelJacobian() {
    let model = LinearModel(inputs: ["x1", "x2"], outputs: 2)
    let inputs = Matrix(columns: [[0.5, 1, -2], [3, 0.1, 0.7]])
    let theta = [0.1, 0.2, 0.3, -0.4, 0.5, -0.6]
    let exact = model.jacobian(inputs, parameters: theta)
    var numeric = Matrix(rows: 0, columns: 0)
    var ws = ModelWorkspace()
    model.centralDifferenceJacobian(inputs, parameters: theta, into: &numeric, workspace: &ws)
    XCTAssertEqual(exact.rows, 6)
    for k in exact.elements.indices {
      XCTAssertEqual(exact.elements[k], numeric.elements[k], accuracy: 1e-8)
    }
  }
}
