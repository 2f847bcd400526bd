import Foundation
import XCTest

/// `--checkpoint` of `physfit train` and `physfit toys`: a run interrupted by SIGINT
/// exits with 130 after saving its state, and rerunning the same command resumes it to
/// the very file an uninterrupted run with the same seed writes (the reference is that
/// uninterrupted run, computed independently in the same test).
///
/// No timing is asserted: the test waits (up to a generous limit, only against a hang)
/// for the first checkpoint to appear, then sends SIGINT.
final class CheckpointTests: XCTestCase {
  static let examples = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/data")

  /// Two moons, 400 points; a 2-16-16-1 classifier for 120 epochs of Adam: a few
  /// seconds in a debug build.
  static func train(_ extra: [String]) -> [String] {
    [
      "train", examples.appendingPathComponent("moons.csv").path, "--x", "x1,x2", "--y",
      "label", "--objective", "bce", "--network", "2-16-16-1", "--epochs", "120", "--seed", "3",
      "--json",
    ] + extra
  }

  /// A Gaussian peak on an exponential background, 300 Poisson toys.
  static func toys(_ extra: [String]) -> [String] {
    [
      "toys", examples.appendingPathComponent("histogram.csv").path, "--y", "counts",
      "--model", "A*exp(-(x-m)^2/(2*s^2)) + B*exp(-x/tau)", "--objective", "poisson",
      "--param", "A=20,m=4.8,s=0.8,B=50,tau=2.5", "--toys", "300", "--json",
    ] + extra
  }

  func testInterruptedTrainingResumesToTheUninterruptedNetwork() throws {
    let scratch = try Scratch()
    let reference = try PhysFitRunner.run(Self.train(["--save", scratch.path("reference.json")]))
    XCTAssertEqual(reference.status, 0, reference.stderr)

    let checkpoint = scratch.path("state.json")
    let resumed = scratch.path("resumed.json")
    let arguments = Self.train([
      "--save", resumed, "--checkpoint", checkpoint, "--checkpoint-every", "2",
    ])
    let stopped = try PhysFitRunner.interrupt(arguments, whenExists: checkpoint)
    XCTAssertEqual(stopped.status, 130, stopped.stderr)
    XCTAssertTrue(stopped.stderr.hasPrefix("physfit: interrupted after epoch "), stopped.stderr)
    XCTAssertTrue(
      stopped.stderr.contains("to \(checkpoint); rerun the same command to resume"),
      stopped.stderr)
    XCTAssertEqual(stopped.stderr.split(separator: "\n").count, 1, stopped.stderr)
    XCTAssertEqual(stopped.stdout, "")
    XCTAssertFalse(FileManager.default.fileExists(atPath: resumed), "no network before the end")
    let saved = try Self.object(checkpoint)
    XCTAssertEqual(saved["format"] as? String, "physfit-train-checkpoint")
    let epoch = try XCTUnwrap((saved["state"] as? [String: Any])?["iteration"] as? Int)
    XCTAssertTrue((2..<120).contains(epoch), "stopped at epoch \(epoch)")

    // Other settings or a damaged file: refused with the option named, the state kept.
    let copy = scratch.path("copy.json")
    try FileManager.default.copyItem(atPath: checkpoint, toPath: copy)
    let otherSeed = try PhysFitRunner.run(
      Self.train(["--checkpoint", copy]).map { $0 == "3" ? "4" : $0 })
    XCTAssertEqual(otherSeed.status, 64)
    XCTAssertEqual(
      otherSeed.stderr,
      "error: --checkpoint \(copy): saved by a run with other settings (seed: 3 in the "
        + "checkpoint, 4 now); rerun with the same options and data, or remove the file\n")
    try Data("{\"format\": \"physfit-train-checkpoint\", \"version\": 1}".utf8)
      .write(to: URL(fileURLWithPath: copy))
    let damaged = try PhysFitRunner.run(Self.train(["--checkpoint", copy]))
    XCTAssertEqual(damaged.status, 65)
    XCTAssertEqual(
      damaged.stderr, "error: --checkpoint \(copy): corrupt checkpoint (missing field 'settings')\n"
    )

    let finished = try PhysFitRunner.run(arguments)
    XCTAssertEqual(finished.status, 0, finished.stderr)
    XCTAssertEqual(try finished.json()["epochs"] as? Int, 120)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: resumed)),
      try Data(contentsOf: URL(fileURLWithPath: scratch.path("reference.json"))),
      "the resumed network is the uninterrupted one, weight for weight")
    XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint), "removed after the run")
  }

  func testInterruptedToyStudyResumesToTheUninterruptedFile() throws {
    let scratch = try Scratch()
    let reference = try PhysFitRunner.run(
      Self.toys(["--seed", "5", "--output", scratch.path("reference.json")]))
    XCTAssertEqual(reference.status, 0, reference.stderr)

    let checkpoint = scratch.path("done.json")
    let output = scratch.path("toys.json")
    let arguments = Self.toys([
      "--seed", "5", "--output", output, "--checkpoint", checkpoint, "--checkpoint-every", "5",
      "--threads", "1",
    ])
    let stopped = try PhysFitRunner.interrupt(arguments, whenExists: checkpoint)
    XCTAssertEqual(stopped.status, 130, stopped.stderr)
    XCTAssertTrue(stopped.stderr.hasPrefix("physfit: interrupted: saved "), stopped.stderr)
    XCTAssertTrue(
      stopped.stderr.hasSuffix(
        " of the shard's 300 toys to \(checkpoint); rerun the same command to resume\n"),
      stopped.stderr)
    XCTAssertEqual(stopped.stdout, "")
    XCTAssertFalse(FileManager.default.fileExists(atPath: output), "no result before the end")
    let saved = try Self.object(checkpoint)
    XCTAssertEqual(saved["format"] as? String, "physfit-toys")
    let done = try XCTUnwrap(saved["records"] as? [Any]).count
    XCTAssertTrue((5..<300).contains(done), "\(done) toys saved")
    XCTAssertTrue(stopped.stderr.contains("saved \(done) of"), stopped.stderr)

    let otherSeed = try PhysFitRunner.run(
      Self.toys(["--seed", "6", "--output", output, "--checkpoint", checkpoint]))
    XCTAssertEqual(otherSeed.status, 64)
    XCTAssertTrue(
      otherSeed.stderr.hasPrefix(
        "error: --checkpoint \(checkpoint): saved by another study (seed: 5 vs 6)"),
      otherSeed.stderr)

    let finished = try PhysFitRunner.run(arguments)
    XCTAssertEqual(finished.status, 0, finished.stderr)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: output)),
      try Data(contentsOf: URL(fileURLWithPath: scratch.path("reference.json"))),
      "the resumed study's file is the uninterrupted one, byte for byte")
    XCTAssertEqual(finished.stdout, reference.stdout)
    XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint), "removed after the run")
  }

  static func object(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }
}

extension PhysFitRunner {
  /// Starts `physfit arguments`, waits until `file` exists (checking every 10 ms, for
  /// at most 10 minutes, a guard against a hang only), sends SIGINT and collects the
  /// outcome.
  static func interrupt(_ arguments: [String], whenExists file: String) throws -> Output {
    try run(arguments) { process in
      var polls = 0
      while !FileManager.default.fileExists(atPath: file), process.isRunning, polls < 60_000 {
        usleep(10_000)
        polls += 1
      }
      if process.isRunning { kill(process.processIdentifier, SIGINT) }
    }
  }
}
