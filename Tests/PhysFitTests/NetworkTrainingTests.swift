import Foundation
import XCTest

@testable import PhysFit

/// The second criterion: one network, trained through the generic
/// `Fit(model:inputs:objective:)` + `minimize(using:)` interfaces by several
/// optimizers — no network-only training path — reaches a low loss on a smooth 1-D
/// regression, y = sin x on [−3, 3].
///
/// "Low": a mean squared error below 10⁻³ of a target whose variance is ½ (R² > 0.998).
/// Only the loss is asserted, not `converged`: a network's parameters are not all
/// determined by the data (hidden units can trade places, a saturated unit's weights
/// are flat directions), and the fit reports that honestly as a rank-deficient or
/// undetermined verdict.
final class NetworkTrainingTests: XCTestCase {
  /// 40 evenly spaced points of sin x on [−3, 3].
  static let x = (0..<40).map { -3 + 6 * Double($0) / 39 }
  static let y = x.map { sin($0) }

  /// 1-8-1 tanh (25 parameters): enough units for one period of a sine.
  static func network() throws -> Network {
    try Network {
      Dense(1, 8, .tanh)
      Dense(8, 1)
    }
  }

  static func mse(_ net: Network, _ theta: [Double]) -> Double {
    let prediction = net.evaluate(Matrix(column: x), parameters: theta)
    return zip(prediction.elements, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
      / Double(y.count)
  }

  func fit(_ net: Network) throws -> Fit<Network, MeanSquaredError> {
    var fit = try Fit(
      model: net, inputs: Matrix(column: Self.x), objective: try MeanSquaredError(y: Self.y))
    fit.initializeWeights(seed: 3)
    return fit
  }

  func testAdamFullBatch() throws {
    let net = try Self.network()
    var adam = GradientDescent.adam(learningRate: .constant(0.02))
    adam.configuration.stopping.maxIterations = 4000
    let result = try fit(net).minimize(using: adam)
    XCTAssertLessThan(Self.mse(net, result.values), 1e-3, "\(result.reason)")
    XCTAssertEqual(result.objectiveValue, Self.mse(net, result.values), accuracy: 1e-12)
  }

  func testAdamMiniBatch() throws {
    let net = try Self.network()
    var adam = GradientDescent.adam(learningRate: .constant(0.02))
    adam.configuration.batchSize = 8
    adam.configuration.seed = 5
    adam.configuration.stopping.maxIterations = 800
    let result = try fit(net).minimize(using: adam)
    XCTAssertLessThan(Self.mse(net, result.values), 1e-3, "\(result.reason)")
  }

  func testBFGS() throws {
    let net = try Self.network()
    let result = try fit(net).minimize(using: BFGS())
    XCTAssertLessThan(Self.mse(net, result.values), 1e-3, "\(result.reason)")
  }

  /// Levenberg–Marquardt on χ² (unit σ), through the exact network Jacobian.
  ///
  /// One LM run with an iteration limit rather than the default ``LeastSquares``
  /// portfolio: a network is over-parameterised, its Jacobian rank-deficient at the
  /// minimum, so no end point passes the portfolio's full-rank verification and it
  /// would run every method to its limit (4,000 iterations here) for the same loss.
  func testLevenbergMarquardt() throws {
    let net = try Self.network()
    var fit = try Fit(model: net, inputs: Matrix(column: Self.x), y: Self.y)
    fit.initializeWeights(seed: 3)
    let lm = TrustRegion(
      method: .levenbergMarquardt, stopping: StoppingRule(maxIterations: 200))
    let result = try fit.minimize(using: lm)
    XCTAssertLessThan(Self.mse(net, result.values), 1e-3, "\(result.reason)")
    XCTAssertEqual(
      result.objectiveValue / Double(Self.y.count), Self.mse(net, result.values),
      accuracy: 1e-12)
  }

  /// Derivative-free: the Nelder–Mead simplex on a tiny 1-3-1 network (10 parameters).
  func testNelderMeadOnTinyNetwork() throws {
    let net = try Network {
      Dense(1, 3, .tanh)
      Dense(3, 1)
    }
    var fit = try Fit(
      model: net, inputs: Matrix(column: Self.x), objective: try MeanSquaredError(y: Self.y))
    fit.initializeWeights(seed: 3)
    var nm = NelderMead()
    nm.configuration.stopping.maxIterations = 20_000
    let result = try fit.minimize(using: nm)
    XCTAssertLessThan(Self.mse(net, result.values), 1e-3, "\(result.reason)")
  }

  /// Simulated annealing (with its default short local descents after each move) on
  /// the same tiny network.
  func testSimulatedAnnealingOnTinyNetwork() throws {
    let net = try Network {
      Dense(1, 3, .tanh)
      Dense(3, 1)
    }
    var fit = try Fit(
      model: net, inputs: Matrix(column: Self.x), objective: try MeanSquaredError(y: Self.y))
    fit.initializeWeights(seed: 3)
    let result = try fit.minimize(using: SimulatedAnnealing(seed: 1))
    XCTAssertLessThan(Self.mse(net, result.values), 1e-3, "\(result.reason)")
  }
}
