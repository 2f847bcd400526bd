import Foundation
import XCTest

@testable import PhysFit

/// The mixture model and its likelihood: analytic derivatives against central
/// differences, the analytic normalisation against a numerical integral, the
/// θ ↔ component map, and thrown errors for bad input.
final class ClusteringGradientTests: XCTestCase {
  /// θ at the truth, moved off it so that no gradient term vanishes by symmetry.
  func perturbedParameters(_ mixture: GaussianMixture, _ truth: [MixtureComponent]) throws
    -> [Double]
  {
    var theta = try mixture.parameters(for: truth)
    for j in theta.indices { theta[j] += 0.1 * sin(Double(3 * j + 1)) }
    return theta
  }

  /// Mixtures in 1-D, 2-D (full and diagonal) and 3-D (full), K = 3 or 2.
  func cases() throws -> [(GaussianMixture, Matrix, [Double])] {
    let twoD = ClusteringSamples.draw(ClusteringSamples.twoDimensional, n: 60, seed: 1).points
    let oneD = ClusteringSamples.draw(ClusteringSamples.oneDimensional, n: 60, seed: 1).points
    let threeDTruth = [
      MixtureComponent(
        weight: 0.6, mean: [0, 1, -1],
        covariance: Matrix(columns: [[1, 0.3, 0.1], [0.3, 0.8, -0.2], [0.1, -0.2, 0.5]])),
      MixtureComponent(
        weight: 0.4, mean: [2, -1, 0],
        covariance: Matrix(columns: [[0.4, 0, 0.1], [0, 1.2, 0.3], [0.1, 0.3, 0.9]])),
    ]
    let threeD = ClusteringSamples.draw(threeDTruth, n: 60, seed: 1).points
    let m1 = try GaussianMixture(components: 3, inputs: ["x"])
    let m2 = try GaussianMixture(components: 3, inputs: ["x", "y"])
    let m2d = try GaussianMixture(components: 3, inputs: ["x", "y"], covariance: .diagonal)
    let m3 = try GaussianMixture(components: 2, inputs: ["x", "y", "z"])
    return [
      (m1, oneD, try perturbedParameters(m1, ClusteringSamples.oneDimensional)),
      (m2, twoD, try perturbedParameters(m2, ClusteringSamples.twoDimensional)),
      (m2d, twoD, try perturbedParameters(m2d, ClusteringSamples.twoDimensional)),
      (m3, threeD, try perturbedParameters(m3, threeDTruth)),
    ]
  }

  /// ∇(−ln ℒ) from the pullback, the Jacobian of ln f, and the mini-batch gradient all
  /// match central differences to 1e-6 relative.
  func testGradientsMatchCentralDifferences() throws {
    for (mixture, data, theta) in try cases() {
      let problem = FitProblem(
        model: mixture, inputs: data, objective: try LogDensityNLL(pointCount: data.rows))
      var gradient: [Double] = []
      let value = problem.valueAndGradient(at: theta, gradient: &gradient)
      XCTAssertEqual(value, problem.value(at: theta), accuracy: 1e-12 * abs(value))
      let batch = [3, 17, 5, 42, 59, 0, 28]
      var batchGradient: [Double] = []
      _ = problem.valueAndGradient(at: theta, points: batch, gradient: &batchGradient)
      let jacobian = mixture.jacobian(data, parameters: theta)
      let numericJacobian: Matrix = {
        var j = Matrix(rows: 0, columns: 0)
        var ws = ModelWorkspace()
        mixture.centralDifferenceJacobian(data, parameters: theta, into: &j, workspace: &ws)
        return j
      }()
      for j in theta.indices {
        let h = 1e-5 * max(abs(theta[j]), 1)
        var plus = theta
        var minus = theta
        plus[j] += h
        minus[j] -= h
        let numeric = (problem.value(at: plus) - problem.value(at: minus)) / (2 * h)
        let name =
          "\(mixture.parameterNames[j]) (d = \(mixture.dimension), \(mixture.covarianceKind))"
        XCTAssertEqual(gradient[j], numeric, accuracy: 1e-6 * max(abs(numeric), 1), name)
        let numericBatch =
          (problem.value(at: plus, points: batch) - problem.value(at: minus, points: batch))
          / (2 * h)
        XCTAssertEqual(
          batchGradient[j], numericBatch, accuracy: 1e-6 * max(abs(numericBatch), 1), name)
        for i in 0..<data.rows {
          XCTAssertEqual(
            jacobian[i, j], numericJacobian[i, j],
            accuracy: 1e-6 * max(abs(numericJacobian[i, j]), 1), name)
        }
      }
    }
  }

  /// ∫ f d²x = 1 over a grid (the analytic normalisation), and ln f of one Gaussian
  /// equals the textbook formula.
  func testDensityIsNormalised() throws {
    let mixture = try GaussianMixture(components: 3, inputs: ["x", "y"])
    let theta = try mixture.parameters(for: ClusteringSamples.twoDimensional)
    let (lo, hi, m) = (-8.0, 10.0, 240)
    let h = (hi - lo) / Double(m)
    var xs: [Double] = []
    var ys: [Double] = []
    for a in 0..<m {
      for b in 0..<m {
        xs.append(lo + (Double(a) + 0.5) * h)
        ys.append(lo + (Double(b) + 0.5) * h)
      }
    }
    let logDensity = mixture.evaluate(Matrix(columns: [xs, ys]), parameters: theta)
    let integral = logDensity.elements.reduce(0) { $0 + exp($1) } * h * h
    XCTAssertEqual(integral, 1, accuracy: 1e-6)

    let single = try GaussianMixture(components: 1, inputs: ["x"])
    let one = try single.parameters(for: [MixtureComponent(weight: 1, mean: 0.5, width: 2)])
    let x = 1.7
    let expected = -0.5 * pow((x - 0.5) / 2, 2) - log(2) - 0.5 * log(2 * Double.pi)
    XCTAssertEqual(
      single.evaluate(Matrix(column: [x]), parameters: one)[0, 0], expected, accuracy: 1e-14)
    // Far in the tails, where f underflows, ln f stays finite.
    let far = single.evaluate(Matrix(column: [200]), parameters: one)[0, 0]
    XCTAssertEqual(
      far, -0.5 * pow(199.5 / 2, 2) - log(2) - 0.5 * log(2 * Double.pi), accuracy: 1e-9)
  }

  /// components(parameters(for: c)) = c, and the names follow the documented scheme.
  func testParameterMapRoundTrips() throws {
    let mixture = try GaussianMixture(components: 3, inputs: ["x", "y"])
    XCTAssertEqual(
      Array(mixture.parameterNames.prefix(7)),
      ["logit1", "logit2", "mu1_x", "mu1_y", "lnL1_x", "lnL1_y", "L1_y_x"])
    XCTAssertEqual(
      Array(mixture.naturalParameterNames.prefix(10)),
      ["w1", "w2", "w3", "mu1_x", "mu1_y", "sigma1_x", "sigma1_y", "rho1_x_y", "mu2_x", "mu2_y"])
    let diagonal = try GaussianMixture(components: 2, inputs: ["x", "y"], covariance: .diagonal)
    XCTAssertEqual(
      diagonal.parameterNames,
      [
        "logit1", "mu1_x", "mu1_y", "lnsigma1_x", "lnsigma1_y",
        "mu2_x", "mu2_y", "lnsigma2_x", "lnsigma2_y",
      ])
    let truth = ClusteringSamples.twoDimensional
    let back = mixture.components(try mixture.parameters(for: truth))
    for (a, b) in zip(back, truth) {
      XCTAssertEqual(a.weight, b.weight, accuracy: 1e-15)
      for j in 0..<2 { XCTAssertEqual(a.mean[j], b.mean[j], accuracy: 1e-15) }
      for e in 0..<4 {
        XCTAssertEqual(a.covariance.elements[e], b.covariance.elements[e], accuracy: 1e-14)
      }
    }
    let natural = mixture.naturalParameters(try mixture.parameters(for: truth))
    let expected = ClusteringSamples.natural(truth, full: true)
    for (a, b) in zip(natural, expected) { XCTAssertEqual(a, b, accuracy: 1e-14) }
  }

  /// Bad input is thrown with what and where, never trapped.
  func testBadInputThrows() throws {
    XCTAssertThrowsError(try GaussianMixture(components: 0, inputs: ["x"]))
    XCTAssertThrowsError(try GaussianMixture(components: 2, inputs: []))
    XCTAssertThrowsError(try GaussianMixture(components: 2, inputs: ["x", "x"]))
    let mixture = try GaussianMixture(components: 2, inputs: ["x", "y"])
    var data = ClusteringSamples.draw(ClusteringSamples.twoDimensional, n: 20, seed: 1).points
    data[4, 1] = .nan
    XCTAssertThrowsError(try ExpectationMaximization().fit(mixture, to: data)) {
      XCTAssertEqual($0 as? ClusteringError, .nonFinite(row: 5, column: 2))
    }
    XCTAssertThrowsError(try KMeans(clusterCount: 2).cluster(data)) {
      XCTAssertEqual($0 as? ClusteringError, .nonFinite(row: 5, column: 2))
    }
    let few = Matrix(columns: [[1, 2], [3, 4]])
    XCTAssertThrowsError(try KMeans(clusterCount: 3).cluster(few)) {
      XCTAssertEqual($0 as? ClusteringError, .tooFewPoints(points: 2, clusters: 3))
    }
    let constant = Matrix(columns: [[1, 2, 3, 4], [5, 5, 5, 5]])
    XCTAssertThrowsError(try ExpectationMaximization().fit(mixture, to: constant)) {
      guard case .degenerate = $0 as? ClusteringError else { return XCTFail("\($0)") }
    }
    let oneColumn = Matrix(column: [1, 2, 3, 4])
    XCTAssertThrowsError(try ExpectationMaximization().fit(mixture, to: oneColumn))
    XCTAssertThrowsError(try Fit(model: mixture, sample: oneColumn))
    let notPositive = [
      MixtureComponent(
        weight: 0.5, mean: [0, 0], covariance: ClusteringSamples.covariance(1, 1, 1)),
      MixtureComponent(
        weight: 0.5, mean: [1, 1], covariance: ClusteringSamples.covariance(1, 1, 0)),
    ]
    XCTAssertThrowsError(try mixture.parameters(for: notPositive))
    // θ outside the representable range gives an infinite objective, not a trap.
    let problem = FitProblem(
      model: mixture, inputs: few, objective: try LogDensityNLL(pointCount: 2))
    var theta = Array(repeating: 0.0, count: mixture.parameterCount)
    theta[3] = 1e6  // ln L = 10⁶: the width overflows
    XCTAssertEqual(problem.value(at: theta), .infinity)
  }
}
