import Foundation
import XCTest

/// examples/OptimizerComparison compiles (a dependency of this test target) and its
/// table is what its runs say: every optimizer has a row; each row's successes are the
/// runs whose gap to the lowest χ² of all runs is within the tolerance, recomputed here
/// from the per-run file; and the winner's run from the fit's start is a plain fit —
/// `physfit fit --optimizer NAME` from the same start values reaches the same χ².
final class OptimizerComparisonExampleTests: XCTestCase {
  /// Every optimizer the example enters, in its order.
  static let optimizers = [
    "least-squares", "lm", "lmaccel", "dogleg", "ddogleg", "subspace2d", "nelder-mead",
    "cg-fr", "cg-pr", "bfgs", "steepest-descent", "sgd", "momentum", "nesterov", "adam",
    "adamw", "annealing", "basin-hopping", "annealing+lm",
  ]
  /// Optimizers that draw random numbers (the example's seed is 7; run 0 uses it).
  static let seeded: Set<String> = [
    "sgd", "momentum", "nesterov", "adam", "adamw", "annealing", "basin-hopping",
  ]

  func testTableWinnerAndSuccesses() throws {
    let scratch = try Scratch()
    let data = scratch.path("pendulum.csv")
    let runsFile = scratch.path("runs.csv")
    let figure = scratch.path("convergence.svg")
    let output = try PhysFitRunner.run(
      ["--fast", "--data", data, "--runs", runsFile, "--figure", figure],
      program: "OptimizerComparison")
    XCTAssertEqual(output.status, 0, output.stderr)
    let lines = output.stdout.split(separator: "\n").map(String.init)

    // The table: "name  successes/runs  evals  gap  time s".
    var successes: [String: Int] = [:]
    var runCounts: [String: Int] = [:]
    for line in lines {
      let w = line.split(separator: " ").map(String.init)
      guard w.count == 6, Self.optimizers.contains(w[0]), w[5] == "s" else { continue }
      let fraction = w[1].split(separator: "/").compactMap { Int($0) }
      XCTAssertEqual(fraction.count, 2, line)
      guard fraction.count == 2 else { continue }
      successes[w[0]] = fraction[0]
      runCounts[w[0]] = fraction[1]
    }
    XCTAssertEqual(Set(successes.keys), Set(Self.optimizers), output.stdout)
    XCTAssertEqual(Set(runCounts.values), [4], "fast mode has 4 starts")

    // The runs: the reference is the lowest finite value; gap = value − reference; a
    // success is a gap within 10⁻⁶·max(|reference|, 1); per optimizer the count of
    // successes is the table's.
    let csv = try String(contentsOfFile: runsFile, encoding: .utf8)
    let runs = csv.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").map(String.init)
    }
    XCTAssertEqual(runs.count, 4 * Self.optimizers.count)
    let values = runs.compactMap { Double($0[3]) }.filter(\.isFinite)
    let reference = try XCTUnwrap(values.min())
    let threshold = 1e-6 * max(abs(reference), 1)
    var counted: [String: Int] = [:]
    for run in runs {
      XCTAssertEqual(run.count, 6, run.joined(separator: ","))
      guard run.count == 6, let value = Double(run[3]), let gap = Double(run[4]) else { continue }
      if value.isFinite {
        XCTAssertEqual(gap, value - reference, accuracy: 1e-9 * max(abs(reference), 1))
      }
      let success = value.isFinite && value - reference <= threshold
      XCTAssertEqual(run[5], "\(success)", run.joined(separator: ","))
      if success { counted[run[0], default: 0] += 1 }
    }
    for name in Self.optimizers {
      XCTAssertEqual(counted[name] ?? 0, successes[name], name)
    }
    // The least-squares methods, started at the oscillator's guess, all find it.
    XCTAssertGreaterThan(successes["least-squares"] ?? 0, 0)

    // The winner (most successes, then fewest evaluations) and its run from start 0,
    // against a plain fit with the command-line tool from the same start.
    let winnerLine = try XCTUnwrap(lines.first { $0.hasPrefix("winner: ") }, output.stdout)
    let winner = String(winnerLine.split(separator: " ")[1])
    XCTAssertEqual(
      successes[winner], successes.values.max(), "the winner has the most successes")
    let comparisonValue = try XCTUnwrap(
      winnerLine.components(separatedBy: "χ² = ").last?.split(separator: " ").first
        .flatMap { Double($0) }, winnerLine)
    let startLine = try XCTUnwrap(lines.first { $0.hasPrefix("start 0: ") }, output.stdout)
    let start = String(startLine.dropFirst("start 0: ".count))
    let stages = winner.split(separator: "+").map(String.init)
    var arguments = [
      "fit", data, "--model", "damped_oscillator(t, A, tau, omega, phi) + c", "--x", "t", "--y",
      "theta", "--sigma", "sigma", "--param", start, "--optimizer", stages[0], "--json",
    ]
    if stages.count == 2 { arguments += ["--then", stages[1]] }
    if Self.seeded.contains(stages[0]) { arguments += ["--seed", "7"] }
    let fit = try PhysFitRunner.run(arguments)
    XCTAssertEqual(fit.status, 0, fit.stderr)
    let plain = try XCTUnwrap(fit.json()["objectiveValue"] as? Double, fit.stdout)
    XCTAssertEqual(comparisonValue, plain, accuracy: 1e-8 * abs(plain), winnerLine)

    let svg = try String(contentsOfFile: figure, encoding: .utf8)
    XCTAssertTrue(svg.contains("<svg") && svg.contains(winner), "figure without the winner")
  }
}
