import Foundation
import XCTest

/// Bad objective/optimizer pairings and bad optimizer settings: each ends with exactly
/// one line `error: <message>` (compared whole), its exit code, and nothing on stdout.
final class BadCombinationTests: XCTestCase {
  struct Case {
    var arguments: [String]
    var status: Int32
    var message: String
  }

  func testBadCombinationsAndSettings() throws {
    let scratch = try Scratch()
    let line = try scratch.write("line.csv", "x,y,s\n1,2.1,0.1\n2,3.9,0.1\n3,6.2,0.1\n4,7.8,0.1\n")
    let counts = try scratch.write("counts.csv", "x,n\n1,4\n2,-2\n3,7\n")
    let labels = try scratch.write("labels.csv", "x,label\n1,0\n2,1\n3,2\n4,1\n")
    let fit = ["fit", line, "--model", "a + b*x"]
    let lsList = "chi2, poisson, mse, soft-l1, huber"
    let gd = "sgd, momentum, nesterov, adam, adamw"

    let cases: [Case] = [
      Case(
        arguments: fit + ["--objective", "bce", "--optimizer", "lm"], status: 64,
        message: "--optimizer lm needs a least-squares objective (\(lsList)); --objective bce "
          + "has no residual form"),
      Case(
        arguments: fit + ["--objective", "unbinned-nll", "--x", "x", "--optimizer", "dogleg"],
        status: 64,
        message: "--optimizer dogleg needs a least-squares objective (\(lsList)); --objective "
          + "unbinned-nll has no residual form"),
      Case(
        arguments: fit + [
          "--objective", "gaussian-nll", "--optimizer", "annealing", "--then", "least-squares",
        ],
        status: 64,
        message: "--then least-squares needs a least-squares objective (\(lsList)); --objective "
          + "gaussian-nll has no residual form"),
      Case(
        arguments: fit + ["--optimizer", "lm", "--then", "bfgs"], status: 64,
        message: "--optimizer lm cannot start a pipeline: a least-squares optimizer can only be "
          + "the --then stage (e.g. --optimizer annealing --then lm)"),
      Case(
        arguments: fit + ["--optimizer", "bfgs", "--learning-rate", "0.1"], status: 64,
        message: "--learning-rate is not a setting of bfgs (it applies to \(gd))"),
      Case(
        arguments: fit + ["--optimizer", "annealing", "--then", "bfgs", "--batch-size", "4"],
        status: 64,
        message: "--batch-size is not a setting of annealing+bfgs (it applies to \(gd))"),
      Case(
        arguments: fit + ["--optimizer", "nelder-mead", "--seed", "3"], status: 64,
        message:
          "--seed is not a setting of nelder-mead (it applies to \(gd), annealing, basin-hopping)"),
      Case(
        arguments: fit + ["--optimizer", "adam", "--temperature", "2"], status: 64,
        message: "--temperature is not a setting of adam (it applies to annealing, basin-hopping)"),
      Case(
        arguments: fit + ["--optimizer", "bfgs", "--solver", "svd"], status: 64,
        message: "--solver is not a setting of bfgs (it applies to least-squares, lm, lmaccel, "
          + "dogleg, ddogleg, subspace2d)"),
      Case(
        arguments: fit + ["--optimizer", "sgd", "--learning-rate=-0.5"], status: 64,
        message: "--learning-rate '-0.5': must be a positive number"),
      Case(
        arguments: fit + ["--optimizer", "adam", "--batch-size", "0"], status: 64,
        message: "--batch-size '0': must be at least 1"),
      Case(
        arguments: fit + ["--optimizer", "adam", "--validation", "1"], status: 64,
        message: "--validation '1': must be a fraction in [0, 1)"),
      Case(
        arguments: fit + ["--optimizer", "adam", "--schedule", "exponential"], status: 64,
        message: "--schedule 'exponential': expected exponential:RATE"),
      Case(
        arguments: fit + ["--optimizer", "adam", "--schedule", "step:2:10"], status: 64,
        message: "--schedule 'step:2:10': FACTOR must be in (0, 1]"),
      Case(
        arguments: fit + ["--optimizer", "adam", "--schedule", "warmup:5"], status: 64,
        message: "--schedule 'warmup:5': unknown schedule 'warmup' (expected constant, "
          + "exponential:RATE, step:FACTOR:EVERY, cosine:STEPS or plateau:FACTOR:PATIENCE)"),
      Case(
        arguments: fit + ["--optimizer", "adam", "--epochs", "10"], status: 64,
        message: "--epochs counts epochs of mini-batch training: give --batch-size (or "
          + "--validation), or limit full-batch steps with --max-iterations"),
      Case(
        arguments: fit + ["--optimizer", "annealing", "--temperature", "0"], status: 64,
        message: "--temperature '0': must be a positive number"),
      Case(
        arguments: fit + ["--objective", "poisson", "--sigma", "s"], status: 64,
        message: "--sigma 's': --objective poisson takes no --sigma: the Poisson variance is "
          + "the prediction itself"),
      Case(
        arguments: fit + ["--objective", "unbinned-nll", "--x", "x", "--y", "y"], status: 64,
        message: "--y 'y': --objective unbinned-nll reads no --y: the model is a density in the "
          + "--x observable"),
      Case(
        arguments: fit + ["--objective", "ce"], status: 64,
        message: "--model 'a + b*x': --objective ce needs one output per class, which a formula "
          + "(one output) cannot give: use --model linear (softmax regression)"),
      Case(
        arguments: fit + ["--loss-scale", "2"], status: 64,
        message: "--loss-scale is a setting of soft-l1 and huber, not of --objective chi2"),
      Case(
        arguments: fit + ["--objective", "extended-nll", "--x", "x", "--range", "5:1"],
        status: 64, message: "--range '5:1': 5 is not below 1"),
      Case(
        arguments: fit + ["--objective", "chi2", "--logits"], status: 64,
        message: "--logits is a setting of bce, not of --objective chi2"),
      Case(
        arguments: ["fit", counts, "--model", "a*x", "--objective", "poisson"], status: 65,
        message: "\(counts): --objective poisson needs counts ≥ 0 in --y column \"n\", but data "
          + "row 2 has -2"),
      Case(
        arguments: ["fit", labels, "--model", "1/(1+exp(-a*x))", "--objective", "bce"],
        status: 65,
        message: "\(labels): --objective bce needs labels 0 or 1 in --y column \"label\", but "
          + "data row 3 has 2"),
    ]
    XCTAssertGreaterThanOrEqual(cases.count, 12)
    for c in cases {
      let run = try PhysFitRunner.run(c.arguments)
      let name = c.arguments.dropFirst(2).joined(separator: " ")
      XCTAssertEqual(run.status, c.status, "\(name): \(run.stderr)")
      XCTAssertEqual(run.stdout, "", "\(name): stdout must be empty on error")
      XCTAssertEqual(run.stderr, "error: \(c.message)\n", name)
    }
  }
}
