import Foundation
import XCTest

/// Every bad input ends with exactly one `error: …` line on stderr (formula errors add
/// the formula and a caret line), a specific exit code, and nothing on stdout.
final class BadInputTests: XCTestCase {
  struct Case {
    var name: String
    var arguments: [String]
    var status: Int32
    /// Text the error line must contain.
    var message: String
    /// Lines on stderr (3 for formula errors).
    var lines = 1
  }

  func testBadInputs() throws {
    let scratch = try Scratch()
    let good = try scratch.write("good.csv", "t,y,s\n1,2.1,0.1\n2,3.9,0.1\n3,6.2,0.1\n4,7.8,0.1\n")
    let ragged = try scratch.write("ragged.csv", "t,y\n1,2\n2,3,4\n3,4\n")
    let word = try scratch.write("word.csv", "t,y\n1,2\n2,abc\n3,4\n")
    let nan = try scratch.write("nan.dat", "# t y\n1 2\n2 nan\n3 4\n")
    let empty = try scratch.write("empty.csv", "")
    let zeroSigma = try scratch.write("zero.csv", "t,y,s\n1,2,0.1\n2,3,0\n3,4,0.1\n")
    let two = try scratch.write("two.csv", "t,y\n1,2\n2,3\n")
    let missing = scratch.path("missing.csv")
    let model = ["--model", "a*t + b"]

    let cases: [Case] = [
      Case(
        name: "missing file", arguments: ["fit", missing] + model, status: 65,
        message: "cannot read '\(missing)': no such file"),
      Case(
        name: "empty file", arguments: ["fit", empty] + model, status: 65,
        message: "\(empty): file is empty"),
      Case(
        name: "unknown column", arguments: ["fit", good, "--y", "nope"] + model, status: 65,
        message: "--y: no column 'nope' in \(good) (columns: t, y, s)"),
      Case(
        name: "column index out of range", arguments: ["fit", good, "--x", "7"] + model,
        status: 65, message: "--x: no column '7'"),
      Case(
        name: "ragged row", arguments: ["fit", ragged] + model, status: 65,
        message: "\(ragged):3: expected 2 values, found 3"),
      Case(
        name: "not a number", arguments: ["fit", word] + model, status: 65,
        message: "\(word):3:2: expected a number in column \"y\", found 'abc'"),
      Case(
        name: "NaN in data", arguments: ["fit", nan] + model, status: 65,
        message: "\(nan):3:2: value 'nan' in column \"y\" is not finite"),
      Case(
        name: "formula error", arguments: ["fit", good, "--model", "a*expp(t) + b"], status: 65,
        message: "--model: formula error at column 3: unknown function 'expp'", lines: 3),
      Case(
        name: "formula without parameters", arguments: ["fit", good, "--model", "2*t"],
        status: 65, message: "the formula has no parameters", lines: 3),
      Case(
        name: "formula in x for a column t", arguments: ["fit", good, "--model", "a*x + b"],
        status: 65, message: "the formula uses 'x', but the input column is 't'"),
      Case(
        name: "unknown --param", arguments: ["fit", good, "--param", "c=3"] + model, status: 65,
        message: "--param 'c=3': unknown parameter 'c' (the model has: a, b)"),
      Case(
        name: "unknown --bounds", arguments: ["fit", good, "--bounds", "c=0:"] + model,
        status: 65, message: "--bounds 'c=0:': unknown parameter 'c'"),
      Case(
        name: "unknown --fix", arguments: ["fit", good, "--fix", "c"] + model, status: 65,
        message: "--fix 'c': unknown parameter 'c'"),
      Case(
        name: "malformed --param", arguments: ["fit", good, "--param", "a"] + model, status: 64,
        message: "--param 'a': expected NAME=VALUE"),
      Case(
        name: "non-number --param", arguments: ["fit", good, "--param", "a=1,b=x"] + model,
        status: 64, message: "--param 'b=x': 'x' is not a finite number"),
      Case(
        name: "empty bounds", arguments: ["fit", good, "--bounds", "b=5:1"] + model, status: 64,
        message: "--bounds 'b=5:1': lower bound 5 is not below upper bound 1"),
      Case(
        name: "malformed bounds", arguments: ["fit", good, "--bounds", "b=5"] + model,
        status: 64, message: "--bounds 'b=5': expected NAME=LOW:HIGH"),
      Case(
        name: "start outside bounds",
        arguments: ["fit", good, "--param", "b=-1", "--bounds", "b=0:"] + model, status: 64,
        message: "--param 'b=-1': start value -1 is below the lower bound of --bounds 'b=0:'"),
      Case(
        name: "σ = 0", arguments: ["fit", zeroSigma, "--sigma", "s"] + model, status: 65,
        message: "σ must be positive, but column \"s\" has 0 in data row 2"),
      Case(
        name: "too few points", arguments: ["fit", two, "--model", "a*t^2 + b*t + c"],
        status: 65, message: "2 data points cannot determine 3 free parameters"),
      Case(
        name: "unknown optimizer", arguments: ["fit", good, "--optimizer", "bogus"] + model,
        status: 64, message: "The value 'bogus' is invalid for '--optimizer <optimizer>'"),
      Case(
        name: "bad tolerance", arguments: ["fit", good, "--tolerance", "0"] + model, status: 64,
        message: "--tolerance '0': must be a number between 0 and 1"),
      Case(
        name: "missing --model", arguments: ["fit", good], status: 64,
        message: "Missing expected argument '--model"),
      Case(
        name: "unknown option", arguments: ["fit", good, "--frob"] + model, status: 64,
        message: "Unknown option '--frob'"),
      Case(
        name: "y equals x", arguments: ["fit", good, "--x", "t", "--y", "1"] + model, status: 65,
        message: "--y '1' selects column \"t\", which is also an --x input"),
    ]
    XCTAssertGreaterThanOrEqual(cases.count, 15)
    for c in cases {
      let run = try PhysFitRunner.run(c.arguments)
      XCTAssertEqual(run.status, c.status, "\(c.name): \(run.stderr)")
      XCTAssertEqual(run.stdout, "", "\(c.name): stdout must be empty on error")
      XCTAssertTrue(run.stderr.hasPrefix("error: "), "\(c.name): \(run.stderr)")
      XCTAssertTrue(run.stderr.contains(c.message), "\(c.name): \(run.stderr)")
      XCTAssertTrue(run.stderr.hasSuffix("\n"), c.name)
      let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      XCTAssertEqual(lines.count, c.lines, "\(c.name): \(run.stderr)")
    }
  }
}
