import Foundation
import XCTest

@testable import PhysFit

final class GradientDescentTests: XCTestCase {
  // MARK: Rosenbrock

  /// Each alias reaches the minimum (1, 1) of 2-D Rosenbrock from (−1.2, 1) by the
  /// default gradient test (10⁻⁸), within the budget and to the tolerance stated here.
  /// Learning rates: plain descent is stable below 2/λ_max ≈ 2/1330 at the start;
  /// momentum multiplies the effective rate by 1/(1 − β) = 10, so it needs a tenth.
  func testAliasesReachRosenbrockMinimum() throws {
    let cases: [(GradientDescent, budget: Int)] = [
      (.sgd(learningRate: .constant(1.5e-3)), 40_000),
      (.momentum(learningRate: .constant(2e-4)), 30_000),
      (.nesterov(learningRate: .constant(2e-4)), 30_000),
      (.adam(learningRate: .constant(1e-2)), 10_000),
      (.adam(learningRate: .cosine(initial: 2e-2, final: 1e-5, steps: 20_000)), 10_000),
    ]
    for (optimizer, budget) in cases {
      var gd = optimizer
      gd.configuration.stopping.maxIterations = budget
      let f = try TestFunction.rosenbrock()
      var reports = 0
      let r = gd.minimize(f, from: [-1.2, 1], observer: { _ in reports += 1 })
      XCTAssertEqual(r.reason, .gradientTolerance, "\(gd.name): \(r.reason)")
      XCTAssertLessThan(f.distanceToNearestMinimum(r.minimum), 1e-6, "\(gd.name)")
      XCTAssertLessThan(r.value, 1e-14, "\(gd.name)")
      XCTAssertEqual(reports, r.iterations, "full batch reports once per iteration")
      XCTAssertEqual(r.evaluations.gradients, r.iterations + 1)
    }
  }

  func testTooLargeLearningRateIsReportedAsDivergence() throws {
    let f = try TestFunction.rosenbrock()
    let r = GradientDescent.sgd(learningRate: .constant(0.1)).minimize(
      f, from: [-1.2, 1], observer: nil)
    guard case .failed(let why) = r.reason else { return XCTFail("\(r.reason)") }
    XCTAssertTrue(why.hasPrefix("diverged"), why)
    XCTAssertTrue(r.value.isFinite)
    XCTAssertEqual(r.value, f.value(at: r.minimum), accuracy: 1e-12 * max(r.value, 1))
  }

  func testInvalidSettingsFailWithAMessage() throws {
    let f = try TestFunction.rosenbrock()
    let r = GradientDescent.adam(beta1: 1.5).minimize(f, from: [-1.2, 1], observer: nil)
    XCTAssertEqual(r.reason, .failed("invalid setting: Adam β1 = 1.5 must be in [0.0, 1.0)"))
    XCTAssertThrowsError(try GradientDescent.sgd(learningRate: .constant(-1)).validate())
    var gd = GradientDescent.sgd()
    gd.configuration.batchSize = 0
    XCTAssertThrowsError(try gd.validate())
  }

  func testBatchSizeOnAProblemThatIsNotASumRunsFullBatchAndSaysSo() throws {
    var gd = GradientDescent.adam(learningRate: .constant(1e-2))
    gd.configuration.batchSize = 4
    let r = gd.minimize(try TestFunction.rosenbrock(), from: [-1.2, 1], observer: nil)
    XCTAssertTrue(r.method.contains("full batch"), r.method)
    XCTAssertEqual(r.reason, .gradientTolerance)
    gd.configuration.validationFraction = 0.2
    let v = gd.minimize(try TestFunction.rosenbrock(), from: [-1.2, 1], observer: nil)
    guard case .failed(let why) = v.reason else { return XCTFail("\(v.reason)") }
    XCTAssertTrue(why.contains("early stopping needs"), why)
  }

  // MARK: Pieces against hand-computed sequences

  /// Runs `t` for the given gradients from x, applying x ← x + u; returns the xs.
  private func trajectory(
    _ t: some GradientTransformation, from x0: Double, gradient: (Double) -> Double, steps: Int
  ) -> [Double] {
    var state = t.makeState(dimension: 1)
    var x = [x0]
    var xs: [Double] = []
    for _ in 0..<steps {
      var u = [gradient(x[0])]
      t.update(&u, state: &state, parameters: x)
      x[0] += u[0]
      t.advance(&state, observing: .nan)
      xs.append(x[0])
    }
    return xs
  }

  /// Three Adam steps on f = (x − 3)², g = 2(x − 3), from x = 0 with η = 0.1, against
  /// Kingma & Ba's Algorithm 1 written out.
  func testAdamMatchesThreeHandComputedSteps() {
    let (eta, b1, b2, eps) = (0.1, 0.9, 0.999, 1e-8)
    var x = 0.0
    var (m, v) = (0.0, 0.0)
    var expected: [Double] = []
    for t in 1...3 {
      let g = 2 * (x - 3)
      m = b1 * m + (1 - b1) * g
      v = b2 * v + (1 - b2) * g * g
      let mHat = m / (1 - pow(b1, Double(t)))
      let vHat = v / (1 - pow(b2, Double(t)))
      x -= eta * mHat / (sqrt(vHat) + eps)
      expected.append(x)
    }
    // The first Adam step has length η exactly (m̂ = g, √v̂ = |g|).
    XCTAssertEqual(expected[0], 0.1, accuracy: 1e-9)
    let xs = trajectory(
      chain(ScaleByAdam(), ScaleByLearningRate(.constant(eta))), from: 0,
      gradient: { 2 * ($0 - 3) }, steps: 3)
    for (a, b) in zip(xs, expected) { XCTAssertEqual(a, b, accuracy: 1e-14) }
  }

  /// Heavy ball on f = x²/2 (g = x), η = 0.1, β = 0.5, from x = 1:
  /// v₁ = 1, x₁ = 0.9; v₂ = 0.5 + 0.9 = 1.4, x₂ = 0.76; v₃ = 0.7 + 0.76 = 1.46, x₃ = 0.614.
  func testMomentumMatchesHandComputedSteps() {
    let xs = trajectory(
      chain(.momentum(0.5), .scaleByLearningRate(.constant(0.1))), from: 1, gradient: { $0 },
      steps: 3)
    for (a, b) in zip(xs, [0.9, 0.76, 0.614]) { XCTAssertEqual(a, b, accuracy: 1e-14) }
  }

  /// Nesterov on the same problem: u = g + β v with v ← β v + g.
  /// v₁ = 1, u = 1.5, x₁ = 0.85; v₂ = 0.5 + 0.85 = 1.35, u = 0.85 + 0.675 = 1.525,
  /// x₂ = 0.6975; v₃ = 0.675 + 0.6975 = 1.3725, u = 0.6975 + 0.68625 = 1.38375,
  /// x₃ = 0.559125.
  func testNesterovMatchesHandComputedSteps() {
    let xs = trajectory(
      chain(.nesterov(0.5), .scaleByLearningRate(.constant(0.1))), from: 1, gradient: { $0 },
      steps: 3)
    for (a, b) in zip(xs, [0.85, 0.6975, 0.559125]) { XCTAssertEqual(a, b, accuracy: 1e-14) }
  }

  /// Plain descent with a step schedule (η = 0.1, halved every 2 steps) on g = x from 1:
  /// x₁ = 0.9, x₂ = 0.81, x₃ = 0.81·(1 − 0.05) = 0.7695.
  func testScaleByLearningRateFollowsItsSchedule() {
    let xs = trajectory(
      ScaleByLearningRate(.step(initial: 0.1, factor: 0.5, every: 2)), from: 1,
      gradient: { $0 }, steps: 3)
    for (a, b) in zip(xs, [0.9, 0.81, 0.7695]) { XCTAssertEqual(a, b, accuracy: 1e-14) }
  }

  /// AdamW's decay: u = g + λx, then −η. With g = 0, x shrinks by (1 − ηλ) per step.
  func testDecayedWeightsShrinkGeometrically() {
    let xs = trajectory(
      chain(.addDecayedWeights(0.5), .scaleByLearningRate(.constant(0.1))), from: 2,
      gradient: { _ in 0 }, steps: 3)
    for (k, a) in xs.enumerated() {
      XCTAssertEqual(a, 2 * pow(0.95, Double(k + 1)), accuracy: 1e-14)
    }
  }

  func testClipByGlobalNormKeepsDirection() {
    let clip = ClipByGlobalNorm(1)
    var state: Void = clip.makeState(dimension: 2)
    var u = [3.0, 4.0]
    clip.update(&u, state: &state, parameters: [0, 0])
    XCTAssertEqual(u[0], 0.6, accuracy: 1e-15)
    XCTAssertEqual(u[1], 0.8, accuracy: 1e-15)
    var small = [0.3, 0.4]
    clip.update(&small, state: &state, parameters: [0, 0])
    XCTAssertEqual(small[1], 0.4, accuracy: 0)
  }

  // MARK: Schedules

  func testScheduleValues() {
    XCTAssertEqual(Schedule.constant(0.3).value(at: 1000), 0.3, accuracy: 0)
    XCTAssertEqual(
      Schedule.exponential(initial: 2, rate: 0.5).value(at: 3), 0.25, accuracy: 1e-15)
    let step = Schedule.step(initial: 1, factor: 0.1, every: 10)
    XCTAssertEqual(step.value(at: 9), 1, accuracy: 1e-15)
    XCTAssertEqual(step.value(at: 10), 0.1, accuracy: 1e-15)
    XCTAssertEqual(step.value(at: 25), 0.01, accuracy: 1e-15)
    let cosine = Schedule.cosine(initial: 1, final: 0.1, steps: 100)
    XCTAssertEqual(cosine.value(at: 0), 1, accuracy: 1e-15)
    XCTAssertEqual(cosine.value(at: 50), 0.55, accuracy: 1e-15)
    XCTAssertEqual(cosine.value(at: 25), 0.1 + 0.9 * (1 + cos(Double.pi / 4)) / 2, accuracy: 1e-15)
    XCTAssertEqual(cosine.value(at: 100), 0.1, accuracy: 1e-15)
    XCTAssertEqual(cosine.value(at: 500), 0.1, accuracy: 1e-15)
    XCTAssertEqual(Schedule.logarithmic(initial: 3).value(at: 0), 3, accuracy: 1e-15)
  }

  /// Reduce-on-plateau: improving values keep η; after `patience` observations without
  /// a relative improvement of `threshold`, η is multiplied by `factor`, never below
  /// `minimum`.
  func testReduceOnPlateauReactsToAPlateau() {
    var s = ScheduleState(
      .reduceOnPlateau(initial: 1, factor: 0.5, patience: 3, threshold: 1e-2, minimum: 0.2))
    for value in [10.0, 9, 8, 7] { s.advance(observing: value) }
    XCTAssertEqual(s.value, 1, accuracy: 0)
    s.advance(observing: 6.99)  // less than 1 % better: no improvement
    s.advance(observing: 7.5)
    XCTAssertEqual(s.value, 1, accuracy: 0)
    s.advance(observing: 7)
    XCTAssertEqual(s.value, 0.5, accuracy: 0)
    for _ in 0..<3 { s.advance(observing: 7) }
    XCTAssertEqual(s.value, 0.25, accuracy: 0)
    for _ in 0..<3 { s.advance(observing: 7) }
    XCTAssertEqual(s.value, 0.2, accuracy: 0)
    s.advance(observing: 1)
    XCTAssertEqual(s.value, 0.2, accuracy: 0)
  }

  /// Reduce-on-plateau inside a run: plain descent with too large a rate for
  /// f = 50x² (2/λ = 0.02 < η = 0.021) bounces on a plateau until the schedule halves
  /// the rate, then converges.
  func testReduceOnPlateauRescuesAnOscillatingRun() {
    let f = Quadratic(curvatures: [100])
    var gd = GradientDescent.sgd(
      learningRate: .reduceOnPlateau(initial: 0.0201, factor: 0.5, patience: 5))
    gd.configuration.divergenceRatio = 1e12
    let r = gd.minimize(f, from: [1], observer: nil)
    XCTAssertEqual(r.reason, .gradientTolerance)
    XCTAssertEqual(r.minimum[0], 0, accuracy: 1e-8)
  }

  // MARK: Mini-batch fits

  /// y = 2 + 0.5 x + noise, σ = 0.1 at 200 points of [−1, 1]: a straight line.
  private func lineData(seed: UInt64) -> (x: [Double], y: [Double], sigma: [Double]) {
    var random = RandomSource(seed: seed)
    let x = (0..<200).map { _ in random.uniform(-1, 1) }
    let y = x.map { 2 + 0.5 * $0 + 0.1 * random.normal() }
    return (x, y, Array(repeating: 0.1, count: 200))
  }

  /// The weighted least-squares line from the normal equations.
  private func analyticLine(_ d: (x: [Double], y: [Double], sigma: [Double])) -> (
    a: Double, b: Double, errorA: Double, errorB: Double
  ) {
    var (s, sx, sxx, sy, sxy) = (0.0, 0.0, 0.0, 0.0, 0.0)
    for i in d.x.indices {
      let w = 1 / (d.sigma[i] * d.sigma[i])
      s += w
      sx += w * d.x[i]
      sxx += w * d.x[i] * d.x[i]
      sy += w * d.y[i]
      sxy += w * d.x[i] * d.y[i]
    }
    let det = s * sxx - sx * sx
    return (
      (sxx * sy - sx * sxy) / det, (s * sxy - sx * sy) / det, (sxx / det).squareRoot(),
      (s / det).squareRoot()
    )
  }

  private func lineFit(_ d: (x: [Double], y: [Double], sigma: [Double])) throws -> Fit<
    ExpressionModel, ChiSquare
  > {
    var fit = try Fit(
      model: try ExpressionModel("a + b*x"), inputs: Matrix(column: d.x),
      objective: ChiSquare(y: d.y, sigma: d.sigma))
    try fit.set("a", value: 0)
    try fit.set("b", value: 0)
    return fit
  }

  func testChiSquareMiniBatchEstimateIsScaledByNOverB() {
    let chi = ChiSquare(y: [1, 2, 3, 4], sigma: [1, 2, 1, 2])
    var g = Matrix(rows: 0, columns: 0)
    let p = Matrix(column: [0.5, 1])
    let v = chi.valueAndGradient(rows: [1, 2], predictions: p, gradient: &g)
    // (4/2)·[((2 − 0.5)/2)² + (3 − 1)²] = 2·(0.5625 + 4)
    XCTAssertEqual(v, 9.125, accuracy: 1e-14)
    XCTAssertEqual(g[0, 0], 2 * 2 * (2 - 0.5) / 2 * (-0.5), accuracy: 1e-14)
    XCTAssertEqual(g[1, 0], 2 * 2 * (3 - 1) * -1, accuracy: 1e-14)
    let all = Matrix(column: [0, 1, 2, 3])
    let full = chi.valueAndGradient(rows: [0, 1, 2, 3], predictions: all, gradient: &g)
    XCTAssertEqual(full, chi.value(predictions: all), accuracy: 1e-14)
  }

  /// Mini-batch SGD (batches of 20, the rate halved every 5 epochs; χ² curvature
  /// 2Σσ⁻² = 4·10⁴ along a, so η₀ = 2·10⁻⁵ keeps η·λ below 2) on a straight-line
  /// χ² fit reaches the normal-equation solution, reporting once per epoch.
  func testMiniBatchSGDReachesTheLeastSquaresLine() throws {
    let d = lineData(seed: 11)
    let (a, b, errorA, errorB) = analyticLine(d)
    var gd = GradientDescent.sgd(learningRate: .step(initial: 2e-5, factor: 0.5, every: 40))
    gd.configuration.batchSize = 20
    gd.configuration.seed = 3
    gd.configuration.stopping.maxIterations = 800
    var reports: [IterationReport] = []
    let result = try lineFit(d).minimize(using: gd, observer: { reports.append($0) })
    XCTAssertEqual(result["a"]!.value, a, accuracy: 1e-3 * errorA)
    XCTAssertEqual(result["b"]!.value, b, accuracy: 1e-3 * errorB)
    XCTAssertEqual(reports.count, result.iterations, "one report per epoch")
    XCTAssertTrue(result.method.contains("mini-batch 20"), result.method)
    // The start value from forward passes over the 10 batches (no gradient), then 10
    // batch steps per epoch (no extra pass over all points).
    XCTAssertEqual(result.evaluations.gradients, 10 * result.iterations)
    XCTAssertEqual(result.evaluations.values, 10 + 10 * result.iterations)
  }

  func testMiniBatchRunsAreReproducibleForASeed() throws {
    let fit = try lineFit(lineData(seed: 5))
    func run(seed: UInt64) throws -> [Double] {
      var gd = GradientDescent.adam(learningRate: .constant(0.05))
      gd.configuration.batchSize = 16
      gd.configuration.seed = seed
      gd.configuration.validationFraction = 0.25
      gd.configuration.stopping.maxIterations = 30
      return try fit.minimize(using: gd).values
    }
    let first = try run(seed: 42)
    let again = try run(seed: 42)
    let other = try run(seed: 43)
    XCTAssertEqual(first.map(\.bitPattern), again.map(\.bitPattern), "bit for bit")
    XCTAssertNotEqual(first.map(\.bitPattern), other.map(\.bitPattern))
  }

  /// Constant-rate SGD on mini-batches keeps jittering around the minimum, so the
  /// validation loss stops improving: the run stops `patience` epochs after its best
  /// epoch and returns that epoch's parameters — the same ones, bit for bit, as a run
  /// cut off at the best epoch.
  func testEarlyStoppingReturnsTheBestValidationEpoch() throws {
    let fit = try lineFit(lineData(seed: 8))
    var gd = GradientDescent.sgd(learningRate: .constant(2e-6))
    gd.configuration.batchSize = 10
    gd.configuration.seed = 9
    gd.configuration.validationFraction = 0.2
    gd.configuration.patience = 4
    gd.configuration.stopping.maxIterations = 1000
    var values: [Double] = []
    let stopped = try fit.minimize(using: gd, observer: { values.append($0.value) })
    guard case .earlyStopped(let best, let last) = stopped.reason else {
      return XCTFail("\(stopped.reason)")
    }
    XCTAssertEqual(last - best, 4)
    XCTAssertEqual(values.count, last)
    XCTAssertFalse(stopped.converged)

    gd.configuration.patience = 1000
    gd.configuration.stopping.maxIterations = best
    let cut = try fit.minimize(using: gd)
    XCTAssertEqual(cut.reason, .maxIterations)
    XCTAssertEqual(stopped.values.map(\.bitPattern), cut.values.map(\.bitPattern))
    // The early-stopped line is a fair one: within 3σ of the all-points solution (it
    // saw 80 % of the points, and stopped on the noise of the held-out 20 %).
    let (a, b, errorA, errorB) = analyticLine(lineData(seed: 8))
    XCTAssertEqual(stopped["a"]!.value, a, accuracy: 3 * errorA)
    XCTAssertEqual(stopped["b"]!.value, b, accuracy: 3 * errorB)
  }
}

/// f = ½ Σ cᵢ xᵢ², a local test problem with known curvatures.
private final class Quadratic: Minimizable {
  let curvatures: [Double]
  private(set) var evaluations = EvaluationCounts()

  init(curvatures: [Double]) {
    self.curvatures = curvatures
  }

  var dimension: Int { curvatures.count }

  func value(at x: [Double]) -> Double {
    evaluations.values += 1
    return zip(curvatures, x).reduce(0) { $0 + 0.5 * $1.0 * $1.1 * $1.1 }
  }

  func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
    evaluations.gradients += 1
    gradient = zip(curvatures, x).map { $0 * $1 }
    return value(at: x)
  }
}
