import XCTest

@testable import PhysFit

/// Dolan–Moré profiles on a cost table whose profile is worked out by hand.
final class PerformanceProfileTests: XCTestCase {
  /// Costs (∞ = failure):
  ///
  ///        A    B    C
  ///   p1  10   20    ∞     ratios 1, 2, ∞
  ///   p2  40   20   10     ratios 4, 2, 1
  ///   p3   ∞   30   15     ratios ∞, 2, 1
  ///   p4   5    5    ∞     ratios 1, 1, ∞
  ///   p5   ∞    ∞    ∞     ratios ∞, ∞, ∞ (nobody solves it)
  ///
  /// ρ_A: 2/5 at τ = 1, 3/5 from τ = 4. ρ_B: 1/5 at τ = 1, 4/5 from τ = 2.
  /// ρ_C: 2/5 for every τ.
  let profile = PerformanceProfile(
    solvers: ["A", "B", "C"], problems: ["p1", "p2", "p3", "p4", "p5"],
    costs: [
      [10, 20, .infinity],
      [40, 20, 10],
      [.infinity, 30, 15],
      [5, 5, .infinity],
      [.infinity, .infinity, .infinity],
    ])

  func testRatios() {
    XCTAssertEqual(profile.ratio(problem: 0, solver: 1), 2)
    XCTAssertEqual(profile.ratio(problem: 1, solver: 0), 4)
    XCTAssertEqual(profile.ratio(problem: 2, solver: 0), .infinity)
    XCTAssertEqual(profile.ratio(problem: 3, solver: 1), 1)
    XCTAssertEqual(profile.ratio(problem: 4, solver: 2), .infinity)
  }

  func testProfileValues() {
    let expected: [(tau: Double, a: Double, b: Double, c: Double)] = [
      (1, 2, 1, 2), (1.5, 2, 1, 2), (2, 2, 4, 2), (3.99, 2, 4, 2), (4, 3, 4, 2), (1e9, 3, 4, 2),
    ]
    for row in expected {
      XCTAssertEqual(profile.fraction(solver: 0, within: row.tau), row.a / 5, "A at \(row.tau)")
      XCTAssertEqual(profile.fraction(solver: 1, within: row.tau), row.b / 5, "B at \(row.tau)")
      XCTAssertEqual(profile.fraction(solver: 2, within: row.tau), row.c / 5, "C at \(row.tau)")
    }
    XCTAssertEqual(profile.fraction(solver: 0, within: .infinity), 3.0 / 5)
  }

  func testBreakpointsAndSteps() {
    XCTAssertEqual(profile.breakpoints(solver: 0), [1, 1, 4])
    XCTAssertEqual(profile.breakpoints(solver: 1), [1, 2, 2, 2])
    XCTAssertEqual(profile.largestFiniteRatio, 4)
    let steps = profile.steps(solver: 0, tauMax: 8)
    XCTAssertEqual(steps.map(\.tau), [1, 4, 4, 8])
    XCTAssertEqual(steps.map(\.fraction), [0.4, 0.4, 0.6, 0.6])
  }

  /// A suite run: costs from the comparisons, profile over the applicable optimizers.
  func testSuiteBuildsItsProfileFromMedianCostsToSuccess() throws {
    let suite = ComparisonSuite(
      name: "tiny",
      problems: [
        try FunctionComparisonProblem { try TestFunction.rosenbrock(dimension: 2) },
        try FunctionComparisonProblem { TestFunction.himmelblau() },
      ])
    let entrants = [
      ComparisonEntrant(BFGS()), ComparisonEntrant(NelderMead()),
      ComparisonEntrant(leastSquares: LeastSquares()),
    ]
    let result = suite.run(
      entrants: entrants, settings: ComparisonSettings(starts: 3, seed: 4, budget: 3000, threads: 2)
    )
    XCTAssertEqual(result.profile.solvers, ["bfgs", "nelder-mead"])
    XCTAssertEqual(result.profile.problems, ["rosenbrock-2d", "himmelblau-2d"])
    for (p, comparison) in result.comparisons.enumerated() {
      for s in 0..<2 {
        let cost = comparison.summaries[s].cost
        XCTAssertEqual(result.profile.costs[p][s], cost.isFinite ? max(cost, 1) : .infinity)
      }
    }
    // Both solve both problems from every start; each profile reaches 1.
    for s in 0..<2 {
      XCTAssertEqual(result.profile.fraction(solver: s, within: .infinity), 1)
    }
  }
}
