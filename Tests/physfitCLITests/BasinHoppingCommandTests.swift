import Foundation
import XCTest

/// `basin-hopping` on the command line: a fit that reaches the closed-form least-squares
/// solution, and `compare --problem lj:7` with it beside gradient methods from the same
/// random starts, under a budget counted in calls.
final class BasinHoppingCommandTests: XCTestCase {
  /// A straight-line fit by basin hopping ends at the normal-equation solution, and
  /// converges (it stops on its patience: no better minimum in 200 hops).
  func testFitReachesTheLeastSquaresLine() throws {
    let scratch = try Scratch()
    var text = "x,y\n"
    var xs: [Double] = []
    var ys: [Double] = []
    for i in 0..<30 {
      let x = Double(i) / 3
      let y = 0.5 + 1.5 * x + (i % 3 == 0 ? 0.3 : -0.15)
      xs.append(x)
      ys.append(y)
      text += "\(x),\(y)\n"
    }
    let path = try scratch.write("line.csv", text)
    let output = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*x", "--optimizer", "basin-hopping", "--seed", "2", "--json",
    ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try output.json()
    XCTAssertEqual(json["optimizer"] as? String, "basin-hopping")
    // Closed form: b = Sxy/Sxx, a = ȳ − b·x̄.
    let n = Double(xs.count)
    let mx = xs.reduce(0, +) / n
    let my = ys.reduce(0, +) / n
    let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let expected = ["a": my - sxy / sxx * mx, "b": sxy / sxx]
    var seen = 0
    for p in try XCTUnwrap(json["parameters"] as? [[String: Any]]) {
      guard let name = p["name"] as? String, let value = p["value"] as? Double,
        let want = expected[name]
      else { continue }
      XCTAssertEqual(value, want, accuracy: 1e-6 * max(abs(want), 1), name)
      seen += 1
    }
    XCTAssertEqual(seen, 2)
  }

  /// LJ7 from three random starts: basin hopping reaches the Cambridge Cluster Database
  /// minimum from each within the budget; BFGS and CG rows sit beside it.
  func testCompareShowsBasinHoppingBesideGradientMethods() throws {
    let output = try PhysFitRunner.run([
      "compare", "--problem", "lj:7", "--optimizers", "basin-hopping,bfgs,cg-pr", "--starts", "3",
      "--seed", "1", "--budget", "3000", "--success-tolerance", "5e-7", "--json",
    ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let problem = try XCTUnwrap((try output.json()["problems"] as? [[String: Any]])?.first)
    let rows = try XCTUnwrap(problem["optimizers"] as? [[String: Any]])
    XCTAssertEqual(rows.map { $0["optimizer"] as? String }, ["basin-hopping", "bfgs", "cg-pr"])
    for run in try XCTUnwrap(problem["runs"] as? [[String: Any]]) {
      XCTAssertLessThanOrEqual(run["evaluations"] as? Int ?? .max, 3000)
      guard run["optimizer"] as? String == "basin-hopping" else { continue }
      XCTAssertEqual(run["value"] as? Double ?? 0, -16.505384, accuracy: 1e-5)
    }
  }
}
