import Foundation
import XCTest

@testable import PhysFit

/// Saving and loading a trained network (docs/network-format.md): the round trip is
/// exact, and every kind of bad file is refused with a message naming the file and the
/// field.
final class TrainedNetworkTests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("trained-network-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// 2-5-3 tanh with softmax logits and input standardisation, random weights.
  func classifier() throws -> TrainedNetwork {
    var net = try Network(widths: [2, 5, 3], activation: .tanh, inputNames: ["u", "v"])
    try net.setStandardization(
      inputs: try Standardization(means: [0.3, -1.25], scales: [2.5, 0.7]), outputs: nil)
    return try TrainedNetwork(
      network: net, parameters: net.initialParameters(seed: 11).map { $0 + 0.1 / 3 },
      outputNames: ["label"], objective: "ce", output: .logits)
  }

  /// A 1-4-4-2 softplus/relu regression network with output standardisation.
  func regression() throws -> TrainedNetwork {
    var net = try Network {
      Dense(1, 4, .softplus)
      Dense(4, 4, .relu)
      Dense(4, 2, .sigmoid)
    }
    try net.setStandardization(
      inputs: nil, outputs: try Standardization(means: [1e-7, 3], scales: [1 / 3, 12345.678]))
    var random = RandomSource(seed: 5)
    return try TrainedNetwork(
      network: net, parameters: net.parameterNames.map { _ in random.normal() },
      outputNames: ["a", "b"], objective: "mse")
  }

  static func points(_ n: Int, _ d: Int, seed: UInt64) -> Matrix {
    var random = RandomSource(seed: seed)
    var m = Matrix(rows: n, columns: d)
    for k in m.elements.indices { m.elements[k] = 3 * random.normal() }
    return m
  }

  func testRoundTripIsBitIdentical() throws {
    for (trained, d) in [(try classifier(), 2), (try regression(), 1)] {
      try trained.save(to: path("net.json"))
      let loaded = try TrainedNetwork.load(from: path("net.json"))
      XCTAssertEqual(loaded, trained)
      let x = Self.points(200, d, seed: 3)
      let a = trained.predict(x).elements
      let b = loaded.predict(x).elements
      XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern))
      XCTAssertEqual(
        trained.probabilities(x).elements.map(\.bitPattern),
        loaded.probabilities(x).elements.map(\.bitPattern))
    }
    // Only the file remains: no temporary files next to it.
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: directory.path), ["net.json"])
  }

  /// The per-layer W, b in the file are the network's z = W·x + b: one forward pass
  /// written out by hand from the JSON agrees with predict.
  func testFileWeightsAreTheLecturesWAndB() throws {
    let net = try Network(widths: [2, 3, 1], activation: .tanh)
    let trained = try TrainedNetwork(
      network: net, parameters: net.initialParameters(seed: 2).map { $0 + 0.25 },
      outputNames: ["y"], objective: "mse")
    try trained.save(to: path("w.json"))
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("w.json"))))
      as! [String: Any]
    XCTAssertEqual(json["version"] as? Int, 1)
    XCTAssertEqual(json["format"] as? String, "physfit-network")
    let layers = json["layers"] as! [[String: Any]]
    let x = [0.7, -1.3]
    var a = x
    for layer in layers {
      let w = layer["weights"] as! [[Double]]
      let b = layer["biases"] as! [Double]
      let tanh = (layer["activation"] as! String) == "tanh"
      a = w.indices.map { o in
        let z = zip(w[o], a).reduce(b[o]) { $0 + $1.0 * $1.1 }
        return tanh ? Foundation.tanh(z) : z
      }
    }
    let predicted = trained.predict(
      {
        var m = Matrix(rows: 1, columns: 2)
        m.elements = x
        return m
      }()
    ).elements[0]
    XCTAssertEqual(a[0], predicted, accuracy: 1e-14)
  }

  func testProbabilitiesAndClasses() throws {
    let trained = try classifier()
    let x = Self.points(50, 2, seed: 8)
    let p = trained.probabilities(x)
    let z = trained.predict(x)
    let classes = try XCTUnwrap(trained.classes(x))
    for i in 0..<50 {
      let e: [Double] = (0..<3).map { Foundation.exp(z[i, $0]) }
      let sum: Double = e[0] + e[1] + e[2]
      for o in 0..<3 { XCTAssertEqual(p[i, o], e[o] / sum, accuracy: 1e-14) }
      XCTAssertEqual(classes[i], (0..<3).max { z[i, $0] < z[i, $1] })
    }
    XCTAssertNil(try regression().classes(Self.points(3, 1, seed: 1)))
  }

  // MARK: Bad files

  /// The saved text of the classifier, edited by `edit` on the parsed object.
  func edited(_ edit: (inout [String: Any]) -> Void) throws -> String {
    try classifier().save(to: path("good.json"))
    var object =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: path("good.json")))) as! [String: Any]
    edit(&object)
    let data = try JSONSerialization.data(withJSONObject: object)
    try data.write(to: URL(fileURLWithPath: path("bad.json")))
    return path("bad.json")
  }

  func assertLoadFails(_ file: String, _ message: String, line: UInt = #line) {
    XCTAssertThrowsError(try TrainedNetwork.load(from: file), line: line) { error in
      XCTAssertEqual("\(error)", "\(file): \(message)", line: line)
    }
  }

  func testCorruptFiles() throws {
    let notJSON = path("text.json")
    try Data("layers: 1\n".utf8).write(to: URL(fileURLWithPath: notJSON))
    assertLoadFails(notJSON, "not a JSON file")

    let truncated = path("truncated.json")
    try classifier().save(to: truncated)
    let text = try String(contentsOfFile: truncated, encoding: .utf8)
    try Data(text.prefix(text.count / 2).utf8).write(to: URL(fileURLWithPath: truncated))
    assertLoadFails(truncated, "not a JSON file")

    let other = path("other.json")
    try Data("{\"schemaVersion\": 1}".utf8).write(to: URL(fileURLWithPath: other))
    assertLoadFails(other, "not a PhysFit network file (no \"format\": \"physfit-network\" field)")

    assertLoadFails(path("missing.json"), "cannot read the file: no such file")

    assertLoadFails(
      try edited { $0["version"] = 2 },
      "field 'version': version 2 is not supported (this program reads version 1)")

    assertLoadFails(try edited { $0["layers"] = nil }, "missing field 'layers'")

    assertLoadFails(
      try edited { object in
        var layers = object["layers"] as! [[String: Any]]
        var w = layers[1]["weights"] as! [[Double]]
        w.removeLast()
        layers[1]["weights"] = w
        object["layers"] = layers
      }, "field 'layers': layers[1].weights has 2 row(s) but the layer has 3 output(s)")

    assertLoadFails(
      try edited { object in
        var layers = object["layers"] as! [[String: Any]]
        var w = layers[0]["weights"] as! [[Double]]
        w[3].append(1)
        layers[0]["weights"] = w
        object["layers"] = layers
      }, "field 'layers': layers[0].weights[3] has 3 weight(s) but the layer has 2 input(s)")

    assertLoadFails(
      try edited { object in
        var layers = object["layers"] as! [[String: Any]]
        var w = layers[0]["weights"] as! [[Any]]
        w[2][1] = "NaN"
        layers[0]["weights"] = w
        object["layers"] = layers
      }, "field 'layers': layers[0].weights[2][1] is nan")

    assertLoadFails(
      try edited { object in
        var layers = object["layers"] as! [[String: Any]]
        var b = layers[1]["biases"] as! [Any]
        b[0] = "Infinity"
        layers[1]["biases"] = b
        object["layers"] = layers
      }, "field 'layers': layers[1].biases[0] is inf")

    assertLoadFails(
      try edited { object in
        var layers = object["layers"] as! [[String: Any]]
        layers[0]["weights"] = "many"
        object["layers"] = layers
      }, "field 'layers[0].weights': expected an array")

    assertLoadFails(
      try edited { object in
        var layers = object["layers"] as! [[String: Any]]
        layers[1]["inputs"] = 4
        object["layers"] = layers
      }, "field 'layers': layers[1].weights[0] has 5 weight(s) but the layer has 4 input(s)")

    assertLoadFails(
      try edited { $0["classCount"] = 4 },
      "field 'classCount': is 4 but the logits output of the network has 3 classes")

    assertLoadFails(
      try edited { $0["inputNames"] = ["u"] },
      "field 'layers': the first layer reads 2 input(s) but 1 input name(s) were given")
  }

  func testSaveFailureLeavesNothingBehind() throws {
    let target = directory.appendingPathComponent("no/such/dir/net.json").path
    XCTAssertThrowsError(try classifier().save(to: target)) { error in
      XCTAssertEqual("\(error)", "cannot write '\(target)': No such file or directory")
    }
    // A directory in the way: the rename fails, the temporary file is removed.
    try FileManager.default.createDirectory(
      atPath: path("taken.json/inside"), withIntermediateDirectories: true)
    XCTAssertThrowsError(try classifier().save(to: path("taken.json")))
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: directory.path), ["taken.json"])
  }

  func testInitRefusesBadValues() throws {
    let net = try Network(widths: [1, 2, 1], activation: .tanh)
    var theta = net.initialParameters(seed: 1)
    theta[2] = .nan
    XCTAssertThrowsError(
      try TrainedNetwork(network: net, parameters: theta, outputNames: ["y"], objective: "mse"))
    XCTAssertThrowsError(
      try TrainedNetwork(network: net, parameters: [1, 2], outputNames: ["y"], objective: "mse"))
    XCTAssertThrowsError(
      try TrainedNetwork(
        network: net, parameters: net.initialParameters(seed: 1), outputNames: ["y"],
        objective: "ce", output: .logits))
  }
}
