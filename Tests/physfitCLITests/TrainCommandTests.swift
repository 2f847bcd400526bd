import Foundation
import PhysFit
import XCTest

/// `physfit train` and `physfit predict` end to end: a regression reaches a low loss and
/// predict reproduces it from the saved file; a two-moons classifier reaches ≥ 97 %
/// validation accuracy; bad inputs fail with one error line, the documented exit code,
/// nothing on stdout and no --save file.
final class TrainCommandTests: XCTestCase {
  /// y = sin x at 120 points on [−3, 3].
  static var sine: String {
    "x,y\n"
      + (0..<120).map { k -> String in
        let x = -3 + 6 * Double(k) / 119
        return "\(x),\(sin(x))"
      }.joined(separator: "\n") + "\n"
  }

  /// Two interleaved half circles (scikit-learn's make_moons), noise 0.1, 300 points,
  /// from a seeded generator.
  static var moons: String {
    var random = RandomSource(seed: 42)
    var lines = ["u,v,label"]
    for k in 0..<300 {
      let t = Double.pi * random.uniform()
      let label = k % 2
      let (u, v) = label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
      lines.append("\(u + 0.1 * random.normal()),\(v + 0.1 * random.normal()),\(label)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func testSineRegressionAndPredict() throws {
    let scratch = try Scratch()
    let data = try scratch.write("sine.csv", Self.sine)
    let model = scratch.path("sine.json")
    let run = try PhysFitRunner.run([
      "train", data, "--x", "x", "--y", "y", "--network", "1-12-1", "--activation", "tanh",
      "--learning-rate", "0.02", "--batch-size", "16", "--epochs", "400", "--seed", "1",
      "--save", model, "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
    let json = try run.json()
    let loss = try XCTUnwrap(json["trainingLoss"] as? Double)
    XCTAssertLessThan(loss, 1e-3)  // MSE; the variance of sin x here is ≈ 0.5
    XCTAssertEqual(json["epochs"] as? Int, 400)
    XCTAssertEqual(json["saved"] as? String, model)
    XCTAssertGreaterThan(try XCTUnwrap(json["samplesPerSecond"] as? Double), 0)

    let predicted = try PhysFitRunner.run(["predict", model, data])
    XCTAssertEqual(predicted.status, 0, predicted.stderr)
    let lines = predicted.stdout.split(separator: "\n")
    XCTAssertEqual(lines.first, "x,y")
    XCTAssertEqual(lines.count, 121)
    let rows = lines.dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    // The predictions reproduce the training loss (the same network, bit for bit).
    var sum = 0.0
    for row in rows { sum += (row[1] - sin(row[0])) * (row[1] - sin(row[0])) }
    let mse = sum / 120
    XCTAssertEqual(mse, loss, accuracy: 1e-12 * loss)
    let trained = try TrainedNetwork.load(from: model)
    let x = rows.map { $0[0] }
    let direct = trained.predict(Matrix(column: x)).elements
    XCTAssertEqual(rows.map { $0[1].bitPattern }, direct.map(\.bitPattern))

    // --output writes the same CSV to a file.
    let file = scratch.path("out.csv")
    let toFile = try PhysFitRunner.run(["predict", model, data, "--output", file])
    XCTAssertEqual(toFile.status, 0, toFile.stderr)
    XCTAssertEqual(toFile.stdout, "")
    XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), predicted.stdout)
  }

  func testMoonsClassifierReachesValidationAccuracy() throws {
    let scratch = try Scratch()
    let data = try scratch.write("moons.csv", Self.moons)
    let model = scratch.path("moons.json")
    let run = try PhysFitRunner.run([
      "train", data, "--x", "u,v", "--y", "label", "--network", "2-10-10-1", "--objective",
      "bce", "--learning-rate", "0.02", "--batch-size", "16", "--epochs", "150",
      "--validation", "0.25", "--seed", "3", "--save", model, "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    XCTAssertEqual(json["validationPoints"] as? Int, 75)
    XCTAssertEqual(json["output"] as? String, "logit")
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(json["validationAccuracy"] as? Double), 0.97)
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(json["trainingAccuracy"] as? Double), 0.97)
    XCTAssertNotNil(json["validationLoss"] as? Double)

    let predicted = try PhysFitRunner.run(["predict", model, data])
    XCTAssertEqual(predicted.status, 0, predicted.stderr)
    let lines = predicted.stdout.split(separator: "\n")
    XCTAssertEqual(lines.first, "u,v,label,label_p1")
    let labels = Self.moons.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }
    let classes = lines.dropFirst().map { $0.split(separator: ",")[2] }
    let agree = zip(labels, classes).filter { $0 == $1 }.count
    XCTAssertGreaterThanOrEqual(Double(agree) / 300, 0.97)
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",")
      let p = Double(fields[3])!
      XCTAssertEqual(fields[2] == "1", p >= 0.5)
    }
  }

  func testTextReport() throws {
    let scratch = try Scratch()
    let data = try scratch.write("moons.csv", Self.moons)
    let run = try PhysFitRunner.run([
      "train", data, "--x", "u,v", "--y", "label", "--network", "2-4-2", "--objective", "ce",
      "--epochs", "3", "--validation", "0.2", "--seed", "1",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "", "no progress bar when stderr is not a terminal")
    for label in [
      "network      2-4-2, tanh hidden, identity output (logits of 2 classes), 22 weights",
      "points       240 training, 60 validation", "train loss", "valid. loss", "train acc.",
      "valid. acc.", "epochs       3", "samples/s", "status",
    ] {
      XCTAssertTrue(run.stdout.contains(label), "missing '\(label)' in\n\(run.stdout)")
    }
  }

  struct Case {
    var arguments: [String]
    var status: Int32
    var message: String
  }

  func testBadInputs() throws {
    let scratch = try Scratch()
    let data = try scratch.write("moons.csv", Self.moons)
    let labels = try scratch.write("labels.csv", "u,v,label\n0,1,0\n1,0,2\n0.5,0.5,1\n")
    let save = scratch.path("never.json")
    let notJSON = try scratch.write("bad.json", "{\"format\": ")
    let wrongVersion = try scratch.write(
      "v9.json", "{\"format\": \"physfit-network\", \"version\": 9}")
    let common = ["--x", "u,v", "--y", "label", "--save", save]
    func train(_ extra: [String]) -> [String] { ["train", data] + common + extra }
    let cases: [Case] = [
      Case(
        arguments: train(["--network", "2-x-1"]), status: 64,
        message:
          "--network '2-x-1': width 2 'x' is not a whole number (expected widths joined by "
          + "'-', e.g. 2-64-64-1)"),
      Case(
        arguments: train(["--network", "2-0-1"]), status: 64,
        message: "--network '2-0-1': width 2 is 0; widths must be at least 1"),
      Case(
        arguments: train(["--network", "2"]), status: 64,
        message: "--network '2': needs at least an input and an output width (e.g. 2-64-1)"),
      Case(
        arguments: train(["--network", "3-4-1"]), status: 64,
        message:
          "--network '3-4-1': the input width 3 must equal the number of --x columns (2)"),
      Case(
        arguments: train(["--network", "2-4-3", "--objective", "bce"]), status: 64,
        message:
          "--network '2-4-3': --objective bce needs 1 output, not 3 (use --objective ce for k "
          + "classes)"),
      Case(
        arguments: train(["--network", "2-4-1", "--objective", "ce"]), status: 64,
        message:
          "--network '2-4-1': --objective ce needs one output per class (at least 2), not 1"),
      Case(
        arguments: train([
          "--network", "2-4-2", "--objective", "ce", "--output-activation", "sigmoid",
        ]), status: 64,
        message:
          "--output-activation sigmoid: --objective ce needs identity outputs (the logits; the "
          + "softmax is inside the loss)"),
      Case(
        arguments: train(["--network", "2-4-1", "--optimizer", "least-squares"]), status: 64,
        message:
          "--optimizer least-squares is not offered for networks (its full-rank verification "
          + "does not suit their rank-deficient Jacobians): use lm, a single "
          + "Levenberg–Marquardt run"),
      Case(
        arguments: train(["--network", "2-4-1", "--optimizer", "bfgs", "--epochs", "5"]),
        status: 64,
        message: "--epochs is not a setting of bfgs (it applies to sgd, momentum, nesterov, "
          + "adam, adamw)"),
      Case(
        arguments: ["train", labels] + common + ["--network", "2-4-1", "--objective", "bce"],
        status: 65,
        message:
          "\(labels): --objective bce with --network '2-4-1' needs labels 0 or 1 in --y column "
          + "\"label\", but data row 2 has 2"),
      Case(
        arguments: ["train", labels] + common + ["--network", "2-4-2", "--objective", "ce"],
        status: 65,
        message:
          "\(labels): --objective ce with --network '2-4-2' needs class labels 0…1 (one per "
          + "output) in --y column \"label\", but data row 2 has 2"),
      Case(
        arguments: train(["--network", "2-4-1", "--y", "nope"]), status: 65,
        message: "--y: no column 'nope' in \(data) (columns: u, v, label)"),
      Case(
        arguments: ["predict", notJSON, data], status: 65,
        message: "\(notJSON): not a JSON file"),
      Case(
        arguments: ["predict", wrongVersion, data], status: 65,
        message: "\(wrongVersion): field 'version': version 9 is not supported (this program "
          + "reads version 1)"),
      Case(
        arguments: ["predict", scratch.path("none.json"), data], status: 65,
        message: "\(scratch.path("none.json")): cannot read the file: no such file"),
    ]
    for c in cases {
      let run = try PhysFitRunner.run(c.arguments)
      let what = c.arguments.joined(separator: " ")
      XCTAssertEqual(run.status, c.status, what)
      XCTAssertEqual(run.stderr, "error: \(c.message)\n", what)
      XCTAssertEqual(run.stdout, "", what)
      XCTAssertFalse(FileManager.default.fileExists(atPath: save), what)
    }

    // predict: inputs that do not fit the saved network.
    let model = scratch.path("model.json")
    let trained = try PhysFitRunner.run(
      [
        "train", data, "--x", "u,v", "--y", "label", "--network", "2-3-1", "--objective", "bce",
        "--epochs", "1", "--save", model,
      ])
    XCTAssertEqual(trained.status, 0, trained.stderr)
    let other = try scratch.write("other.csv", "a,b\n1,2\n")
    for (arguments, message) in [
      (
        ["predict", model, other],
        "\(other) has no column 'u', an input of the network in \(model) (columns: a, b); "
          + "select the inputs with --x"
      ),
      (
        ["predict", model, other, "--x", "a"],
        "--x 'a' selects 1 column(s) but the network in \(model) reads 2 (u, v)"
      ),
    ] {
      let run = try PhysFitRunner.run(arguments)
      XCTAssertEqual(run.status, 65)
      XCTAssertEqual(run.stderr, "error: \(message)\n")
      XCTAssertEqual(run.stdout, "")
    }
  }
}
