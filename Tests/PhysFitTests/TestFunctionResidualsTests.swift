import PhysFit
import XCTest

/// The residual forms of the sum-of-squares test functions: Σ r² is the function's own
/// value, the Jacobian matches central differences of the residuals, Levenberg–Marquardt
/// solves Rosenbrock from the standard start (the MINPACK test), and a comparison on the
/// residual form lets the least-squares methods run.
final class TestFunctionResidualsTests: XCTestCase {
  func functions() throws -> [TestFunction] {
    [
      try TestFunction.rosenbrock(dimension: 2), try TestFunction.rosenbrock(dimension: 5),
      TestFunction.himmelblau(), TestFunction.beale(),
    ]
  }

  func testSumOfSquaredResidualsIsTheFunction() throws {
    var random = RandomSource(seed: 11)
    for function in try functions() {
      let residuals = try XCTUnwrap(TestFunctionResiduals(function))
      for _ in 0..<20 {
        let x = (0..<function.dimension).map { _ in random.uniform(-3, 3) }
        var r: [Double] = []
        residuals.residuals(at: x, into: &r)
        XCTAssertEqual(r.count, residuals.residualCount)
        let sum = r.reduce(0) { $0 + $1 * $1 }
        let f = function.value(at: x)
        XCTAssertEqual(sum, f, accuracy: 1e-12 * max(f, 1), "\(function.name) at \(x)")
      }
    }
  }

  func testJacobianMatchesCentralDifferences() throws {
    var random = RandomSource(seed: 12)
    for function in try functions() {
      let residuals = try XCTUnwrap(TestFunctionResiduals(function))
      let (m, n) = (residuals.residualCount, function.dimension)
      for _ in 0..<5 {
        let x = (0..<n).map { _ in random.uniform(-2, 2) }
        var j = Matrix(rows: 0, columns: 0)
        residuals.jacobian(at: x, into: &j)
        XCTAssertEqual(j.rows, m)
        XCTAssertEqual(j.columns, n)
        for k in 0..<n {
          let h = 1e-6 * max(abs(x[k]), 1)
          var (plus, minus) = (x, x)
          plus[k] += h
          minus[k] -= h
          var (rPlus, rMinus) = ([Double](), [Double]())
          residuals.residuals(at: plus, into: &rPlus)
          residuals.residuals(at: minus, into: &rMinus)
          for i in 0..<m {
            let difference = (rPlus[i] - rMinus[i]) / (2 * h)
            XCTAssertEqual(
              j[i, k], difference, accuracy: 1e-6 * max(abs(difference), 1),
              "\(function.name) ∂r\(i)/∂x\(k)")
          }
        }
      }
    }
  }

  func testOnlySumsOfSquaresHaveAResidualForm() throws {
    XCTAssertNil(TestFunctionResiduals(try TestFunction.rastrigin(dimension: 2)))
    XCTAssertNil(TestFunctionResiduals(try TestFunction.ackley(dimension: 2)))
    XCTAssertNil(TestFunctionResiduals(try TestFunction.styblinskiTang(dimension: 2)))
    XCTAssertTrue(try TestFunction.rosenbrock(dimension: 3).benchmark is TestFunctionResiduals)
    XCTAssertTrue(try TestFunction.rastrigin(dimension: 3).benchmark is TestFunction)
  }

  /// Moré, Garbow & Hillstrom's problem 1: from (−1.2, 1) Levenberg–Marquardt reaches
  /// the minimum 0 at (1, 1).
  func testLevenbergMarquardtSolvesRosenbrockFromTheStandardStart() throws {
    let function = try TestFunction.rosenbrock(dimension: 2)
    let residuals = try XCTUnwrap(TestFunctionResiduals(function))
    let result = TrustRegion(method: .levenbergMarquardt)
      .minimize(residuals, from: try XCTUnwrap(function.standardStart), observer: nil)
    XCTAssertEqual(result.minimum[0], 1, accuracy: 1e-8)
    XCTAssertEqual(result.minimum[1], 1, accuracy: 1e-8)
    XCTAssertLessThan(function.value(at: result.minimum), 1e-16)
    XCTAssertGreaterThan(residuals.evaluations.jacobians, 0)
  }

  func testComparisonRunsLeastSquaresMethodsOnTheResidualForm() throws {
    let problem = try FunctionComparisonProblem {
      try TestFunction.rosenbrock(dimension: 2).benchmark
    }
    XCTAssertTrue(problem.hasLeastSquaresForm)
    let comparison = Comparison.run(
      problem,
      entrants: [
        ComparisonEntrant(
          name: "lm", method: .leastSquares(TrustRegion(method: .levenbergMarquardt))),
        ComparisonEntrant(BFGS()),
      ],
      settings: ComparisonSettings(starts: 4, seed: 2, budget: 2000, threads: 1))
    let lm = try XCTUnwrap(comparison.summaries.first { $0.optimizer == "lm" })
    XCTAssertTrue(lm.isApplicable)
    XCTAssertEqual(lm.successRate, 1)
    for run in comparison.runs(of: "lm") {
      XCTAssertLessThanOrEqual(run.evaluations.calls, 2000)
      XCTAssertGreaterThan(run.evaluations.jacobians, 0)
    }
  }
}
