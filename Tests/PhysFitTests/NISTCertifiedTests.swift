import Foundation
import NISTStRD
import PhysFit
import XCTest

/// The NIST StRD nonlinear-regression suite, fitted through the public API as a user would.
///
/// Every problem in `Fixtures/nist`, and every problem in the directory named by the
/// environment variable `PHYSFIT_NIST_EXTRA` when it is set, is fitted from both of its
/// certified starting points with an ``ExpressionModel``, a ``Fit`` without σ (so errors
/// are scaled by s² = RSS/(n − p), the StRD convention) and the default optimizer — no
/// per-problem settings. A case passes when
///
/// - every parameter agrees with its certified value to a log relative error
///   LRE = −log₁₀(|est − cert| / |cert|) ≥ 6,
/// - every standard error agrees with its certified standard deviation to LRE ≥ 4
///   (not for Lanczos1: its certified RSS, 1.4e-25, is below the rounding of its data,
///   so its standard errors are rounding noise), and
/// - the fit reports convergence.
///
/// All failures of all cases are collected into one assertion message; a summary table
/// (minimum value LRE, minimum error LRE, RSS LRE, evaluations per case) is printed to
/// stdout either way. Run just this suite with
///
///     swift test --filter NISTCertifiedTests
///     PHYSFIT_NIST_EXTRA=<dir with more .dat files> swift test --filter NISTCertifiedTests
final class NISTCertifiedTests: XCTestCase {
  /// Required LRE of parameter values: the StRD's usual "6 correct digits".
  static let valueDigits = 6.0
  /// Required LRE of standard errors: they are second-order quantities, 4 digits suffice.
  static let errorDigits = 4.0
  /// Problems whose standard errors are not a fair test (see the type's documentation).
  static let valuesOnly: Set<String> = ["Lanczos1"]
  /// The environment variable naming a directory of further `.dat` files.
  static let extraDirectoryVariable = "PHYSFIT_NIST_EXTRA"

  // MARK: - Tests

  /// The parser reads every fixture, and the formula table covers it with exactly b1…bp.
  func testEveryProblemParsesAndHasAModel() throws {
    let problems = try Self.loadProblems()
    XCTAssertGreaterThanOrEqual(problems.count, 20, "fixtures missing from Fixtures/nist")
    for problem in problems {
      let names = problem.parameters.map(\.name)
      XCTAssertEqual(names, (1...problem.parameterCount).map { "b\($0)" }, problem.name)
      XCTAssertEqual(problem.x.count, problem.predictorNames.count, problem.name)
      guard let spec = NISTModel.all[problem.name] else {
        XCTFail("\(problem.name): no entry in NISTModel.all")
        continue
      }
      XCTAssertEqual(spec.inputs, problem.predictorNames, "\(problem.name): predictor names")
      XCTAssertEqual(
        Self.parameterTokens(in: spec.formula), Set(names), "\(problem.name): formula parameters")
    }
  }

  /// Spot checks of the parser against values read by eye from Misra1a.dat and Nelson.dat.
  func testParserReadsHeaderAndData() throws {
    let misra = try NISTProblem(contentsOf: Self.fixture("Misra1a.dat"))
    XCTAssertEqual(misra.name, "Misra1a")
    XCTAssertEqual(misra.observationCount, 14)
    XCTAssertEqual(misra.degreesOfFreedom, 12)
    XCTAssertEqual(misra.parameters[0].start1, 500, accuracy: 1e-12)
    XCTAssertEqual(misra.parameters[1].start1, 0.0001, accuracy: 1e-18)
    XCTAssertEqual(misra.parameters[0].start2, 250, accuracy: 1e-12)
    XCTAssertEqual(misra.parameters[1].start2, 0.0005, accuracy: 1e-18)
    XCTAssertEqual(misra.parameters[0].value, 2.3894212918e+02, accuracy: 1e-8)
    XCTAssertEqual(misra.parameters[1].standardDeviation, 7.2668688436e-06, accuracy: 1e-16)
    XCTAssertEqual(misra.certifiedResidualSumOfSquares, 1.2455138894e-01, accuracy: 1e-12)
    XCTAssertEqual(misra.predictorNames, ["x"])
    XCTAssertEqual(misra.y.first ?? .nan, 10.07, accuracy: 1e-12)
    XCTAssertEqual(misra.x[0].first ?? .nan, 77.6, accuracy: 1e-12)

    let nelson = try NISTProblem(contentsOf: Self.fixture("Nelson.dat"))
    XCTAssertEqual(nelson.predictorNames, ["x1", "x2"])
    XCTAssertEqual(nelson.observationCount, 128)
    XCTAssertEqual(nelson.y.first ?? .nan, 15, accuracy: 1e-12)
    XCTAssertEqual(nelson.x[0].first ?? .nan, 1, accuracy: 1e-12)
    XCTAssertEqual(nelson.x[1].first ?? .nan, 180, accuracy: 1e-12)
  }

  /// The model table and the expression evaluator together reproduce the certified RSS at
  /// the certified parameter values. This checks each formula against its data,
  /// independently of any optimizer.
  func testFormulasReproduceCertifiedResidualSumOfSquares() throws {
    var failures: [String] = []
    for problem in try Self.loadProblems() where !Self.valuesOnly.contains(problem.name) {
      guard let spec = NISTModel.all[problem.name] else { continue }
      do {
        let model = try ExpressionModel(spec.formula, inputs: spec.inputs)
        let certified = Dictionary(
          uniqueKeysWithValues: problem.parameters.map { ($0.name, $0.value) })
        let theta = model.parameterNames.map { certified[$0] ?? .nan }
        var output = Matrix(rows: 0, columns: 0)
        var workspace = ModelWorkspace()
        model.evaluate(
          Matrix(columns: problem.x), parameters: theta, into: &output, workspace: &workspace)
        let y = Self.response(problem, spec)
        guard output.rows == y.count, output.columns == 1 else {
          failures.append("\(problem.name): output is \(output.rows) × \(output.columns)")
          continue
        }
        var rss = 0.0
        for i in y.indices { rss += (y[i] - output[i, 0]) * (y[i] - output[i, 0]) }
        let digits = Self.lre(rss, problem.certifiedResidualSumOfSquares)
        if digits < Self.valueDigits {
          failures.append("\(problem.name): RSS at certified values has LRE \(Self.format(digits))")
        }
      } catch {
        failures.append("\(problem.name): \(error)")
      }
    }
    XCTAssert(failures.isEmpty, "\n" + failures.joined(separator: "\n"))
  }

  /// The suite itself: every problem, both starts, default settings.
  func testCertifiedValuesFromBothStarts() throws {
    let problems = try Self.loadProblems()
    var rows: [SummaryRow] = []
    var failures: [Failure] = []
    for problem in problems {
      for start in 1...2 {
        let (row, caseFailures) = Self.run(problem, start: start)
        rows.append(row)
        failures += caseFailures
      }
    }
    print(Self.summaryTable(rows, failures: failures))
    if !failures.isEmpty {
      let cases = Set(failures.map { "\($0.problem) \($0.start)" }).count
      XCTFail(
        "\(cases) of \(rows.count) NIST cases failed:\n" + Self.failureTable(failures))
    }
  }

  // MARK: - One case

  struct SummaryRow {
    var problem: String
    var start: Int
    var minValueLRE: Double?
    var minErrorLRE: Double?
    var rssLRE: Double?
    var evaluations: String
    var converged: Bool
  }

  struct Failure {
    var problem: String
    var start: Int
    /// The parameter (b1…bN, "σ(bj)", "converged" or "fit").
    var item: String
    /// The LRE reached, when the failure is one.
    var lre: Double?
    /// What was required or what went wrong.
    var detail: String
  }

  /// Fits `problem` from Start `start` exactly as a user would and grades the result.
  static func run(_ problem: NISTProblem, start: Int) -> (SummaryRow, [Failure]) {
    var row = SummaryRow(
      problem: problem.name, start: start, evaluations: "-", converged: false)
    func failed(_ item: String, _ detail: String, lre: Double? = nil) -> Failure {
      Failure(problem: problem.name, start: start, item: item, lre: lre, detail: detail)
    }
    guard let spec = NISTModel.all[problem.name] else {
      return (row, [failed("fit", "no entry in NISTModel.all")])
    }
    do {
      let model = try ExpressionModel(spec.formula, inputs: spec.inputs)
      // Parameter order in the model is first appearance in the formula: map by name.
      guard Set(model.parameterNames) == Set(problem.parameters.map(\.name)) else {
        return (row, [failed("fit", "model parameters \(model.parameterNames)")])
      }
      var fit = try Fit(
        model: model, inputs: Matrix(columns: problem.x), y: response(problem, spec))
      for p in problem.parameters {
        fit.parameters[p.name]?.value = start == 1 ? p.start1 : p.start2
      }
      let result = try fit.minimize()

      var failures: [Failure] = []
      var valueLREs: [Double] = []
      var errorLREs: [Double] = []
      for p in problem.parameters {
        guard let estimate = result[p.name] else {
          failures.append(failed(p.name, "missing from the result"))
          continue
        }
        let valueLRE = lre(estimate.value, p.value)
        valueLREs.append(valueLRE)
        if valueLRE < valueDigits {
          failures.append(failed(p.name, "value \(estimate.value)", lre: valueLRE))
        }
        guard !valuesOnly.contains(problem.name) else { continue }
        let errorLRE = lre(estimate.error, p.standardDeviation)
        errorLREs.append(errorLRE)
        if errorLRE < errorDigits {
          failures.append(failed("σ(\(p.name))", "error \(estimate.error)", lre: errorLRE))
        }
      }
      if !result.converged {
        failures.append(failed("converged", "false"))
      }
      row.minValueLRE = valueLREs.min()
      row.minErrorLRE = errorLREs.min()
      row.rssLRE = lre(result.objectiveValue, problem.certifiedResidualSumOfSquares)
      row.evaluations = "\(result.evaluations.values)+\(result.evaluations.jacobians)J"
      row.converged = result.converged
      return (row, failures)
    } catch {
      return (row, [failed("fit", "threw: \(error)")])
    }
  }

  // MARK: - Helpers

  /// Log relative error −log₁₀(|est − cert| / |cert|), clamped to [0, 11]; 0 for a
  /// non-finite estimate (shared with the benchmarks, see `NISTStRD`).
  static func lre(_ estimate: Double, _ certified: Double) -> Double {
    logRelativeError(estimate, certified)
  }

  /// The fitted response: y, or log(y) for Nelson.
  static func response(_ problem: NISTProblem, _ spec: NISTModel) -> [Double] {
    spec.fitsLogResponse ? problem.y.map { log($0) } : problem.y
  }

  /// The distinct `b<digits>` identifiers of a formula, found without the expression parser.
  static func parameterTokens(in formula: String) -> Set<String> {
    let words = formula.split { !($0.isLetter || $0.isNumber) }
    return Set(
      words.filter { $0.first == "b" && $0.count > 1 && $0.dropFirst().allSatisfy(\.isNumber) }
        .map(String.init))
  }

  /// The bundled fixture directory `Fixtures/nist`.
  static func fixtureDirectory() throws -> URL {
    let resources = try XCTUnwrap(Bundle.module.resourceURL, "test bundle has no resources")
    return resources.appendingPathComponent("Fixtures").appendingPathComponent("nist")
  }

  /// The bundled fixture file `name`.
  static func fixture(_ name: String) throws -> URL {
    try fixtureDirectory().appendingPathComponent(name)
  }

  /// Every problem of the fixture directory, then those of `$PHYSFIT_NIST_EXTRA` whose
  /// names are not already loaded, sorted by name within each directory.
  static func loadProblems() throws -> [NISTProblem] {
    var directories = [try fixtureDirectory()]
    if let extra = ProcessInfo.processInfo.environment[extraDirectoryVariable], !extra.isEmpty {
      directories.append(URL(fileURLWithPath: extra, isDirectory: true))
    }
    var problems: [NISTProblem] = []
    var seen: Set<String> = []
    for directory in directories {
      let files = try FileManager.default.contentsOfDirectory(
        at: directory, includingPropertiesForKeys: nil
      )
      .filter { $0.pathExtension == "dat" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
      for file in files {
        let problem = try NISTProblem(contentsOf: file)
        if seen.insert(problem.name).inserted { problems.append(problem) }
      }
    }
    return problems
  }

  static func format(_ lre: Double?) -> String {
    lre.map { String(format: "%.1f", $0) } ?? "-"
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }

  static func summaryTable(_ rows: [SummaryRow], failures: [Failure]) -> String {
    let failedCases = Set(failures.map { "\($0.problem) \($0.start)" })
    var lines = [
      "NIST StRD: \(rows.count - failedCases.count)/\(rows.count) cases pass "
        + "(value LRE ≥ \(format(valueDigits)), error LRE ≥ \(format(errorDigits)), converged)",
      [
        pad("case", 14), pad("min value", 10), pad("min error", 10), pad("RSS", 6),
        pad("conv", 5), pad("evaluations", 12), "ok",
      ].joined(separator: " "),
    ]
    for r in rows {
      let name = "\(r.problem) \(r.start)"
      lines.append(
        [
          pad(name, 14), pad(format(r.minValueLRE), 10), pad(format(r.minErrorLRE), 10),
          pad(format(r.rssLRE), 6), pad(r.converged ? "yes" : "no", 5), pad(r.evaluations, 12),
          failedCases.contains(name) ? "FAIL" : "ok",
        ].joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }

  static func failureTable(_ failures: [Failure]) -> String {
    var lines = [
      [pad("problem", 10), pad("start", 5), pad("item", 10), pad("LRE", 5), "detail"]
        .joined(separator: " ")
    ]
    for f in failures {
      lines.append(
        [
          pad(f.problem, 10), pad("\(f.start)", 5), pad(f.item, 10), pad(format(f.lre), 5),
          f.detail,
        ].joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }
}
