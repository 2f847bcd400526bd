import Foundation
import XCTest

/// `physfit compare`: the acceptance commands (with fewer starts and smaller
/// budgets, to stay fast), traces, figures, the data-fit form against `physfit fit`,
/// suites, and bad input.
final class CompareCommandTests: XCTestCase {
  /// A file of examples/data, found from this file's location in the repository.
  static func example(_ name: String) -> String {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("examples/data/\(name)").path
  }

  /// Every optimizer name of `physfit optimizers`.
  static let allOptimizers = [
    "least-squares", "lm", "lmaccel", "dogleg", "ddogleg", "subspace2d", "nelder-mead",
    "cg-fr", "cg-pr", "bfgs", "steepest-descent", "sgd", "momentum", "nesterov", "adam",
    "adamw", "annealing", "basin-hopping",
  ]

  /// The JSON without the wall-time fields (`time`, `elapsed`), which alone may differ
  /// between identical runs.
  static func withoutTimes(_ value: Any) -> Any {
    if let object = value as? [String: Any] {
      var copy: [String: Any] = [:]
      for (key, v) in object where key != "time" && key != "elapsed" {
        copy[key] = withoutTimes(v)
      }
      return copy
    }
    if let array = value as? [Any] { return array.map(withoutTimes) }
    return value
  }

  static func canonical(_ json: String) throws -> Data {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    return try JSONSerialization.data(withJSONObject: withoutTimes(object), options: [.sortedKeys])
  }

  /// `compare --problem rosenbrock:2 --optimizers all`: a row for every optimizer (the
  /// least-squares ones run on Rosenbrock's residuals and, on this zero-residual
  /// problem, succeed from every start), and the same numbers when repeated — here on
  /// one thread and on two.
  func testRosenbrockAllOptimizersIsRepeatable() throws {
    let arguments = [
      "compare", "--problem", "rosenbrock:2", "--optimizers", "all", "--starts", "3", "--seed", "1",
      "--budget", "1500", "--json",
    ]
    let first = try PhysFitRunner.run(arguments + ["--threads", "2"])
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(first.stderr, "")
    let second = try PhysFitRunner.run(arguments + ["--threads", "1"])
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertEqual(try Self.canonical(first.stdout), try Self.canonical(second.stdout))

    let json = try first.json()
    XCTAssertEqual(json["kind"] as? String, "comparison")
    let problem = try XCTUnwrap((json["problems"] as? [[String: Any]])?.first)
    XCTAssertEqual(problem["problem"] as? String, "rosenbrock-2d")
    XCTAssertEqual(problem["knownMinimum"] as? Double, 0)
    let rows = try XCTUnwrap(problem["optimizers"] as? [[String: Any]])
    XCTAssertEqual(rows.map { $0["optimizer"] as? String }, Self.allOptimizers)
    for row in rows {
      let name = row["optimizer"] as? String ?? ""
      let counts = row["statusCounts"] as? [String: Int] ?? [:]
      XCTAssertEqual(counts.values.reduce(0, +), 3, name)
      XCTAssertEqual(row["applicable"] as? Bool, true, name)
      let evaluations = row["evaluations"] as? [String: Any]
      XCTAssertLessThanOrEqual(evaluations?["upper"] as? Double ?? .infinity, 1500, name)
      if Self.allOptimizers.prefix(6).contains(name) {
        XCTAssertEqual(row["successRate"] as? Double, 1, name)
      }
    }
    // BFGS solves Rosenbrock from every start; each run records its evaluations.
    let bfgs = rows.first { $0["optimizer"] as? String == "bfgs" }
    XCTAssertEqual(bfgs?["successRate"] as? Double, 1)
    let runs = try XCTUnwrap(problem["runs"] as? [[String: Any]])
    XCTAssertEqual(runs.count, Self.allOptimizers.count * 3)
  }

  /// The table: one row per optimizer with success, evaluations, time and status.
  func testTableHasOneRowPerOptimizer() throws {
    let output = try PhysFitRunner.run([
      "compare", "--problem", "himmelblau", "--optimizers", "bfgs,nelder-mead,lm", "--starts",
      "4", "--seed", "3",
    ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let lines = output.stdout.split(separator: "\n").map(String.init)
    XCTAssertTrue(
      lines.contains { $0.hasPrefix("reference    known minimum f* = 0") }, output.stdout)
    let header = try XCTUnwrap(lines.first { $0.hasPrefix("optimizer") })
    for column in ["success", "median f", "median gap", "evaluations", "time", "status"] {
      XCTAssertTrue(header.contains(column), header)
    }
    let bfgs = try XCTUnwrap(lines.first { $0.hasPrefix("bfgs ") })
    XCTAssertTrue(bfgs.contains("4/4"), bfgs)
    XCTAssertTrue(bfgs.contains("converged 4"), bfgs)
    XCTAssertTrue(bfgs.contains(" ms"), bfgs)
    // Himmelblau is a sum of two squares: Levenberg–Marquardt runs on its residuals.
    let lm = try XCTUnwrap(lines.first { $0.hasPrefix("lm ") })
    XCTAssertTrue(lm.contains("4/4"), lm)
    // Rastrigin is not: there a least-squares method is listed as not applicable.
    let rastrigin = try PhysFitRunner.run([
      "compare", "--problem", "rastrigin", "--optimizers", "bfgs,lm", "--starts", "2", "--seed",
      "3",
    ])
    XCTAssertEqual(rastrigin.status, 0, rastrigin.stderr)
    let lmRow = try XCTUnwrap(rastrigin.stdout.split(separator: "\n").first { $0.hasPrefix("lm ") })
    XCTAssertTrue(lmRow.contains("not applicable"), String(lmRow))
  }

  /// --trace (CSV and JSON) holds every iteration with monotone evaluation counts and a
  /// best value that never rises; --plot is an SVG with one curve per optimizer.
  func testTraceAndConvergenceFigure() throws {
    let scratch = try Scratch()
    let output = try PhysFitRunner.run([
      "compare", "--problem", "rastrigin:2", "--optimizers", "bfgs,nelder-mead,annealing",
      "--starts", "3", "--seed", "2", "--budget", "800", "--trace", scratch.path("trace.csv"),
      "--plot", scratch.path("convergence.svg"),
    ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let csv = try String(contentsOfFile: scratch.path("trace.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    XCTAssertEqual(
      rows.first,
      [
        "problem", "optimizer", "start", "iteration", "values", "gradients", "jacobians",
        "evaluations", "value", "best", "gradient_norm", "elapsed",
      ])
    var last: [String: (evaluations: Int, best: Double)] = [:]
    var seen = Set<String>()
    for row in rows.dropFirst() {
      XCTAssertEqual(row.count, 12)
      XCTAssertEqual(row[0], "rastrigin-2d")
      let key = row[1] + "/" + row[2]
      seen.insert(row[1])
      let evaluations = try XCTUnwrap(Int(row[7]))
      let best = try XCTUnwrap(Double(row[9]))
      XCTAssertLessThanOrEqual(evaluations, 800, key)
      if let previous = last[key] {
        XCTAssertGreaterThanOrEqual(evaluations, previous.evaluations, key)
        XCTAssertLessThanOrEqual(best, previous.best, key)
      }
      last[key] = (evaluations, best)
    }
    XCTAssertEqual(seen, ["bfgs", "nelder-mead", "annealing"])
    XCTAssertEqual(last.count, 9)

    let svg = try String(contentsOfFile: scratch.path("convergence.svg"), encoding: .utf8)
    XCTAssertTrue(svg.contains("<svg"), String(svg.prefix(200)))
    XCTAssertTrue(svg.hasSuffix("</svg>\n") || svg.hasSuffix("</svg>"))
    for name in ["bfgs", "nelder-mead", "annealing", "evaluations"] {
      XCTAssertTrue(svg.contains(name), name)
    }

    let jsonTrace = try PhysFitRunner.run([
      "compare", "--problem", "rastrigin:2", "--optimizers", "bfgs", "--starts", "2", "--seed",
      "2", "--trace", scratch.path("trace.json"),
    ])
    XCTAssertEqual(jsonTrace.status, 0, jsonTrace.stderr)
    let document =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: scratch.path("trace.json")))) as? [String: Any]
    let runs = try XCTUnwrap(document?["runs"] as? [[String: Any]])
    XCTAssertEqual(runs.count, 2)
    let trace = try XCTUnwrap(runs[0]["trace"] as? [[String: Any]])
    XCTAssertFalse(trace.isEmpty)
    XCTAssertNotNil(trace[0]["evaluationCounts"] as? [String: Int])
  }

  static let decayFit = [
    example("decay.csv"), "--model", "A*exp(-t/tau) + B", "--x", "t", "--y", "counts", "--sigma",
    "sigma", "--param", "A=1000,tau=10,B=10",
  ]

  /// A data fit: the best optimizer's result is `physfit fit` with that optimizer.
  func testDataFitBestOptimizerMatchesFit() throws {
    let output = try PhysFitRunner.run(
      ["compare"] + Self.decayFit + [
        "--optimizers", "lm,bfgs,nelder-mead", "--starts", "3", "--seed", "4", "--json",
      ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try output.json()
    let fit = try XCTUnwrap(json["fit"] as? [String: Any])
    XCTAssertEqual(fit["objective"] as? String, "chi2")
    XCTAssertEqual(fit["points"] as? Int, 40)
    let problem = try XCTUnwrap((json["problems"] as? [[String: Any]])?.first)
    XCTAssertEqual(problem["coordinates"] as? [String], ["A", "tau", "B"])
    let best = try XCTUnwrap(problem["best"] as? [String: Any])
    let optimizer = try XCTUnwrap(best["optimizer"] as? String)
    let parameters = try XCTUnwrap(best["parameters"] as? [String: Double])

    let single = try PhysFitRunner.run(
      ["fit"] + Self.decayFit + ["--optimizer", optimizer, "--json"])
    XCTAssertEqual(single.status, 0, single.stderr)
    let reference = try single.json()
    for p in try XCTUnwrap(reference["parameters"] as? [[String: Any]]) {
      let name = try XCTUnwrap(p["name"] as? String)
      let value = try XCTUnwrap(p["value"] as? Double)
      XCTAssertEqual(parameters[name] ?? .nan, value, accuracy: 1e-6 * abs(value), name)
    }
    let chi2 = try XCTUnwrap(reference["objectiveValue"] as? Double)
    XCTAssertEqual(best["value"] as? Double ?? .nan, chi2, accuracy: 1e-9 * chi2)
    // Start 0 is the fit's own start, so each optimizer's first run is its fit.
    let runs = try XCTUnwrap(problem["runs"] as? [[String: Any]])
    let start0 = runs.filter { $0["start"] as? Int == 0 }
    XCTAssertEqual(start0.count, 3)
    for run in start0 {
      XCTAssertEqual(run["startPoint"] as? [Double], [1000, 10, 10])
    }
  }

  /// Random starts of a data fit: uniform within --bounds, within ±--start-spread of
  /// the start otherwise; start 0 is the fit's own (guessed) start.
  func testDataFitStartsHonourBoundsAndSpread() throws {
    let output = try PhysFitRunner.run([
      "compare", Self.example("peak.dat"), "--model", "gaussian + linear", "--x", "E", "--y",
      "counts", "--sigma", "dcounts", "--bounds", "mu=640:680", "--start-spread", "0.1",
      "--optimizers", "lm", "--starts", "5", "--seed", "3", "--json",
    ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try output.json()
    XCTAssertEqual((json["settings"] as? [String: Any])?["startSpread"] as? Double, 0.1)
    let problem = try XCTUnwrap((json["problems"] as? [[String: Any]])?.first)
    let names = try XCTUnwrap(problem["coordinates"] as? [String])
    let runs = try XCTUnwrap(problem["runs"] as? [[String: Any]])
    let starts = try runs.map { try XCTUnwrap($0["startPoint"] as? [Double]) }
    let mu = try XCTUnwrap(names.firstIndex(of: "mu"))
    let amplitude = try XCTUnwrap(names.firstIndex(of: "A"))
    for start in starts.dropFirst() {
      XCTAssertTrue(start[mu] >= 640 && start[mu] <= 680, "\(start)")
      XCTAssertEqual(
        start[amplitude], starts[0][amplitude], accuracy: 0.1 * abs(starts[0][amplitude]))
      XCTAssertNotEqual(start, starts[0])
    }
  }

  /// A suite: success per problem and the performance profile, as table, JSON and figure.
  func testSuiteWithPerformanceProfile() throws {
    let scratch = try Scratch()
    let arguments = [
      "compare", "--suite", "classic", "--optimizers", "bfgs,nelder-mead", "--starts", "2",
      "--seed", "1", "--budget", "1500",
    ]
    let text = try PhysFitRunner.run(arguments + ["--plot", scratch.path("profile.svg")])
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.contains("performance profile"), text.stdout)
    XCTAssertTrue(text.stdout.contains("rosenbrock-5d"), text.stdout)
    let svg = try String(contentsOfFile: scratch.path("profile.svg"), encoding: .utf8)
    XCTAssertTrue(svg.contains("<svg") && svg.contains("Performance profile"))

    let output = try PhysFitRunner.run(arguments + ["--json"])
    XCTAssertEqual(output.status, 0, output.stderr)
    let json = try output.json()
    XCTAssertEqual(json["kind"] as? String, "suite")
    XCTAssertEqual(json["suite"] as? String, "classic")
    let problems = try XCTUnwrap(json["problems"] as? [[String: Any]])
    XCTAssertEqual(problems.count, 7)
    let profile = try XCTUnwrap(json["profile"] as? [String: Any])
    XCTAssertEqual(profile["solvers"] as? [String], ["bfgs", "nelder-mead"])
    let fractions = try XCTUnwrap(profile["fractions"] as? [[Double]])
    for row in fractions {
      XCTAssertEqual(row.count, 7)
      XCTAssertTrue(row.allSatisfy { $0 >= 0 && $0 <= 1 })
      XCTAssertEqual(row, row.sorted(), "a profile never decreases in τ")
    }
    // At τ = 1 every problem some optimizer solves has a cheapest one.
    let solvedByAny = problems.filter { p in
      (p["optimizers"] as? [[String: Any]] ?? []).contains { ($0["cost"] as? Double) != nil }
    }.count
    XCTAssertGreaterThanOrEqual(
      (fractions[0][0] + fractions[1][0]) * 7 + 1e-9, Double(solvedByAny))
  }

  /// The Lennard-Jones cluster: the known minimum is the reference.
  func testLennardJonesProblem() throws {
    let output = try PhysFitRunner.run([
      "compare", "--problem", "lj:4", "--optimizers", "bfgs,annealing+bfgs", "--starts", "3",
      "--seed", "1", "--budget", "4000", "--json",
    ])
    XCTAssertEqual(output.status, 0, output.stderr)
    let problem = try XCTUnwrap((try output.json()["problems"] as? [[String: Any]])?.first)
    XCTAssertEqual(problem["problem"] as? String, "lj-4")
    XCTAssertEqual(problem["knownMinimum"] as? Double, -6)
    XCTAssertEqual((problem["coordinates"] as? [String])?.count, 12)
    let rows = try XCTUnwrap(problem["optimizers"] as? [[String: Any]])
    XCTAssertEqual(rows.map { $0["optimizer"] as? String }, ["bfgs", "annealing+bfgs"])
    // LJ4 has a single minimum (the tetrahedron): every bound start relaxes to it.
    XCTAssertEqual(rows[0]["successRate"] as? Double, 1)
  }

  func testBadInput() throws {
    let scratch = try Scratch()
    let cases: [([String], Int32, String)] = [
      (["compare"], 64, "give a problem"),
      (["compare", "--problem", "rosenbrok"], 64, "unknown problem 'rosenbrok'"),
      (["compare", "--problem", "rosenbrock:1"], 64, "at least 2"),
      (["compare", "--problem", "beale:3"], 64, "2 dimensions only"),
      (
        ["compare", "--problem", "beale", "--optimizers", "bfgs,foo"], 64, "unknown optimizer 'foo'"
      ),
      (["compare", "--problem", "beale", "--optimizers", "bfgs,bfgs"], 64, "listed twice"),
      (["compare", "--problem", "beale", "--optimizers", "lm+bfgs"], 64, "second stage"),
      (
        ["compare", "--problem", "beale", "--model", "a*x"], 64,
        "--model is an option of a data fit"
      ),
      (["compare", "--problem", "beale", "--suite", "classic"], 64, "give one problem"),
      (["compare", "--problem", "beale", "--starts", "0"], 64, "--starts '0'"),
      (["compare", "--problem", "beale", "--budget", "0"], 64, "--budget '0'"),
      (["compare", "--problem", "beale", "--trace", "t.txt"], 64, ".csv or .json"),
      (
        [
          "compare", "--problem", "beale", "--optimizers", "bfgs", "--plot",
          scratch.path("missing/dir/f.svg"),
        ], 73, "cannot write"
      ),
      (["compare", scratch.path("none.csv"), "--model", "a*x"], 65, "none.csv"),
      (["compare", Self.example("decay.csv")], 64, "needs --model"),
    ]
    for (arguments, status, message) in cases {
      let output = try PhysFitRunner.run(arguments)
      XCTAssertEqual(output.status, status, "\(arguments): \(output.stderr)")
      XCTAssertTrue(output.stderr.hasPrefix("error: "), "\(arguments): \(output.stderr)")
      XCTAssertTrue(output.stderr.contains(message), "\(arguments): \(output.stderr)")
      XCTAssertEqual(output.stdout, "", "\(arguments)")
    }
  }
}
