import Foundation
import XCTest

/// `physfit toys` and `physfit merge`: a study split into shards and merged prints and
/// writes exactly what the single run does; bad merges name the files.
final class ToysCommandTests: XCTestCase {
  static let histogram = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/data/histogram.csv").path

  let study = [
    "toys", ToysCommandTests.histogram, "--y", "counts", "--model",
    "A*exp(-(x-m)^2/(2*s^2)) + B*exp(-x/tau)", "--objective", "poisson", "--param",
    "A=20,m=4.8,s=0.8,B=50,tau=2.5", "--toys", "24", "--seed", "5",
  ]

  func testFourShardsMergeToTheSingleRun() throws {
    let scratch = try Scratch()
    let single = try PhysFitRunner.run(study + ["--output", scratch.path("all.json")])
    XCTAssertEqual(single.status, 0, single.stderr)
    var files: [String] = []
    for i in [3, 1, 0, 2] {
      let file = scratch.path("shard\(i).json")
      let run = try PhysFitRunner.run(
        study + ["--shard", "\(i)/4", "--threads", "1", "--output", file])
      XCTAssertEqual(run.status, 0, run.stderr)
      XCTAssertTrue(run.stdout.contains("shard \(i)/4, toys \(i * 6)..<\(i * 6 + 6)"), run.stdout)
      files.append(file)
    }
    let merged = try PhysFitRunner.run(
      ["merge"] + files + ["--output", scratch.path("merged.json")])
    XCTAssertEqual(merged.status, 0, merged.stderr)
    XCTAssertEqual(merged.stdout, single.stdout)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: scratch.path("merged.json"))),
      try Data(contentsOf: URL(fileURLWithPath: scratch.path("all.json"))))
    let json = try PhysFitRunner.run(["merge"] + files + ["--json"])
    let report = try XCTUnwrap(try json.json()["report"] as? [String: Any])
    XCTAssertEqual(report["toys"] as? Int, 24)
    XCTAssertEqual((report["parameters"] as? [Any])?.count, 5)
  }

  func testBadMergesNameTheFiles() throws {
    let scratch = try Scratch()
    var files: [String] = []
    for i in 0..<3 {
      let file = scratch.path("s\(i).json")
      let run = try PhysFitRunner.run(
        study + ["--toys", "6", "--shard", "\(i)/3", "--output", file])
      XCTAssertEqual(run.status, 0, run.stderr)
      files.append(file)
    }
    let other = scratch.path("other.json")
    _ = try PhysFitRunner.run(
      study + ["--toys", "6", "--seed", "6", "--shard", "1/3", "--output", other])
    let cases: [([String], String)] = [
      ([files[0], files[2]], "toys 2..<4 are missing: no file holds them"),
      ([files[0], files[1], files[1], files[2]], "s1.json both hold toys 2..<4"),
      (
        [files[0], other, files[2]],
        "other.json and \(files[0]) are different studies (seed: 6 vs 5)"
      ),
      ([scratch.path("none.json")], "none.json: cannot read the file"),
    ]
    for (arguments, message) in cases {
      let run = try PhysFitRunner.run(["merge"] + arguments)
      XCTAssertEqual(run.status, 65, run.stderr)
      XCTAssertTrue(run.stderr.contains(message), "\(run.stderr) lacks \(message)")
      XCTAssertEqual(run.stdout, "")
    }
  }

  func testBadToyOptionsAreOneLineErrors() throws {
    let scratch = try Scratch()
    let line = try scratch.write("line.csv", "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n")
    let base = [
      "toys", line, "--model", "a + b*x", "--toys", "3", "--output", scratch.path("t.json"),
    ]
    let cases: [([String], Int32, String)] = [
      (["--seed", "1"], 65, "a χ² without --sigma has no scatter"),
      ([], 64, "--seed is required"),
      (["--seed", "1", "--shard", "4/4"], 64, "--shard 4/4: need 0 ≤ i < M"),
      (["--seed", "1", "--objective", "huber"], 65, "this objective cannot draw pseudo-data"),
    ]
    for (options, status, message) in cases {
      let run = try PhysFitRunner.run(base + options)
      XCTAssertEqual(run.status, status, "\(options): \(run.stderr)")
      XCTAssertTrue(run.stderr.contains(message), "\(options): \(run.stderr)")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("t.json")))
    // An unwritable result file: exit 73, nothing left behind.
    let run = try PhysFitRunner.run(
      Array(study.prefix(study.count - 4)) + [
        "--toys", "2", "--seed", "1", "--output", scratch.path("no/such/dir/t.json"),
      ])
    XCTAssertEqual(run.status, 73, run.stderr)
    XCTAssertTrue(run.stderr.contains("cannot write"), run.stderr)
  }
}
