import Foundation
import PhysFit
import XCTest

/// The text report, `physfit models`, help, and non-convergence.
final class ReportTests: XCTestCase {
  /// y = 2 + 0.5x exactly, plus a fixed ±0.1 pattern: a = 2, b = 0.5 within errors.
  func lineData() -> String {
    var text = "# t  volts  dv\n"
    for i in 0..<20 {
      let t = Double(i)
      let y = 2 + 0.5 * t + (i % 2 == 0 ? 0.1 : -0.1)
      text += "\(t)  \(y)  0.1\n"
    }
    return text
  }

  func testReportLayoutAndRounding() throws {
    let scratch = try Scratch()
    let path = try scratch.write("line.dat", lineData())
    let run = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*t", "--x", "t", "--y", "volts", "--sigma", "dv",
      "--param", "a=1,b=1",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(lines.first, "model        a + b*t")
    XCTAssertTrue(lines[1].contains("\(path): 20 points, x = t, y = volts, σ = dv"), lines[1])

    // Independent closed form (w = 1/0.1² = 100): Δ = S·Sxx − Sx²,
    // a = (Sxx·Sy − Sx·Sxy)/Δ, b = (S·Sxy − Sx·Sy)/Δ, σa² = Sxx/Δ, σb² = S/Δ.
    let ts = (0..<20).map(Double.init)
    let ys = ts.enumerated().map { i, t in 2 + 0.5 * t + (i % 2 == 0 ? 0.1 : -0.1) }
    let w = 100.0
    let s = w * 20
    let sx = w * ts.reduce(0, +)
    let sy = w * ys.reduce(0, +)
    let sxx = w * ts.map { $0 * $0 }.reduce(0, +)
    let sxy = w * zip(ts, ys).map { $0 * $1 }.reduce(0, +)
    let delta = s * sxx - sx * sx
    let a = (sxx * sy - sx * sxy) / delta
    let b = (s * sxy - sx * sy) / delta
    let errorA = (sxx / delta).squareRoot()
    let errorB = (s / delta).squareRoot()
    // PDG rounding: leading digits 431 and 388 lie in 355–949, so one significant digit.
    XCTAssertEqual(errorA, 0.0431, accuracy: 5e-5)  // → 0.04
    XCTAssertEqual(errorB, 0.00388, accuracy: 5e-6)  // → 0.004
    // The value rounded to the error's decimal place.
    let rowA = try XCTUnwrap(lines.first { $0.hasPrefix("a ") })
    let rowB = try XCTUnwrap(lines.first { $0.hasPrefix("b ") })
    XCTAssertEqual(
      rowA.split(separator: " ").map(String.init).suffix(2),
      [String(format: "%.2f", a), "0.04"])
    XCTAssertEqual(
      rowB.split(separator: " ").map(String.init).suffix(2),
      [String(format: "%.3f", b), "0.004"])
    // Decimal points line up.
    XCTAssertEqual(
      rowA.firstIndex(of: ".").map { rowA.distance(from: rowA.startIndex, to: $0) },
      rowB.firstIndex(of: ".").map { rowB.distance(from: rowB.startIndex, to: $0) })

    for label in ["χ²", "ndf", "χ²/ndf", "p-value", "status", "evaluations", "method"] {
      XCTAssertTrue(lines.contains { $0.hasPrefix(label + " ") }, "missing \(label)")
    }
    XCTAssertTrue(lines.contains("ndf          18"), run.stdout)
    XCTAssertTrue(run.stdout.contains("status       converged ("), run.stdout)
  }

  func testReportWithoutSigmaSaysErrorsAreScaled() throws {
    let scratch = try Scratch()
    let path = try scratch.write("line.dat", lineData())
    let run = try PhysFitRunner.run(["fit", path, "--model", "a + b*t", "--x", "t", "--y", "2"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("RSS "), run.stdout)
    XCTAssertTrue(run.stdout.contains("scaled by √(RSS/ndf)"), run.stdout)
    XCTAssertFalse(run.stdout.contains("p-value"), run.stdout)
    XCTAssertFalse(run.stdout.contains("exact fit"), run.stdout)
    XCTAssertTrue(run.stderr.isEmpty, run.stderr)
  }

  /// A constant y fitted by a line without σ: the residuals are rounding, the scaled
  /// errors 0 — flagged in the report and on stderr, not shown as a precise result.
  func testExactFitWithoutSigmaIsFlagged() throws {
    let scratch = try Scratch()
    let path = try scratch.write("constant.csv", "x,y\n1,2\n2,2\n3,2\n4,2\n")
    let run = try PhysFitRunner.run(["fit", path, "--model", "a*x + b"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains(": an exact fit, the errors say nothing"), run.stdout)
    XCTAssertTrue(
      run.stderr.contains("warning: the model reproduces the data exactly"), run.stderr)
  }

  func testVerboseAddsCorrelation() throws {
    let scratch = try Scratch()
    let path = try scratch.write("line.dat", lineData())
    let run = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*t", "--sigma", "dv", "--y", "volts", "--verbose",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("correlation"), run.stdout)
    // ρ(a, b) = −Sx/√(Sxx·S) for this design.
    let ts = (0..<20).map(Double.init)
    let rho = -ts.reduce(0, +) / (ts.map { $0 * $0 }.reduce(0, +) * 20).squareRoot()
    XCTAssertTrue(run.stdout.contains(String(format: "%.3f", rho)), run.stdout)
  }

  func testLargeAndSmallNumbersShareAnExponent() throws {
    let scratch = try Scratch()
    var text = "x,y\n"
    for i in 0..<12 {
      let x = Double(i)
      text += "\(x),\(3.0e6 + 2.0e-7 * x + (i % 2 == 0 ? 1 : -1) * 100)\n"
    }
    let path = try scratch.write("big.csv", text)
    let run = try PhysFitRunner.run(["fit", path, "--model", "c + d*x"])
    XCTAssertEqual(run.status, 0, run.stderr)
    let row = try XCTUnwrap(run.stdout.split(separator: "\n").first { $0.hasPrefix("c ") })
    let fields = row.split(separator: " ")
    XCTAssertTrue(fields[1].hasSuffix("e+06"), String(row))
    XCTAssertTrue(fields[2].hasSuffix("e+06"), String(row))
  }

  func testNotConvergedExitsTwoWithReport() throws {
    let scratch = try Scratch()
    var text = "t,n\n"
    for i in 0..<30 { text += "\(i),\(1000 * exp(-Double(i) / 7) + 10)\n" }
    let path = try scratch.write("decay.csv", text)
    let run = try PhysFitRunner.run([
      "fit", path, "--model", "A*exp(-t/tau) + B", "--optimizer", "lm", "--max-iterations", "1",
    ])
    XCTAssertEqual(run.status, 2, run.stderr)
    XCTAssertTrue(run.stdout.contains("NOT CONVERGED: iteration limit reached"), run.stdout)
    XCTAssertEqual(run.stderr, "warning: the fit did not converge: iteration limit reached\n")

    let json = try PhysFitRunner.run([
      "fit", path, "--model", "A*exp(-t/tau) + B", "--optimizer", "lm", "--max-iterations", "1",
      "--json",
    ])
    XCTAssertEqual(json.status, 2)
    let object = try json.json()
    XCTAssertEqual(object["converged"] as? Bool, false)
    XCTAssertEqual(object["status"] as? String, "iteration limit reached")
  }

  func testUndeterminedErrorsAreNullInJSON() throws {
    let scratch = try Scratch()
    var text = "x,y\n"
    for i in 0..<8 { text += "\(i),\(2.0 * Double(i) + 1)\n" }
    let path = try scratch.write("line.csv", text)
    // a*b*x cannot separate a from b: a rank-deficient Jacobian.
    let run = try PhysFitRunner.run(["fit", path, "--model", "a*b*x + c", "--json"])
    XCTAssertNotEqual(run.status, 65, run.stderr)
    let object = try run.json()
    let parameters = try XCTUnwrap(object["parameters"] as? [[String: Any]])
    XCTAssertTrue(parameters.contains { $0["error"] is NSNull }, run.stdout)
  }

  func testModelsListsTheCatalogue() throws {
    let text = try PhysFitRunner.run(["models"])
    XCTAssertEqual(text.status, 0, text.stderr)
    for model in BuiltinModels.all {
      XCTAssertTrue(text.stdout.contains(model.name), model.name)
      XCTAssertTrue(text.stdout.contains(model.formula), model.formula)
      XCTAssertTrue(text.stdout.contains(model.summary), model.summary)
      XCTAssertTrue(
        text.stdout.contains("parameters: " + model.parameterNames.joined(separator: ", ")),
        model.name)
    }
    XCTAssertTrue(text.stdout.contains("polyN"))

    let json = try PhysFitRunner.run(["models", "--json"])
    XCTAssertEqual(json.status, 0, json.stderr)
    let object = try json.json()
    let models = try XCTUnwrap(object["models"] as? [[String: Any]])
    XCTAssertEqual(models.compactMap { $0["name"] as? String }, BuiltinModels.all.map(\.name))
    let gaussian = try XCTUnwrap(models.first { $0["name"] as? String == "gaussian" })
    XCTAssertEqual(
      gaussian["parameters"] as? [String], BuiltinModels.named("gaussian")?.parameterNames)
  }

  func testHelpDocumentsDefaultsAndExitCodes() throws {
    let run = try PhysFitRunner.run(["fit", "--help"])
    XCTAssertEqual(run.status, 0)
    XCTAssertEqual(run.stderr, "")
    for text in [
      "--x and --y default to the columns named x and y", "else the first two", "Exit status",
      "65 input error", "least-squares", "else at 1",
    ] {
      XCTAssertTrue(run.stdout.contains(text), "help lacks '\(text)'")
    }
  }

  func testBuiltinSumFitsAPeak() throws {
    let scratch = try Scratch()
    var text = "# E counts dcounts\n"
    for i in 0..<41 {
      let e = 600 + 3 * Double(i)
      let y = 450 * exp(-(e - 661.7) * (e - 661.7) / (2 * 8.5 * 8.5)) + 110 - 0.05 * e
      text += "\(e) \(y) \(max(y, 1).squareRoot())\n"
    }
    let path = try scratch.write("peak.dat", text)
    let run = try PhysFitRunner.run([
      "fit", path, "--model", "gaussian + linear", "--x", "E", "--y", "counts", "--sigma",
      "dcounts", "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let object = try run.json()
    let parameters = try XCTUnwrap(object["parameters"] as? [[String: Any]])
    func value(_ name: String) -> Double? {
      parameters.first { $0["name"] as? String == name }?["value"] as? Double
    }
    XCTAssertEqual(try XCTUnwrap(value("mu")), 661.7, accuracy: 1e-6)
    XCTAssertEqual(try XCTUnwrap(value("sigma")), 8.5, accuracy: 1e-6)
    XCTAssertEqual(try XCTUnwrap(value("A")), 450, accuracy: 1e-5)
    XCTAssertEqual(try XCTUnwrap(object["chi2"] as? Double), 0, accuracy: 1e-12)
  }
}
