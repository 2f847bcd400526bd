import Foundation
import PhysFit
import XCTest

/// `--beta1`, `--beta2`, `--epsilon` reach Adam: a `physfit train` run with them ends at
/// the same loss as the library's `GradientDescent.adam(beta1:beta2:epsilon:)` with the
/// same configuration, run in this process, and at a different one from the defaults;
/// the report echoes them; out-of-range values and other optimizers are usage errors.
final class AdamSettingsTests: XCTestCase {
  /// y = sin x at 50 points.
  static let x = (0..<50).map { -3 + 6 * Double($0) / 49 }
  static var data: String {
    "x,y\n" + x.map { "\($0),\(sin($0))" }.joined(separator: "\n") + "\n"
  }

  /// The training MSE of the library's own run: `physfit train`'s defaults (batch 32,
  /// η = 10⁻³, gradient tolerance 10⁻⁸), 1-6-1 tanh, seed 4, 20 epochs.
  static func libraryLoss(beta1: Double, beta2: Double, epsilon: Double) throws -> Double {
    let net = try Network(widths: [1, 6, 1], activation: .tanh, inputNames: ["x"])
    let y = x.map { sin($0) }
    var fit = try Fit(model: net, inputs: Matrix(column: x), objective: MeanSquaredError(y: y))
    fit.initializeWeights(seed: 4)
    var configuration = GradientDescent.Configuration(batchSize: 32, seed: 4)
    configuration.stopping.maxIterations = 20
    let adam = GradientDescent.adam(
      beta1: beta1, beta2: beta2, epsilon: epsilon, configuration: configuration)
    let result = try fit.minimize(using: adam)
    return try MeanSquaredError(y: y).value(
      predictions: net.evaluate(Matrix(column: x), parameters: result.values))
  }

  func train(_ extra: [String], in scratch: Scratch) throws -> [String: Any] {
    let file = try scratch.write("sine.csv", Self.data)
    let run = try PhysFitRunner.run(
      ["train", file, "--network", "1-6-1", "--epochs", "20", "--seed", "4", "--json"] + extra)
    XCTAssertEqual(run.status, 0, run.stderr)
    return try run.json()
  }

  func testSettingsReachTheOptimizer() throws {
    let scratch = try Scratch()
    let custom = try train(
      ["--beta1", "0.5", "--beta2", "0.9", "--epsilon", "1e-3", "--learning-rate", "0.001"],
      in: scratch)
    XCTAssertEqual(custom["optimizer"] as? String, "adam, beta1 0.5, beta2 0.9, epsilon 0.001")
    let customLoss = try XCTUnwrap(custom["trainingLoss"] as? Double)
    let expected = try Self.libraryLoss(beta1: 0.5, beta2: 0.9, epsilon: 1e-3)
    XCTAssertEqual(customLoss, expected, accuracy: 1e-12 * expected)

    let defaults = try train([], in: scratch)
    XCTAssertEqual(defaults["optimizer"] as? String, "adam")
    let defaultLoss = try XCTUnwrap(defaults["trainingLoss"] as? Double)
    let expectedDefault = try Self.libraryLoss(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    XCTAssertEqual(defaultLoss, expectedDefault, accuracy: 1e-12 * expectedDefault)
    XCTAssertGreaterThan(abs(customLoss - defaultLoss), 1e-6 * defaultLoss)

    // One setting alone keeps the others' defaults.
    let beta2Only = try train(["--beta2", "0.99"], in: scratch)
    let loss = try XCTUnwrap(beta2Only["trainingLoss"] as? Double)
    let reference = try Self.libraryLoss(beta1: 0.9, beta2: 0.99, epsilon: 1e-8)
    XCTAssertEqual(loss, reference, accuracy: 1e-12 * reference)

    // adamw reads them too.
    let adamw = try train(["--optimizer", "adamw", "--beta1", "0.8"], in: scratch)
    XCTAssertEqual(adamw["optimizer"] as? String, "adamw, beta1 0.8")
  }

  func testUsageErrors() throws {
    let scratch = try Scratch()
    let file = try scratch.write("sine.csv", Self.data)
    let cases: [([String], String)] = [
      (["--beta1", "1"], "error: --beta1 '1': must be in [0, 1)"),
      (["--beta2=-0.1"], "error: --beta2 '-0.1': must be in [0, 1)"),
      (["--epsilon", "0"], "error: --epsilon '0': must be a positive number"),
      (
        ["--optimizer", "sgd", "--beta1", "0.5"],
        "error: --beta1 is not a setting of sgd (it applies to adam, adamw)"
      ),
      (
        ["--optimizer", "bfgs", "--epsilon", "1e-6"],
        "error: --epsilon is not a setting of bfgs (it applies to adam, adamw)"
      ),
    ]
    for (extra, message) in cases {
      let run = try PhysFitRunner.run(["train", file, "--network", "1-2-1"] + extra)
      XCTAssertEqual(run.status, 64, "\(extra): \(run.stderr)")
      XCTAssertTrue(run.stderr.hasPrefix(message), "\(extra): \(run.stderr)")
    }
    // physfit fit reads them as well.
    let fit = try PhysFitRunner.run([
      "fit", file, "--model", "a*sin(b*x)", "--param", "a=1,b=1", "--optimizer", "adam",
      "--beta1", "0.7", "--max-iterations", "10", "--json",
    ])
    XCTAssertTrue([0, 2].contains(fit.status), fit.stderr)
    XCTAssertEqual(try fit.json()["optimizer"] as? String, "adam, beta1 0.7")
  }
}
