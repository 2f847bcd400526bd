import Foundation
import XCTest

@testable import PhysFit

/// Simultaneous fits (parameters shared by name) and Gaussian constraints against
/// the closed-form weighted least-squares and likelihood solutions.
final class SimultaneousFitTests: XCTestCase {
  /// Two lines with a common slope: y₁ = m·x + b1 and y₂ = m·x + b2, σ per point.
  struct Lines {
    var x1: [Double] = [], y1: [Double] = [], s1: [Double] = []
    var x2: [Double] = [], y2: [Double] = [], s2: [Double] = []

    init(seed: UInt64) {
      var random = RandomSource(seed: seed)
      for i in 0..<12 {
        let x = Double(i)
        x1.append(x)
        s1.append(0.2 + 0.05 * Double(i % 3))
        y1.append(0.7 * x + 1.5 + s1[i] * random.normal())
      }
      for i in 0..<9 {
        let x = 0.5 + 1.3 * Double(i)
        x2.append(x)
        s2.append(0.4)
        y2.append(0.7 * x - 2 + s2[i] * random.normal())
      }
    }

    /// The design rows [x, 1, 0] and [x, 0, 1] for β = (m, b1, b2), with weights 1/σ²,
    /// plus pseudo-observations (row, value, σ) for constraints.
    func normalEquations(constraints: [([Double], Double, Double)] = [])
      -> (a: [[Double]], rhs: [Double], chi2: ([Double]) -> Double)
    {
      var rows: [([Double], Double, Double)] = []
      for i in x1.indices { rows.append(([x1[i], 1, 0], y1[i], s1[i])) }
      for i in x2.indices { rows.append(([x2[i], 0, 1], y2[i], s2[i])) }
      rows += constraints
      var a = [[Double]](repeating: [0, 0, 0], count: 3)
      var rhs = [0.0, 0, 0]
      for (row, y, s) in rows {
        for j in 0..<3 {
          rhs[j] += row[j] * y / (s * s)
          for k in 0..<3 { a[j][k] += row[j] * row[k] / (s * s) }
        }
      }
      let chi2: ([Double]) -> Double = { beta in
        rows.reduce(0) { sum, r in
          let z = (r.1 - UnbinnedKit.sum(zip(r.0, beta).map(*))) / r.2
          return sum + z * z
        }
      }
      return (a, rhs, chi2)
    }

    func fits() throws -> (Fit<ExpressionModel, ChiSquare>, Fit<ExpressionModel, ChiSquare>) {
      let a = try Fit(model: ExpressionModel("m*x + b1"), x: x1, y: y1, sigma: s1)
      let b = try Fit(model: ExpressionModel("m*x + b2"), x: x2, y: y2, sigma: s2)
      return (a, b)
    }
  }

  /// β = A⁻¹·rhs and cov = A⁻¹ by solving against the unit vectors.
  func closedForm(_ a: [[Double]], _ rhs: [Double]) -> (beta: [Double], cov: [[Double]]) {
    let newton = DampedNewton()
    let beta = newton.solve(a, rhs)!
    let columns = (0..<3).map { k in newton.solve(a, (0..<3).map { $0 == k ? 1 : 0 })! }
    return (beta, columns)
  }

  func assertMatches(
    _ result: FitResult, _ beta: [Double], _ cov: [[Double]], chi2: Double, ndf: Int,
    valueTolerance: Double, errorTolerance: Double, _ label: String,
    line: UInt = #line
  ) {
    XCTAssertTrue(result.converged, "\(label): \(result.reason)", line: line)
    for (k, name) in ["m", "b1", "b2"].enumerated() {
      let error = cov[k][k].squareRoot()
      XCTAssertEqual(
        result[name]!.value, beta[k], accuracy: valueTolerance * error, "\(label) \(name)",
        line: line)
      XCTAssertEqual(
        result[name]!.error, error, accuracy: errorTolerance * error, "\(label) \(name)",
        line: line)
    }
    let i = result.parameters.firstIndex { $0.name == "m" }!
    let j = result.parameters.firstIndex { $0.name == "b2" }!
    XCTAssertEqual(result.covariance[i, j], cov[0][2], accuracy: errorTolerance * abs(cov[0][2]))
    XCTAssertEqual(result.objectiveValue, chi2, accuracy: 1e-9 * chi2, label, line: line)
    XCTAssertEqual(result.ndf, ndf, label, line: line)
  }

  func testSharedSlopeMatchesJointWeightedLeastSquares() throws {
    let lines = Lines(seed: 21)
    let (a, b) = try lines.fits()
    let joint = try SimultaneousFit([a, b])
    XCTAssertEqual(joint.parameters.names, ["m", "b1", "b2"])
    XCTAssertEqual(joint.dataCount, 21)
    let (normal, rhs, chi2) = lines.normalEquations()
    let (beta, cov) = closedForm(normal, rhs)

    let leastSquares = try joint.minimize()
    assertMatches(
      leastSquares, beta, cov, chi2: chi2(beta), ndf: 18, valueTolerance: 1e-8,
      errorTolerance: 1e-8, "least squares")
    XCTAssertNotNil(leastSquares.pValue)
    for optimizer in UnbinnedTests.optimizers {
      let result = try joint.minimize(using: optimizer)
      assertMatches(
        result, beta, cov, chi2: chi2(beta), ndf: 18, valueTolerance: 1e-6, errorTolerance: 1e-5,
        optimizer.name)
    }
  }

  /// A constraint b1 = 1.2 ± 0.05 is one more weighted observation in the normal
  /// equations: the closed-form constrained solution.
  func testConstraintPullsAsClosedFormPredicts() throws {
    let lines = Lines(seed: 22)
    let (a, b) = try lines.fits()
    var joint = try SimultaneousFit([a, b])
    try joint.constrain("b1", mean: 1.2, sigma: 0.05)
    XCTAssertEqual(joint.dataCount, 22)
    let (normal, rhs, chi2) = lines.normalEquations(constraints: [([0, 1, 0], 1.2, 0.05)])
    let (beta, cov) = closedForm(normal, rhs)
    let free = closedForm(lines.normalEquations().a, lines.normalEquations().rhs).beta
    XCTAssertGreaterThan(abs(beta[1] - free[1]), 0.05, "the constraint must pull b1 visibly")

    assertMatches(
      try joint.minimize(), beta, cov, chi2: chi2(beta), ndf: 19, valueTolerance: 1e-8,
      errorTolerance: 1e-8, "least squares")
    for optimizer in UnbinnedTests.optimizers {
      assertMatches(
        try joint.minimize(using: optimizer), beta, cov, chi2: chi2(beta), ndf: 19,
        valueTolerance: 1e-6, errorTolerance: 1e-5, optimizer.name)
    }
    // The same through Fit.constrained on a single part: b1 and m from line 1 only.
    let single = try a.constrained("b1", mean: 1.2, sigma: 0.05).minimize()
    XCTAssertTrue(single.converged)
    XCTAssertEqual(single.ndf, 12 + 1 - 2)
  }

  /// For −ln ℒ parts the constraint is ½((θ − μ₀)/σ_c)²: a gaussian mean with known
  /// width s is then μ̂ = (Σx/s² + μ₀/σ_c²)/(n/s² + 1/σ_c²), error (n/s² + 1/σ_c²)^(−½).
  func testConstraintOnLikelihoodUsesHalfWeight() throws {
    let n = 400
    let s = 2.0
    var random = RandomSource(seed: 23)
    let x = (0..<n).map { _ in 1 + s * random.normal() }
    let model = try ExpressionModel("exp(-0.5*((x - mu)/sigma)^2)")
    var fit = try Fit(model: model, unbinned: x, range: -19...21)
    try fit.set("sigma", value: s, fixed: true)
    try fit.set("mu", value: 0.5)
    let mu0 = 0.6
    let sigmaC = 0.08
    let information = Double(n) / (s * s) + 1 / (sigmaC * sigmaC)
    let expected = (UnbinnedKit.sum(x) / (s * s) + mu0 / (sigmaC * sigmaC)) / information
    let joint = try fit.constrained("mu", mean: mu0, sigma: sigmaC)
    for optimizer in UnbinnedTests.optimizers {
      let result = try joint.minimize(using: optimizer)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      XCTAssertEqual(result["mu"]!.value, expected, accuracy: 1e-8, optimizer.name)
      XCTAssertEqual(
        result["mu"]!.error, 1 / information.squareRoot(),
        accuracy: 1e-4 / information.squareRoot(), optimizer.name)
      XCTAssertEqual(result["sigma"]!.error, 0)
      XCTAssertEqual(result.errorDefinition, 0.5)
    }
  }

  /// Two decay-time samples sharing τ: τ̂ = (Σt₁ + Σt₂)/(n₁ + n₂), error τ̂/√(n₁ + n₂).
  func testUnbinnedDatasetsShareLifetime() throws {
    let t1 = UnbinnedTests.decayTimes(n: 600, tau: 2, seed: 24)
    let t2 = UnbinnedTests.decayTimes(n: 900, tau: 2, seed: 25)
    let a = try Fit(model: UnbinnedTests.decay, unbinned: t1, range: 0...80)
    let b = try Fit(model: UnbinnedTests.decay, unbinned: t2, range: 0...100)
    var joint = try SimultaneousFit([a, b])
    try joint.set("tau", value: 1.5)
    let tauHat = (UnbinnedKit.sum(t1) + UnbinnedKit.sum(t2)) / 1500
    let result = try joint.minimize(using: BFGS())
    XCTAssertTrue(result.converged, "\(result.reason)")
    XCTAssertEqual(result["tau"]!.value, tauHat, accuracy: 1e-8 * tauHat)
    XCTAssertEqual(
      result["tau"]!.error, tauHat / 1500.0.squareRoot(), accuracy: 1e-4 * tauHat / 38.7)
    XCTAssertEqual(result.dataCount, 1500)
  }

  /// The summed gradient and the stacked Jacobian against central differences.
  func testDerivativesMatchFiniteDifferences() throws {
    let lines = Lines(seed: 26)
    let (a, b) = try lines.fits()
    var joint = try SimultaneousFit([a, b])
    try joint.constrain("m", mean: 0.6, sigma: 0.1)
    try joint.constrain("b2", mean: -1, sigma: 0.3)
    let theta = [0.65, 1.2, -1.7]
    let problem = try joint.makeLeastSquaresProblem()
    UnbinnedKit.checkParameterGradient(problem, theta)
    var r: [Double] = []
    var j = Matrix(rows: 0, columns: 0)
    problem.residuals(at: theta, into: &r)
    problem.jacobian(at: theta, into: &j)
    XCTAssertEqual(r.count, 23)
    XCTAssertEqual(problem.value(at: theta), r.reduce(0) { $0 + $1 * $1 }, accuracy: 1e-10)
    for k in theta.indices {
      var plus = theta
      var minus = theta
      plus[k] += 1e-6
      minus[k] -= 1e-6
      var rp: [Double] = []
      var rm: [Double] = []
      problem.residuals(at: plus, into: &rp)
      problem.residuals(at: minus, into: &rm)
      for i in r.indices {
        XCTAssertEqual(j[i, k], (rp[i] - rm[i]) / 2e-6, accuracy: 1e-6, "residual \(i), θ\(k)")
      }
    }
  }

  func testInconsistentPartsThrow() throws {
    let lines = Lines(seed: 27)
    let (a, _) = try lines.fits()
    let unbinned = try Fit(model: UnbinnedTests.decay, unbinned: [1, 2, 3], range: 0...10)
    XCTAssertThrowsError(try SimultaneousFit([a, unbinned]))  // UP 1 and ½
    let likelihoods = try SimultaneousFit([unbinned])
    XCTAssertThrowsError(try likelihoods.minimize())  // no least-squares form
    var joint = try SimultaneousFit([a])
    XCTAssertThrowsError(try joint.constrain("nope", mean: 0, sigma: 1))
    XCTAssertThrowsError(try joint.constrain("m", mean: 0, sigma: 0))
    let unweighted = try Fit(model: ExpressionModel("m*x + b1"), x: lines.x1, y: lines.y1)
    XCTAssertThrowsError(try SimultaneousFit([a, unweighted]).minimize())  // σ and no σ
    XCTAssertThrowsError(try SimultaneousFit([]))
  }
}
