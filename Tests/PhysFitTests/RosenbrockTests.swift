import Foundation
import XCTest

@testable import PhysFit

/// The check that every optimizer reaches the minimum of the Rosenbrock
/// function from (−1.2, 1) — here the global and least-squares optimizers; the GSL
/// multimin and gradient-descent families have theirs in MultiminTests and
/// GradientDescentTests.
final class RosenbrockTests: XCTestCase {
  /// Rosenbrock as least squares: f = r₁² + r₂², r₁ = 10(x₂ − x₁²), r₂ = 1 − x₁.
  final class RosenbrockResiduals: LeastSquaresMinimizable {
    var evaluations = EvaluationCounts()
    var dimension: Int { 2 }
    var residualCount: Int { 2 }
    func residuals(at x: [Double], into r: inout [Double]) {
      evaluations.values += 1
      r = [10 * (x[1] - x[0] * x[0]), 1 - x[0]]
    }
    func jacobian(at x: [Double], into j: inout Matrix) {
      evaluations.jacobians += 1
      j = Matrix(columns: [[-20 * x[0], -1], [10, 0]])
    }
    func value(at x: [Double]) -> Double {
      var r: [Double] = []
      residuals(at: x, into: &r)
      return r[0] * r[0] + r[1] * r[1]
    }
    func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
      var r: [Double] = []
      var j = Matrix(rows: 0, columns: 0)
      residuals(at: x, into: &r)
      jacobian(at: x, into: &j)
      gradient = [2 * (r[0] * j[0, 0] + r[1] * j[1, 0]), 2 * (r[0] * j[0, 1] + r[1] * j[1, 1])]
      return r[0] * r[0] + r[1] * r[1]
    }
  }

  let start = [-1.2, 1.0]

  /// Distance of the end point from (1, 1).
  func distance(_ x: [Double]) -> Double {
    ((x[0] - 1) * (x[0] - 1) + (x[1] - 1) * (x[1] - 1)).squareRoot()
  }

  func testLeastSquaresOptimizersReachTheMinimum() {
    var optimizers: [any LeastSquaresOptimizer] = [LeastSquares()]
    optimizers += TrustRegionMethod.allCases.map { TrustRegion(method: $0) }
    for optimizer in optimizers {
      let result = optimizer.minimize(RosenbrockResiduals(), from: start, observer: nil)
      XCTAssertTrue(result.converged, "\(optimizer.name): \(result.reason)")
      // Documented: verified end point, Gauss–Newton step below 1e-9 relative.
      XCTAssertLessThan(distance(result.minimum), 1e-8, optimizer.name)
    }
  }

  func testAnnealingAndPipelinesReachTheMinimum() throws {
    let annealing = SimulatedAnnealing(seed: 7)
    let optimizers: [any Optimizer] = [
      annealing, Pipeline(annealing, then: BFGS()), Pipeline(annealing, then: NelderMead()),
    ]
    for optimizer in optimizers {
      let f = try TestFunction.rosenbrock()
      let result = optimizer.minimize(f, from: start, observer: nil)
      XCTAssertLessThan(distance(result.minimum), 1e-6, "\(optimizer.name): \(result.reason)")
      XCTAssertLessThan(result.value, 1e-10, optimizer.name)
    }
    let polished = LeastSquaresPipeline(annealing, then: LeastSquares())
      .minimize(RosenbrockResiduals(), from: start, observer: nil)
    XCTAssertTrue(polished.converged, "\(polished.reason)")
    XCTAssertLessThan(distance(polished.minimum), 1e-8)
  }
}
