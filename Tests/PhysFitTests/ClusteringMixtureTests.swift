import Foundation
import XCTest

@testable import PhysFit

/// Gaussian mixture fits by unbinned likelihood (issue 4, "must show" 5): EM, then the
/// generic fit for errors; the generic optimizers directly; closed-form errors of a
/// single Gaussian; information criteria.
final class ClusteringMixtureTests: XCTestCase {
  static let sample1D = ClusteringSamples.draw(ClusteringSamples.oneDimensional, n: 3000, seed: 4)
  static let sample2D = ClusteringSamples.draw(ClusteringSamples.twoDimensional, n: 1500, seed: 4)

  /// Asserts |ν̂ − ν| < 3σ̂ for every natural parameter after matching the labels,
  /// and returns the largest pull.
  @discardableResult
  func assertPulls(
    _ result: GaussianMixtureResult, truth: [MixtureComponent], file: StaticString = #filePath,
    line: UInt = #line
  ) -> Double {
    let p = ClusteringSamples.matching(result.components.map(\.mean), truth.map(\.mean))
    let expected = ClusteringSamples.natural(
      ClusteringSamples.permuted(truth, p), full: result.mixture.covarianceKind == .full)
    XCTAssertEqual(result.parameters.count, expected.count, file: file, line: line)
    var largest = 0.0
    for (parameter, value) in zip(result.parameters, expected) {
      XCTAssertTrue(
        parameter.error > 0 && parameter.error.isFinite, "\(parameter.name) error", file: file,
        line: line)
      let pull = abs(parameter.value - value) / parameter.error
      largest = max(largest, pull)
      XCTAssertLessThan(
        pull, 3,
        "\(parameter.name) = \(parameter.value) ± \(parameter.error), true \(value)",
        file: file, line: line)
    }
    return largest
  }

  /// 1-D, n = 3000: EM then BFGS polish recovers w, μ, σ of all three components
  /// within 3 fitted errors; BFGS straight from a k-means start finds the same minimum.
  func testOneDimensionalMixtureRecoversTruthWithinErrors() throws {
    let data = Self.sample1D.points
    let mixture = try GaussianMixture(components: 3, inputs: ["x"])
    let result = try mixture.fit(data, expectationMaximization: .init(.init(seed: 1)))
    XCTAssertTrue(result.converged, "\(result.fit.reason)")
    XCTAssertTrue(result.fit.covarianceIsPositiveDefinite)
    XCTAssertEqual(result.parameters.map(\.name), mixture.naturalParameterNames)
    assertPulls(result, truth: ClusteringSamples.oneDimensional)
    // EM's own answer is within the statistical error of the polished one.
    let em = try XCTUnwrap(result.expectationMaximization)
    XCTAssertTrue(em.converged, "\(em.reason)")
    XCTAssertEqual(em.logLikelihood, result.logLikelihood, accuracy: 1e-3)
    // Weights sum to one; errors of the weights reflect that (Σ w has zero variance).
    XCTAssertEqual(result.components.map(\.weight).reduce(0, +), 1, accuracy: 1e-12)
    var weightSumVariance = 0.0
    for a in 0..<3 { for b in 0..<3 { weightSumVariance += result.covariance[a, b] } }
    XCTAssertEqual(weightSumVariance, 0, accuracy: 1e-12)

    // BFGS directly from the k-means clusters (no EM): the same maximum of ℒ.
    let clusters = try KMeans(clusterCount: 3, configuration: .init(seed: 2)).cluster(data)
    var fit = try Fit(model: mixture, sample: data)
    fit.parameters.values = try mixture.parameters(for: clusters.mixtureComponents(data))
    let direct = GaussianMixtureResult(
      mixture: mixture, data: data, fit: try fit.minimize(using: BFGS()))
    XCTAssertTrue(direct.converged, "\(direct.fit.reason)")
    XCTAssertEqual(direct.logLikelihood, result.logLikelihood, accuracy: 1e-6)
    let p = ClusteringSamples.matching(
      direct.components.map(\.mean), result.components.map(\.mean))
    for k in 0..<3 {
      let a = direct.components[k]
      let b = result.components[p[k]]
      XCTAssertEqual(a.weight, b.weight, accuracy: 1e-3 * result["w1"]!.error)
      XCTAssertEqual(a.mean[0], b.mean[0], accuracy: 1e-3 * result["mu1_x"]!.error)
      XCTAssertEqual(a.widths[0], b.widths[0], accuracy: 1e-3 * result["sigma1_x"]!.error)
    }
  }

  /// 2-D, n = 1500, full covariances: weights, means, widths and correlations within
  /// 3 errors, by EM + BFGS polish and by BFGS directly from EM's start.
  func testTwoDimensionalMixtureRecoversTruthWithinErrors() throws {
    let data = Self.sample2D.points
    let mixture = try GaussianMixture(components: 3, inputs: ["x", "y"])
    XCTAssertEqual(mixture.parameterCount, 2 + 3 * 5)
    let em = try ExpectationMaximization(.init(seed: 3)).fit(mixture, to: data)
    XCTAssertTrue(em.converged, "\(em.reason)")
    var fit = try Fit(model: mixture, sample: data)
    fit.parameters.values = em.parameters
    let result = GaussianMixtureResult(
      mixture: mixture, data: data, fit: try fit.minimize(using: BFGS()),
      expectationMaximization: em)
    XCTAssertTrue(result.converged, "\(result.fit.reason)")
    XCTAssertEqual(result.parameters.count, 3 + 3 * 5)
    XCTAssertNotNil(result["rho2_x_y"])
    assertPulls(result, truth: ClusteringSamples.twoDimensional)
    // Assignments agree with the true labels for most points (the clusters overlap a
    // little), after matching the labels.
    let p = ClusteringSamples.matching(
      result.components.map(\.mean), ClusteringSamples.twoDimensional.map(\.mean))
    let agree = zip(result.assignments, Self.sample2D.labels).filter { p[$0] == $1 }.count
    XCTAssertGreaterThan(Double(agree) / 1500, 0.97)
    XCTAssertEqual(result.clusterSizes.reduce(0, +), 1500)
  }

  /// One Gaussian: the MLE and its errors are closed-form — μ̂ = mean, Σ̂ = sample
  /// covariance (1/n), σ(μ̂ₐ) = σₐ/√n, σ(σ̂ₐ) = σₐ/√(2n), σ(ρ̂) = (1 − ρ²)/√n — an
  /// independent check of the analytic normalisation, the Hessian and the error
  /// propagation through log-widths and Cholesky entries.
  func testSingleGaussianMatchesClosedFormErrors() throws {
    let truth = [
      MixtureComponent(
        weight: 1, mean: [1, -1], covariance: ClusteringSamples.covariance(2, 0.5, 0.6))
    ]
    let data = ClusteringSamples.draw(truth, n: 800, seed: 9).points
    let n = Double(data.rows)
    let (mean, _) = ClusteringData.moments(data)
    var s = [[0.0, 0.0], [0.0, 0.0]]
    for i in 0..<data.rows {
      for a in 0..<2 {
        for b in 0..<2 { s[a][b] += (data[i, a] - mean[a]) * (data[i, b] - mean[b]) / n }
      }
    }
    let sx = s[0][0].squareRoot()
    let sy = s[1][1].squareRoot()
    let rho = s[0][1] / (sx * sy)
    for kind in GaussianMixture.CovarianceKind.allCases {
      let mixture = try GaussianMixture(components: 1, inputs: ["x", "y"], covariance: kind)
      let result = try mixture.fit(data)
      XCTAssertTrue(result.converged, "\(kind): \(result.fit.reason)")
      XCTAssertEqual(result["w1"]!.value, 1, accuracy: 1e-15)
      XCTAssertEqual(result["w1"]!.error, 0, accuracy: 1e-12)
      XCTAssertEqual(result["mu1_x"]!.value, mean[0], accuracy: 1e-7)
      XCTAssertEqual(result["mu1_y"]!.value, mean[1], accuracy: 1e-7)
      XCTAssertEqual(result["sigma1_x"]!.value, sx, accuracy: 1e-7)
      XCTAssertEqual(result["sigma1_y"]!.value, sy, accuracy: 1e-7)
      XCTAssertEqual(result["sigma1_x"]!.error, sx / (2 * n).squareRoot(), accuracy: 1e-4 * sx / 40)
      XCTAssertEqual(result["sigma1_y"]!.error, sy / (2 * n).squareRoot(), accuracy: 1e-4 * sy / 40)
      XCTAssertEqual(result["mu1_x"]!.error, sx / n.squareRoot(), accuracy: 1e-4 * sx / 28)
      XCTAssertEqual(result["mu1_y"]!.error, sy / n.squareRoot(), accuracy: 1e-4 * sy / 28)
      if kind == .full {
        XCTAssertEqual(result["rho1_x_y"]!.value, rho, accuracy: 1e-7)
        XCTAssertEqual(
          result["rho1_x_y"]!.error, (1 - rho * rho) / n.squareRoot(), accuracy: 1e-4 / 28)
        // ln ℒ̂ = −n/2 (ln det 2πΣ̂ + d).
        let det = s[0][0] * s[1][1] - s[0][1] * s[0][1]
        let expected = -n / 2 * (log(4 * Double.pi * Double.pi * det) + 2)
        XCTAssertEqual(result.logLikelihood, expected, accuracy: 1e-8 * abs(expected))
      } else {
        XCTAssertNil(result["rho1_x_y"])
      }
    }
  }

  /// The generic interfaces fit the mixture too: Adam on mini-batches (through the
  /// pointwise objective) and an annealing pipeline reach BFGS's maximum of ℒ.
  func testGenericOptimizersReachTheSameMaximum() throws {
    let data = Self.sample1D.points
    let mixture = try GaussianMixture(components: 3, inputs: ["x"])
    let clusters = try KMeans(clusterCount: 3).cluster(data)
    var fit = try Fit(model: mixture, sample: data)
    fit.parameters.values = try mixture.parameters(for: clusters.mixtureComponents(data))
    let reference = try fit.minimize(using: BFGS())
    XCTAssertTrue(reference.converged)

    let adam = GradientDescent.adam(
      learningRate: .cosine(initial: 0.05, final: 1e-4, steps: 60),
      configuration: .init(
        batchSize: 300, stopping: StoppingRule(maxIterations: 60, gradientTolerance: 1e-12),
        seed: 5))
    let stochastic = try fit.minimize(using: adam)
    // Within a small fraction of one standard deviation (Δ ln ℒ = ½) of the maximum.
    XCTAssertEqual(stochastic.objectiveValue, reference.objectiveValue, accuracy: 0.05)

    // Annealing (then BFGS) on the first 400 points: it evaluates the whole sample
    // thousands of times, so a smaller sample keeps the test fast in debug builds.
    let subset = Matrix(column: Array(data.column(0).prefix(400)))
    var small = try Fit(model: mixture, sample: subset)
    small.parameters.values = fit.parameters.values
    let smallReference = try small.minimize(using: BFGS())
    XCTAssertTrue(smallReference.converged)
    let pipeline = Pipeline(
      SimulatedAnnealing(
        .init(seed: 3, movesPerTemperature: 10, stopping: StoppingRule(maxIterations: 10))),
      then: BFGS())
    let annealed = try small.minimize(using: pipeline)
    XCTAssertTrue(annealed.converged, "\(annealed.reason)")
    XCTAssertEqual(annealed.objectiveValue, smallReference.objectiveValue, accuracy: 1e-6)
  }

  /// BIC = k ln n − 2 ln ℒ̂ prefers the true three components over two; AIC = 2k − 2 ln ℒ̂.
  func testInformationCriteriaPreferTheTrueComponentCount() throws {
    let data = Self.sample1D.points
    let three = try GaussianMixture(components: 3, inputs: ["x"]).fit(data)
    let two = try GaussianMixture(components: 2, inputs: ["x"]).fit(data)
    XCTAssertEqual(three.parameterCount, 8)
    XCTAssertEqual(two.parameterCount, 5)
    XCTAssertEqual(
      three.bic, 8 * log(3000) - 2 * three.logLikelihood, accuracy: 1e-9 * abs(three.bic))
    XCTAssertEqual(three.aic, 16 - 2 * three.logLikelihood, accuracy: 1e-9 * abs(three.aic))
    XCTAssertEqual(three.logLikelihood, -three.fit.objectiveValue, accuracy: 1e-9 * abs(three.bic))
    XCTAssertLessThan(three.bic, two.bic)
    XCTAssertLessThan(three.aic, two.aic)
  }

  /// A fixed seed reproduces EM and the whole fit bit for bit.
  func testMixtureFitIsReproducibleForAFixedSeed() throws {
    let data = Self.sample2D.points
    let mixture = try GaussianMixture(components: 3, inputs: ["x", "y"])
    let em = ExpectationMaximization(.init(seed: 11, restarts: 2))
    let a = try em.fit(mixture, to: data)
    let b = try em.fit(mixture, to: data)
    XCTAssertEqual(a.parameters, b.parameters)
    XCTAssertEqual(a.assignments, b.assignments)
    XCTAssertEqual(a.iterations, b.iterations)
    XCTAssertEqual(a.restartLogLikelihoods.count, 2)
    XCTAssertEqual(a.logLikelihood, a.restartLogLikelihoods.max()!, accuracy: 1e-9)
  }
}
