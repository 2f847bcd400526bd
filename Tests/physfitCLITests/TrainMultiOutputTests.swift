import Foundation
import PhysFit
import XCTest

/// `physfit train --y a,b`: multi-output regression with mse and chi2, per-output losses
/// checked against the predictions that `physfit predict` writes for every output, and
/// the usage errors of mismatched widths and columns.
final class TrainMultiOutputTests: XCTestCase {
  /// x on [−2, 2]; a = sin x, b = x²/2 − 1 (another scale), σ columns sa, sb.
  static var data: String {
    "x,a,b,sa,sb\n"
      + (0..<60).map { k -> String in
        let x = -2 + 4 * Double(k) / 59
        return "\(x),\(sin(x)),\(x * x / 2 - 1),\(0.1 + 0.01 * Double(k % 5)),0.2"
      }.joined(separator: "\n") + "\n"
  }

  /// The CSV rows `physfit predict` printed, as numbers.
  static func rows(_ csv: String) -> (header: [String], values: [[Double]]) {
    let lines = csv.split(separator: "\n")
    return (
      lines[0].split(separator: ",").map(String.init),
      lines.dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    )
  }

  func testMeanSquaredErrorOfTwoOutputs() throws {
    let scratch = try Scratch()
    let file = try scratch.write("two.csv", Self.data)
    let model = scratch.path("two.json")
    let run = try PhysFitRunner.run([
      "train", file, "--x", "x", "--y", "a,b", "--network", "1-10-2", "--learning-rate",
      "0.02", "--batch-size", "10", "--epochs", "300", "--seed", "2", "--save", model, "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    XCTAssertEqual(json["outputs"] as? [String], ["a", "b"])
    XCTAssertEqual(json["y"] as? String, "a,b")
    let total = try XCTUnwrap(json["trainingLoss"] as? Double)
    let perOutput = try XCTUnwrap(json["trainingLossPerOutput"] as? [Double])
    XCTAssertEqual(perOutput.count, 2)
    XCTAssertLessThan(total, 5e-3)  // both targets have a variance near 0.4–0.5 here

    // predict writes both outputs; their MSEs are the reported per-output losses, and the
    // loss is their mean (the MSE over all 2n values).
    let predicted = try PhysFitRunner.run(["predict", model, file])
    XCTAssertEqual(predicted.status, 0, predicted.stderr)
    let (header, rows) = Self.rows(predicted.stdout)
    XCTAssertEqual(header, ["x", "a", "b"])
    XCTAssertEqual(rows.count, 60)
    var mse = [0.0, 0.0]
    for row in rows {
      let x = row[0]
      mse[0] += (row[1] - sin(x)) * (row[1] - sin(x)) / 60
      mse[1] += (row[2] - (x * x / 2 - 1)) * (row[2] - (x * x / 2 - 1)) / 60
    }
    for o in 0..<2 { XCTAssertEqual(perOutput[o], mse[o], accuracy: 1e-9 * mse[o]) }
    XCTAssertEqual(total, (mse[0] + mse[1]) / 2, accuracy: 1e-9 * total)
  }

  func testChiSquareWithSigmaColumnsAndTextReport() throws {
    let scratch = try Scratch()
    let file = try scratch.write("two.csv", Self.data)
    let model = scratch.path("two.json")
    let arguments = [
      "train", file, "--x", "x", "--y", "a,b", "--sigma", "sa,sb", "--objective", "chi2",
      "--network", "1-6-2", "--optimizer", "lm", "--max-iterations", "300", "--seed", "1",
      "--save", model,
    ]
    let run = try PhysFitRunner.run(arguments + ["--json"])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    let total = try XCTUnwrap(json["trainingLoss"] as? Double)
    let perOutput = try XCTUnwrap(json["trainingLossPerOutput"] as? [Double])
    let predicted = try PhysFitRunner.run(["predict", model, file])
    XCTAssertEqual(predicted.status, 0, predicted.stderr)
    let (_, rows) = Self.rows(predicted.stdout)
    let (_, data) = Self.rows(Self.data)
    var chi2 = [0.0, 0.0]
    for (row, d) in zip(rows, data) {
      chi2[0] += (row[1] - d[1]) * (row[1] - d[1]) / (d[3] * d[3]) / 60
      chi2[1] += (row[2] - d[2]) * (row[2] - d[2]) / (d[4] * d[4]) / 60
    }
    for o in 0..<2 { XCTAssertEqual(perOutput[o], chi2[o], accuracy: 1e-9 * chi2[o]) }
    XCTAssertEqual(total, chi2[0] + chi2[1], accuracy: 1e-9 * total)  // χ²/n summed
    XCTAssertLessThan(total, 0.05)

    let text = try PhysFitRunner.run(arguments)
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.contains("y = (a, b), σ = sa"), text.stdout)
    XCTAssertTrue(text.stdout.contains("summed over the 2 outputs"), text.stdout)
    let line = try XCTUnwrap(
      text.stdout.split(separator: "\n").first { $0.hasPrefix("train loss") })
    XCTAssertTrue(line.contains("(a ") && line.contains(", b "), String(line))
  }

  func testUsageErrors() throws {
    let scratch = try Scratch()
    let file = try scratch.write("two.csv", Self.data)
    let cases: [([String], Int32, String)] = [
      (
        ["--y", "a,b", "--network", "1-4-1"], 64,
        "error: --network '1-4-1': --objective mse needs one output per --y column (2), not 1"
      ),
      (
        ["--y", "a,b", "--network", "1-4-2", "--objective", "chi2", "--sigma", "sa"], 64,
        "error: --sigma 'sa': give one σ column per --y column (2), not 1"
      ),
      (
        ["--y", "a,b", "--network", "1-4-1", "--objective", "bce"], 64,
        "error: --y 'a,b': --objective bce reads one label column, not 2 (several --y columns "
          + "are for mse and chi2 regression)"
      ),
      (
        ["--y", "a,a", "--network", "1-4-2"], 64,
        "error: --y 'a,a': column 'a' is listed twice"
      ),
      (
        ["--y", "a,", "--network", "1-4-2"], 64,
        "error: --y 'a,': empty column name in the list"
      ),
      (
        ["--y", "a,x", "--network", "1-4-2"], 65,
        "error: --y 'a,x' selects column \"x\", which is already used as an --x input"
      ),
      (
        ["--y", "a,nope", "--network", "1-4-2"], 65,
        "error: --y: no column 'nope'"
      ),
    ]
    let save = scratch.path("never.json")
    for (extra, status, message) in cases {
      let run = try PhysFitRunner.run(
        ["train", file, "--x", "x", "--epochs", "1", "--save", save] + extra)
      XCTAssertEqual(run.status, status, "\(extra): \(run.stderr)")
      XCTAssertTrue(run.stderr.hasPrefix(message), "\(extra): \(run.stderr)")
      XCTAssertEqual(run.stdout, "")
      XCTAssertFalse(FileManager.default.fileExists(atPath: save))
    }
  }
}
