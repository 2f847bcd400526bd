import Foundation
import XCTest

@testable import PhysFit

/// Unbinned and extended unbinned likelihood fits against closed-form
/// maximum-likelihood estimates and their analytic errors (issue 3, "must show" 3 and 5).
final class UnbinnedTests: XCTestCase {
  /// Every optimizer these fits are run with: GSL's BFGS and an independent damped
  /// Newton method written here.
  static let optimizers: [any Optimizer] = [BFGS(), DampedNewton()]

  /// n exponential decay times with mean τ, truncated to [0, T] (T = ∞ for none).
  static func decayTimes(n: Int, tau: Double, upTo end: Double = .infinity, seed: UInt64)
    -> [Double]
  {
    var random = RandomSource(seed: seed)
    let mass = 1 - exp(-end / tau)
    return (0..<n).map { _ in -tau * log(1 - random.uniform() * mass) }
  }

  static let decay = try! ExpressionModel("exp(-t/tau)/tau", inputs: ["t"])

  func testQuadratureRuleIsExactAndAccurate() {
    // One panel of 16 points integrates x³¹ exactly.
    let single = QuadratureRule.gaussLegendre(lower: 0, upper: 1, panels: 1, order: 16)
    XCTAssertEqual(single.integrate(single.nodes.map { pow($0, 31) }), 1.0 / 32, accuracy: 1e-15)
    XCTAssertEqual(UnbinnedKit.sum(single.weights), 1, accuracy: 1e-15)
    // Default rule: exp(−x/τ) with τ = (b − a)/64 and a gaussian with σ = (b − a)/32.
    let rule = QuadratureRule.gaussLegendre(lower: 0, upper: 64)
    let expIntegral = rule.integrate(rule.nodes.map { exp(-$0) })
    XCTAssertEqual(expIntegral, 1 - exp(-64), accuracy: 1e-12)
    let gauss = QuadratureRule.gaussLegendre(lower: -16, upper: 16)
    let gaussIntegral = gauss.integrate(gauss.nodes.map { exp(-0.5 * $0 * $0) })
    XCTAssertEqual(gaussIntegral / (2 * Double.pi).squareRoot(), 1, accuracy: 1e-12)
  }

  /// Long range (T = 40τ): τ̂ = mean, σ(τ̂) = τ̂/√n.
  func testExponentialDecayMatchesClosedForm() throws {
    let n = 2000
    let t = Self.decayTimes(n: n, tau: 2, seed: 11)
    let mean = UnbinnedKit.sum(t) / Double(n)
    var fit = try Fit(model: Self.decay, unbinned: t, range: 0...80)
    try fit.set("tau", value: 1.5)
    for optimizer in Self.optimizers {
      let result = try fit.minimize(using: optimizer)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      XCTAssertEqual(result["tau"]!.value, mean, accuracy: 1e-8 * mean, optimizer.name)
      XCTAssertEqual(
        result["tau"]!.error, mean / Double(n).squareRoot(), accuracy: 1e-4 * mean / 44.7,
        optimizer.name)
      XCTAssertEqual(result.errorDefinition, 0.5)
      XCTAssertEqual(result.dataCount, n)
      XCTAssertEqual(result.ndf, n - 1)
    }
  }

  /// Short range [0, T], T = 1.5τ: the truncated-exponential MLE solves
  /// mean = τ − T/(e^(T/τ) − 1); its error is 1/√L''(τ̂) of the closed-form
  /// −ln ℒ(τ) = Σt/τ + n·ln(τ(1 − e^(−T/τ))). (`end` is T.)
  func testTruncatedExponentialMatchesOneDimensionalRoot() throws {
    let n = 2000
    let end = 3.0
    let t = Self.decayTimes(n: n, tau: 2, upTo: end, seed: 12)
    let sum = UnbinnedKit.sum(t)
    let mean = sum / Double(n)
    let tauHat = UnbinnedKit.bisect(lower: 0.1, upper: 100) { tau in
      tau - end / expm1(end / tau) - mean
    }
    func nll(_ tau: Double) -> Double { sum / tau + Double(n) * log(-tau * expm1(-end / tau)) }
    let h = 1e-3 * tauHat
    let curvature = (nll(tauHat + h) - 2 * nll(tauHat) + nll(tauHat - h)) / (h * h)
    let error = 1 / curvature.squareRoot()

    var fit = try Fit(model: Self.decay, unbinned: t, range: 0...end)
    try fit.set("tau", value: 1.5)
    for optimizer in Self.optimizers {
      let result = try fit.minimize(using: optimizer)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      XCTAssertEqual(result["tau"]!.value, tauHat, accuracy: 1e-7 * tauHat, optimizer.name)
      XCTAssertEqual(result["tau"]!.error, error, accuracy: 1e-4 * error, optimizer.name)
      XCTAssertEqual(result.objectiveValue, nll(tauHat), accuracy: 1e-9 * abs(nll(tauHat)))
    }
  }

  /// μ̂ = mean, σ̂ = √(Σ(x − μ̂)²/n), errors σ̂/√n and σ̂/√(2n); the density is left
  /// unnormalised (the objective normalises it).
  func testGaussianMeanAndWidthMatchClosedForm() throws {
    let n = 2000
    var random = RandomSource(seed: 13)
    let x = (0..<n).map { _ in 1 + 2 * random.normal() }
    let mu = UnbinnedKit.sum(x) / Double(n)
    let sigma = (x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(n)).squareRoot()
    let model = try ExpressionModel("exp(-0.5*((x - mu)/sigma)^2)")
    var fit = try Fit(model: model, unbinned: x, range: -19...21)
    try fit.set("mu", value: 0.5)
    try fit.set("sigma", value: 1.5)
    for optimizer in Self.optimizers {
      let result = try fit.minimize(using: optimizer)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      XCTAssertEqual(result["mu"]!.value, mu, accuracy: 1e-8 * sigma, optimizer.name)
      XCTAssertEqual(result["sigma"]!.value, sigma, accuracy: 1e-8 * sigma, optimizer.name)
      let muError = sigma / Double(n).squareRoot()
      let sigmaError = sigma / (2 * Double(n)).squareRoot()
      XCTAssertEqual(result["mu"]!.error, muError, accuracy: 1e-4 * muError, optimizer.name)
      XCTAssertEqual(
        result["sigma"]!.error, sigmaError, accuracy: 1e-4 * sigmaError, optimizer.name)
    }
  }

  /// Extended: ν̂ = n with error √n, τ̂ = mean, no correlation between them.
  func testExtendedFitYieldIsTheEventCount() throws {
    let n = 2000
    let t = Self.decayTimes(n: n, tau: 2, seed: 14)
    let mean = UnbinnedKit.sum(t) / Double(n)
    let model = try ExpressionModel("nu*exp(-t/tau)/tau", inputs: ["t"])
    var fit = try Fit(model: model, extendedUnbinned: t, range: 0...80)
    try fit.set("nu", value: 1500)
    try fit.set("tau", value: 1.5)
    for optimizer in Self.optimizers {
      let result = try fit.minimize(using: optimizer)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      XCTAssertEqual(result["nu"]!.value, Double(n), accuracy: 1e-8 * Double(n), optimizer.name)
      XCTAssertEqual(
        result["nu"]!.error, Double(n).squareRoot(), accuracy: 1e-4 * 44.7, optimizer.name)
      XCTAssertEqual(result["tau"]!.value, mean, accuracy: 1e-8 * mean, optimizer.name)
      XCTAssertEqual(
        result["tau"]!.error, mean / Double(n).squareRoot(), accuracy: 1e-4 * mean / 44.7,
        optimizer.name)
      XCTAssertEqual(result.dataCount, n)
    }
  }

  /// ∂L/∂ŷ of both objectives against central differences over the predictions.
  func testPredictionGradientsMatchFiniteDifferences() throws {
    let data = [0.3, 1.1, 2.5, 0.7]
    let rule = QuadratureRule.gaussLegendre(lower: 0, upper: 3, panels: 2, order: 3)
    let plain = try UnbinnedNLL(data: data, range: 0...3, quadrature: rule)
    let extended = try ExtendedUnbinnedNLL(data: data, range: 0...3, quadrature: rule)
    var random = RandomSource(seed: 15)
    let rows = plain.predictionRows
    XCTAssertEqual(rows, 4 + 6)
    var predictions = Matrix(rows: rows, columns: 1)
    for i in 0..<rows { predictions.elements[i] = random.uniform(0.5, 2) }
    checkPredictionGradient(plain, predictions)
    checkPredictionGradient(extended, predictions)
  }

  /// ∂L/∂θ through a model (the pullback over data and nodes) against central
  /// differences of L(θ).
  func testParameterGradientsMatchFiniteDifferences() throws {
    let x = [0.2, -0.4, 1.3, 0.9, -1.7, 0.1]
    let model = try ExpressionModel("A*exp(-0.5*((x - mu)/sigma)^2) + c")
    let theta = [1.3, 0.2, 0.9, 0.05]  // A, mu, sigma, c in formula order
    XCTAssertEqual(model.parameterNames, ["A", "mu", "sigma", "c"])
    let plain = try UnbinnedNLL(data: x, range: -3...3)
    let extended = try ExtendedUnbinnedNLL(data: x, range: -3...3)
    UnbinnedKit.checkParameterGradient(
      FitProblem(model: model, inputs: plain.inputs, objective: plain), theta)
    UnbinnedKit.checkParameterGradient(
      FitProblem(model: model, inputs: extended.inputs, objective: extended), theta)
  }

  /// A density ≤ 0 at a data point is an infinite objective (a rejected step), with a
  /// finite gradient buffer — never a trap.
  func testNonPositiveDensityIsInfinite() throws {
    let model = try ExpressionModel("a + b*x")
    let objective = try UnbinnedNLL(data: [0.1, 0.9], range: 0...1)
    let problem = FitProblem(model: model, inputs: objective.inputs, objective: objective)
    var gradient: [Double] = []
    XCTAssertEqual(problem.value(at: [0.5, -1]), .infinity)  // f(0.9) < 0
    XCTAssertEqual(problem.valueAndGradient(at: [0, 0], gradient: &gradient), .infinity)
    XCTAssertTrue(gradient.allSatisfy(\.isFinite))
    XCTAssertTrue(problem.value(at: [1, 0]).isFinite)
  }

  func testBadInputThrows() throws {
    XCTAssertThrowsError(try UnbinnedNLL(data: [0.5, 2], range: 0...1)) { error in
      XCTAssertEqual(
        error as? ObjectiveError,
        .outOfRange(
          what: "x", row: 2, value: 2, expected: "inside the normalisation range [0.0, 1.0]"))
    }
    XCTAssertThrowsError(try UnbinnedNLL(data: []))
    XCTAssertThrowsError(try UnbinnedNLL(data: [1, .nan]))
    XCTAssertThrowsError(try UnbinnedNLL(data: [1, 1]))  // the data's range is empty
    let rule = QuadratureRule.gaussLegendre(lower: 0, upper: 2)
    XCTAssertThrowsError(try ExtendedUnbinnedNLL(data: [0.5], range: 0...1, quadrature: rule))
    let twoInputs = try ExpressionModel("a*x + y", inputs: ["x", "y"])
    XCTAssertThrowsError(try Fit(model: twoInputs, unbinned: [0.5], range: 0...1))
    // The data's own range is the default.
    XCTAssertEqual(try UnbinnedNLL(data: [2, 5, 3]).range, 2...5)
  }

  func checkPredictionGradient(
    _ objective: some Objective, _ predictions: Matrix, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    var gradient = Matrix(rows: 0, columns: 0)
    let value = objective.valueAndGradient(predictions: predictions, gradient: &gradient)
    XCTAssertEqual(value, objective.value(predictions: predictions), file: file, line: line)
    for i in 0..<predictions.rows {
      let h = 1e-6 * abs(predictions.elements[i])
      var plus = predictions
      var minus = predictions
      plus.elements[i] += h
      minus.elements[i] -= h
      let numeric =
        (objective.value(predictions: plus) - objective.value(predictions: minus)) / (2 * h)
      XCTAssertEqual(
        gradient.elements[i], numeric, accuracy: 1e-7 * max(abs(numeric), 1), "row \(i)",
        file: file, line: line)
    }
  }
}

/// Helpers shared by the likelihood and simultaneous-fit tests.
enum UnbinnedKit {
  /// Σ vᵢ.
  static func sum(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 } }

  /// ∇f of a problem against central differences of f.
  static func checkParameterGradient(
    _ problem: some Minimizable, _ theta: [Double], file: StaticString = #filePath,
    line: UInt = #line
  ) {
    var gradient: [Double] = []
    _ = problem.valueAndGradient(at: theta, gradient: &gradient)
    for j in theta.indices {
      let h = 1e-6 * max(abs(theta[j]), 1)
      var plus = theta
      var minus = theta
      plus[j] += h
      minus[j] -= h
      let numeric = (problem.value(at: plus) - problem.value(at: minus)) / (2 * h)
      XCTAssertEqual(
        gradient[j], numeric, accuracy: 1e-6 * max(abs(numeric), 1), "parameter \(j)", file: file,
        line: line)
    }
  }

  /// The root of an increasing-or-decreasing g on [lower, upper] by bisection to the
  /// last bit.
  static func bisect(lower: Double, upper: Double, _ g: (Double) -> Double) -> Double {
    var a = lower
    var b = upper
    let signA = g(a) < 0
    for _ in 0..<200 {
      let m = 0.5 * (a + b)
      if m == a || m == b { break }
      if (g(m) < 0) == signA { a = m } else { b = m }
    }
    return 0.5 * (a + b)
  }
}

/// A damped Newton method for tests, independent of GSL: the Hessian by central
/// differences of the gradient, steps from (H + λ·diag H)s = −g with λ raised until
/// the value does not increase; converged when a full Newton step is below 10⁻¹¹
/// relative.
struct DampedNewton: Optimizer {
  var name: String { "test-newton" }

  func minimize(_ problem: some Minimizable, from start: [Double], observer: IterationObserver?)
    -> OptimizationResult
  {
    var x = start
    var g: [Double] = []
    var f = problem.valueAndGradient(at: x, gradient: &g)
    func result(_ reason: StopReason, _ iterations: Int) -> OptimizationResult {
      OptimizationResult(
        minimum: x, value: f, reason: reason, iterations: iterations,
        evaluations: problem.evaluations, method: name)
    }
    guard f.isFinite else { return result(.nonFiniteStart, 0) }
    let p = x.count
    var lambda = 1e-3
    for iteration in 1...200 {
      var hessian = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
      var gPlus: [Double] = []
      var gMinus: [Double] = []
      for j in 0..<p {
        let h = 1e-5 * max(abs(x[j]), 1)
        var point = x
        point[j] = x[j] + h
        _ = problem.valueAndGradient(at: point, gradient: &gPlus)
        point[j] = x[j] - h
        _ = problem.valueAndGradient(at: point, gradient: &gMinus)
        for i in 0..<p { hessian[i][j] = (gPlus[i] - gMinus[i]) / (2 * h) }
      }
      for i in 0..<p {
        for j in 0..<i {
          let m = 0.5 * (hessian[i][j] + hessian[j][i])
          hessian[i][j] = m
          hessian[j][i] = m
        }
      }
      if let newton = solve(hessian, g.map { -$0 }),
        zip(newton, x).allSatisfy({ abs($0) <= 1e-11 * max(abs($1), 1) })
      {
        return result(.stepTolerance, iteration)
      }
      var accepted = false
      while lambda < 1e12 {
        var damped = hessian
        for i in 0..<p { damped[i][i] += lambda * max(abs(hessian[i][i]), 1e-12) }
        if let step = solve(damped, g.map { -$0 }) {
          let trial = zip(x, step).map { $0 + $1 }
          var trialGradient: [Double] = []
          let trialValue = problem.valueAndGradient(at: trial, gradient: &trialGradient)
          // Within rounding of f counts as no increase: near the minimum the value
          // cannot resolve a Newton step, the gradient can.
          if trialValue.isFinite, trialValue <= f + 1e-12 * abs(f) {
            x = trial
            f = trialValue
            g = trialGradient
            lambda = max(lambda / 10, 1e-12)
            accepted = true
            break
          }
        }
        lambda *= 10
      }
      if !accepted { return result(.stalled("no decrease"), iteration) }
    }
    return result(.maxIterations, 200)
  }

  /// A·s = b by Gaussian elimination with partial pivoting; nil when singular.
  func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
    var a = a
    var b = b
    let n = b.count
    for k in 0..<n {
      guard let pivot = (k..<n).max(by: { abs(a[$0][k]) < abs(a[$1][k]) }), a[pivot][k] != 0
      else { return nil }
      a.swapAt(k, pivot)
      b.swapAt(k, pivot)
      for i in (k + 1)..<max(n, k + 1) {
        let factor = a[i][k] / a[k][k]
        for j in k..<n { a[i][j] -= factor * a[k][j] }
        b[i] -= factor * b[k]
      }
    }
    var s = [Double](repeating: 0, count: n)
    for k in stride(from: n - 1, through: 0, by: -1) {
      var sum = b[k]
      for j in (k + 1)..<max(n, k + 1) { sum -= a[k][j] * s[j] }
      s[k] = sum / a[k][k]
    }
    return s
  }
}
