import Foundation
import XCTest

/// A table of hand-made bad inputs — hostile data files, formulas, option values and
/// output paths — each run through the `physfit` binary. Every case must end with its
/// exit code and its message as the first line of stderr (`error: …`; formula errors
/// add the formula and a caret line), nothing on stdout, and no file left behind: the
/// scratch directory holds exactly the inputs afterwards (no output file, no partial or
/// temporary one). Cases already in ``BadInputTests`` and ``BadCombinationTests`` are
/// not repeated here.
final class BadInputTableTests: XCTestCase {
  struct Case {
    var name: String
    var arguments: [String]
    var status: Int32
    /// The first line of stderr after `error: `, whole (`exact`) or a prefix of it.
    var message: String
    var exact = true
    /// Lines on stderr (3 for formula errors).
    var lines = 1
  }

  /// Data files, keyed by name; the byte content of each.
  private static func dataFiles() -> [String: Data] {
    func text(_ s: String) -> Data { Data(s.utf8) }
    let wideHeader = (0...100_000).map { "c\($0)" }.joined(separator: ",") + "\n"
    var longLine = text("t,y\n1,2\n3,")
    longLine.append(Data(repeating: UInt8(ascii: "1"), count: 1 << 24))
    longLine.append(text("\n"))
    var blobs = "x,y\n"
    for i in 0..<40 {
      let c = i % 2 == 0 ? 5.0 : 0.0
      blobs += "\(c + Double(i % 7) * 0.1),\(c - Double(i % 5) * 0.1)\n"
    }
    return [
      "good.csv": text("t,y\n1,2\n2,3\n3,5\n4,4\n5,6\n"),
      "blobs.csv": text(blobs),
      "nul.csv": text("x,y\n1,2\n3") + Data([0x00]) + text("4\n"),
      "latin1.csv": text("x,y\n1,2\n3,") + Data([0xE9]) + text("4\n"),
      "image.png": Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00]),
      "quote.csv": text("t,\"y\n1,2\n"),
      "dup.csv": text("t,y,t\n1,2,3\n"),
      "emptyname.csv": text("t,,y\n1,2,3\n"),
      "headeronly.csv": text("t,y\n"),
      "comments.csv": text("# run 1\n# run 2\n"),
      "overflow.csv": text("t,y\n1,1e999\n"),
      "emptyvalue.csv": text("t,y\n1,\n2,3\n"),
      "word.dat": text("t y\n1 2\n3 four\n"),
      "plain.csv": text("t,y\n1,2\n2,3\n"),
      "wide.csv": text(wideHeader),
      "longline.csv": longLine,
      "notjson.json": text("t,y\n1,2\n"),
      "samex.csv": text("x\n1.5\n1.5\n1.5\n"),
    ]
  }

  func testBadInputTable() throws {
    let scratch = try Scratch()
    for (name, data) in Self.dataFiles() {
      try data.write(to: scratch.url.appendingPathComponent(name))
    }
    // A valid network for the predict cases, trained here.
    let network = scratch.path("net.json")
    let trained = try PhysFitRunner.run([
      "train", scratch.path("good.csv"), "--network", "1-3-1", "--x", "t", "--y", "y",
      "--max-iterations", "20", "--save", network,
    ])
    XCTAssertEqual(trained.status, 0, trained.stderr)

    func path(_ name: String) -> String { scratch.path(name) }
    let good = path("good.csv")
    let line = ["--model", "a*t + b"]
    let missingDirectory = path("no-such-directory")
    let nested =
      "(" + String(repeating: "(", count: 49_999) + "t"
      + String(repeating: ")", count: 50_000) + "*a"
    let unary = "--model=" + String(repeating: "-", count: 100_000) + "a*t"
    let tooLarge =
      String(repeating: "sin(", count: 180)
      + Self.balancedSum((0..<1000).map { "a\($0)*t^\($0)" })
      + String(repeating: ")", count: 180)
    let deep = "formula error at column 201: formula is nested too deeply (more than 200 levels)"

    let cases: [Case] = [
      // Zero-width data: the default normalisation range of a density is the data's.
      Case(
        name: "unbinned fit of equal values",
        arguments: [
          "fit", path("samex.csv"), "--objective", "unbinned-nll", "--model", "exp(-x/tau)",
        ],
        status: 65,
        message: "\(path("samex.csv")): every value of the --x column \"x\" is 1.5, so the "
          + "data's range is empty; give the density's range with --range LOW:HIGH"),
      // Data files.
      Case(
        name: "NUL byte", arguments: ["fit", path("nul.csv")] + line, status: 65,
        message: "\(path("nul.csv")): not a text file"),
      Case(
        name: "invalid UTF-8", arguments: ["fit", path("latin1.csv")] + line, status: 65,
        message: "\(path("latin1.csv")): not a text file"),
      Case(
        name: "binary image", arguments: ["fit", path("image.png"), "--x", "1"] + line,
        status: 65, message: "\(path("image.png")): not a text file"),
      Case(
        name: "directory", arguments: ["fit", scratch.url.path] + line, status: 65,
        message: "cannot read '\(scratch.url.path)': is a directory"),
      Case(
        name: "unterminated quote", arguments: ["fit", path("quote.csv")] + line, status: 65,
        message: "\(path("quote.csv")):1:2: unterminated quote in column name"),
      Case(
        name: "duplicate column", arguments: ["fit", path("dup.csv")] + line, status: 65,
        message: "\(path("dup.csv")):1: duplicate column name 't' (columns 1 and 3)"),
      Case(
        name: "empty column name", arguments: ["fit", path("emptyname.csv")] + line,
        status: 65, message: "\(path("emptyname.csv")):1:2: empty column name"),
      Case(
        name: "header only", arguments: ["fit", path("headeronly.csv")] + line, status: 65,
        message: "\(path("headeronly.csv")): no data rows"),
      Case(
        name: "only comments", arguments: ["fit", path("comments.csv")] + line, status: 65,
        message: "\(path("comments.csv")): no header row (only blank and comment lines)"),
      Case(
        name: "overflow", arguments: ["fit", path("overflow.csv")] + line, status: 65,
        message: "\(path("overflow.csv")):2:2: value '1e999' in column \"y\" is not finite"),
      Case(
        name: "empty value", arguments: ["fit", path("emptyvalue.csv")] + line, status: 65,
        message: "\(path("emptyvalue.csv")):2:2: empty value in column \"y\""),
      Case(
        name: "word in a whitespace file", arguments: ["fit", path("word.dat")] + line,
        status: 65,
        message: "\(path("word.dat")):3:2: expected a number in column \"y\", found 'four'"),
      Case(
        name: "CSV read as NIST",
        arguments: ["fit", path("plain.csv"), "--format", "nist"] + line, status: 65,
        message: "\(path("plain.csv")): NIST StRD header: no 'Data (lines A to B)' line in "
          + "the header"),
      Case(
        name: "too many columns", arguments: ["fit", path("wide.csv")] + line, status: 65,
        message: "\(path("wide.csv")):1: more than 100000 columns, the most a data table may "
          + "have"),
      Case(
        name: "line longer than 16 MiB", arguments: ["fit", path("longline.csv")] + line,
        status: 65,
        message: "\(path("longline.csv")):3: line is longer than 16777216 bytes (16 MiB), the "
          + "most a data file's line may have"),
      Case(
        name: "cluster on a binary file",
        arguments: ["cluster", path("nul.csv"), "--components", "2"], status: 65,
        message: "\(path("nul.csv")): not a text file"),
      Case(
        name: "train on a binary file",
        arguments: ["train", path("nul.csv"), "--network", "1-4-1"], status: 65,
        message: "\(path("nul.csv")): not a text file"),
      Case(
        name: "network file that is not JSON",
        arguments: ["predict", path("notjson.json"), good], status: 65,
        message: "\(path("notjson.json")): not a JSON file"),
      Case(
        name: "missing network file", arguments: ["predict", path("none.json"), good],
        status: 65, message: "\(path("none.json")): cannot read the file: no such file"),
      Case(
        name: "network and data disagree",
        arguments: ["predict", network, good, "--x", "t,y"], status: 65,
        message: "--x 't,y' selects 2 column(s) but the network in \(network) reads 1 (t)"),

      // Formulas.
      Case(
        name: "nesting 50 000 deep", arguments: ["fit", good, "--model", nested], status: 65,
        message: "--model: " + deep, lines: 3),
      Case(
        name: "100 000 unary minus signs", arguments: ["fit", good, unary], status: 65,
        message: "--model: " + deep, lines: 3),
      Case(
        name: "derivatives too large", arguments: ["fit", good, "--model", tooLarge],
        status: 65,
        message: "--model: formula error at column 1: the formula is too large: with its "
          + "derivatives by its 1000 parameters it needs more than 100000 operations",
        exact: false, lines: 3),
      Case(
        name: "implicit product", arguments: ["fit", good, "--model", "2t + b"], status: 65,
        message: "--model: formula error at column 2: unexpected 't' after '2' (products "
          + "need an explicit '*')", lines: 3),
      Case(
        name: "unclosed parenthesis", arguments: ["fit", good, "--model", "a*(t + b"],
        status: 65,
        message: "--model: formula error at column 3: unbalanced parentheses: '(' is never "
          + "closed", lines: 3),
      Case(
        name: "two decimal points", arguments: ["fit", good, "--model", "a*t + 1.2.3"],
        status: 65,
        message: "--model: formula error at column 7: malformed number '1.2.…': more than "
          + "one decimal point", lines: 3),
      Case(
        name: "unknown character", arguments: ["fit", good, "--model", "a*t @ b"],
        status: 65, message: "--model: formula error at column 5: unexpected character '@'",
        lines: 3),
      Case(
        name: "function arity", arguments: ["fit", good, "--model", "a*sin(t, 2)"],
        status: 65,
        message: "--model: formula error at column 3: function 'sin' takes 1 argument, got 2",
        lines: 3),
      Case(
        name: "built-in arity", arguments: ["fit", good, "--model", "gaussian(t, A)"],
        status: 65,
        message: "--model: formula error at column 1: built-in model 'gaussian' takes 1 "
          + "argument (the input) or 4 (input, A, mu, sigma), got 2", lines: 3),
      Case(
        name: "function without call", arguments: ["fit", good, "--model", "a*exp"],
        status: 65,
        message: "--model: formula error at column 3: 'exp' is a function: write exp(…)",
        lines: 3),
      Case(
        name: "formula ends after a line break",
        arguments: ["fit", good, "--model", "a*t +\n b +"], status: 65,
        message: "--model: formula error at column 11: expected a number, name or '(' after "
          + "'+', but the formula ends", lines: 3),
      Case(
        name: "empty formula", arguments: ["fit", good, "--model", ""], status: 64,
        message: "--model '': empty formula"),
      Case(
        name: "start value given twice",
        arguments: ["fit", good, "--param", "a=1,a=2"] + line, status: 64,
        message: "--param 'a=2': 'a' is given a start value twice"),
      Case(
        name: "bounds given twice",
        arguments: ["fit", good, "--bounds", "a=0:5,a=1:2"] + line, status: 64,
        message: "--bounds 'a=1:2': 'a' is given bounds twice"),
      Case(
        name: "every parameter fixed", arguments: ["fit", good, "--fix", "a,b"] + line,
        status: 65, message: "every parameter is fixed (a, b): there is nothing to fit"),

      // Options.
      Case(
        name: "empty name in --x", arguments: ["fit", good, "--x", "t,"] + line, status: 64,
        message: "--x 't,': empty column name in the list"),
      Case(
        name: "--x twice", arguments: ["fit", good, "--x", "t,t"] + line, status: 64,
        message: "--x 't,t': column 't' is listed twice"),
      Case(
        name: "blank --y", arguments: ["fit", good, "--y", " "] + line, status: 64,
        message: "--y ' ': empty column name"),
      Case(
        name: "unknown --format", arguments: ["fit", good, "--format", "excel"] + line,
        status: 64,
        message: "The value 'excel' is invalid for '--format <format>'. Please provide one of "
          + "'auto', 'csv', 'whitespace' or 'nist'."),
      Case(
        name: "unknown --objective", arguments: ["fit", good, "--objective", "l2"] + line,
        status: 64, message: "The value 'l2' is invalid for '--objective <objective>'",
        exact: false),
      Case(
        name: "negative --max-iterations",
        arguments: ["fit", good, "--max-iterations=-1"] + line, status: 64,
        message: "--max-iterations '-1': must be at least 1"),
      Case(
        name: "non-number --learning-rate",
        arguments: ["fit", good, "--optimizer", "sgd", "--learning-rate", "abc"] + line,
        status: 64, message: "The value 'abc' is invalid for '--learning-rate <x>'"),
      Case(
        name: "--sigma is --y", arguments: ["fit", good, "--sigma", "y"] + line, status: 65,
        message: "--sigma 'y' selects column \"y\", which is already used as --y"),
      Case(
        name: "zero components", arguments: ["cluster", good, "--components", "0"],
        status: 64, message: "--components '0': must be at least 1"),
      Case(
        name: "unknown cluster method",
        arguments: ["cluster", good, "--components", "2", "--method", "dbscan"], status: 64,
        message: "The value 'dbscan' is invalid for '--method <method>'. Please provide one "
          + "of 'gmm' and 'kmeans'."),
      Case(
        name: "more clusters than points", arguments: ["cluster", good, "--components", "9"],
        status: 64,
        message: "--components '9': \(good) has only 5 points (at least one per cluster is "
          + "needed)"),
      Case(
        name: "malformed --network",
        arguments: ["train", good, "--network", "1-x-1", "--x", "t", "--y", "y"], status: 64,
        message: "--network '1-x-1': width 2 'x' is not a whole number (expected widths "
          + "joined by '-', e.g. 2-64-64-1)"),
      Case(
        name: "network input width",
        arguments: ["train", good, "--network", "2-4-1", "--x", "t", "--y", "y"], status: 64,
        message: "--network '2-4-1': the input width 2 must equal the number of --x columns "
          + "(1)"),

      // Output files: nothing half-written, nothing on stdout.
      Case(
        name: "figure into a missing directory",
        arguments: ["fit", good, "--plot", missingDirectory + "/fit.svg"] + line, status: 73,
        message: "cannot write '\(missingDirectory)/fit.svg': No such file or directory"),
      Case(
        name: "figure onto a directory",
        arguments: ["fit", good, "--plot", scratch.url.path] + line, status: 73,
        message: "cannot write '\(scratch.url.path)': Is a directory"),
      Case(
        name: "figure of a fit whose data are bad",
        arguments: ["fit", path("nul.csv"), "--plot", path("fit.svg")] + line, status: 65,
        message: "\(path("nul.csv")): not a text file"),
      Case(
        name: "network into a missing directory",
        arguments: [
          "train", good, "--network", "1-3-1", "--x", "t", "--y", "y", "--max-iterations", "5",
          "--save", missingDirectory + "/net.json",
        ], status: 73,
        message: "cannot write '\(missingDirectory)/net.json': No such file or directory"),
      Case(
        name: "network not saved after bad input",
        arguments: [
          "train", path("nul.csv"), "--network", "1-3-1", "--save", path("net2.json"),
        ], status: 65, message: "\(path("nul.csv")): not a text file"),
      Case(
        name: "assignments into a missing directory",
        arguments: [
          "cluster", path("blobs.csv"), "--components", "2", "--assignments",
          missingDirectory + "/labels.csv",
        ], status: 73,
        message: "cannot write '\(missingDirectory)/labels.csv': No such file or directory"),
      Case(
        name: "predictions into a missing directory",
        arguments: ["predict", network, good, "--x", "t", "--output", missingDirectory + "/p.csv"],
        status: 73, message: "cannot write '\(missingDirectory)/p.csv': No such file or directory"
      ),
    ]
    XCTAssertGreaterThanOrEqual(cases.count, 40)
    let inputs = try Set(FileManager.default.contentsOfDirectory(atPath: scratch.url.path))
    for c in cases {
      let run = try PhysFitRunner.run(c.arguments)
      XCTAssertEqual(run.status, c.status, "\(c.name): \(run.stderr.prefix(300))")
      XCTAssertEqual(run.stdout, "", "\(c.name): stdout must be empty on error")
      let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      XCTAssertEqual(lines.count, c.lines, "\(c.name): \(run.stderr.prefix(300))")
      let first = String(lines.first ?? "")
      if c.exact {
        XCTAssertEqual(first, "error: " + c.message, c.name)
      } else {
        XCTAssertTrue(first.hasPrefix("error: " + c.message), "\(c.name): \(first)")
      }
      let after = try Set(FileManager.default.contentsOfDirectory(atPath: scratch.url.path))
      XCTAssertEqual(after, inputs, "\(c.name): files left behind")
    }
  }

  /// `((t0+t1)+(t2+t3))…`: a sum of many terms with a shallow tree.
  private static func balancedSum(_ terms: [String]) -> String {
    if terms.count == 1 { return terms[0] }
    let middle = terms.count / 2
    return "(" + balancedSum(Array(terms[..<middle])) + "+"
      + balancedSum(Array(terms[middle...])) + ")"
  }
}
