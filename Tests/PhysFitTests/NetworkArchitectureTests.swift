import Foundation
import XCTest

@testable import PhysFit

/// Network descriptions: validation with messages, the JSON form, seeded initialisation.
final class NetworkArchitectureTests: XCTestCase {
  func testInvalidArchitecturesThrowWithWhere() throws {
    func message(_ body: () throws -> Network) -> String {
      do {
        _ = try body()
        return ""
      } catch { return "\(error)" }
    }
    XCTAssertTrue(message { try Network(layers: []) }.contains("at least one layer"))
    XCTAssertTrue(
      message {
        try Network {
          Dense(2, 4, .tanh)
          Dense(3, 1)
        }
      }.contains("layer 2 reads 3"))
    XCTAssertTrue(message { try Network { Dense(2, 0) } }.contains("layer 1 is 2 → 0"))
    XCTAssertTrue(
      message { try Network(inputNames: ["a"]) { Dense(2, 1) } }.contains("1 input name(s)"))
    XCTAssertTrue(message { try Network(widths: [3], activation: .relu) }.contains("1 width"))
    var net = try Network(widths: [2, 3, 1], activation: .relu)
    XCTAssertThrowsError(
      try net.setStandardization(
        inputs: Standardization(means: [0], scales: [1]), outputs: nil))
    XCTAssertThrowsError(try Standardization(means: [0, 1], scales: [1, 0]))
  }

  func testWidthsFormAndSequentialAgree() throws {
    let a = try Network(widths: [2, 64, 64, 1], activation: .tanh)
    let b = try Sequential {
      Dense(2, 64, .tanh)
      Dense(64, 64, .tanh)
      Dense(64, 1)
    }
    XCTAssertEqual(a, b)
    XCTAssertEqual(a.parameterCount, 2 * 64 + 64 + 64 * 64 + 64 + 64 + 1)
    XCTAssertEqual(a.inputNames, ["x1", "x2"])
    XCTAssertEqual(a.parameterNames.last, "b3_0")
  }

  /// Architecture and standardisation survive JSON; bad JSON fails to decode.
  func testJSONRoundTrip() throws {
    let x = Matrix(columns: [[1, 2, 3, 4], [10, 10, 10, 10]])
    let net = try Network(inputNames: ["t", "E"]) {
      Dense(2, 3, .softplus, initialization: .glorotUniform)
      Dense(3, 2)
    }.standardized(inputs: x, outputs: Matrix(columns: [[0, 1, 0, 1], [5, 6, 7, 8]]))
    XCTAssertEqual(net.inputStandardization?.scales[1], 1, "constant column only shifted")
    let data = try JSONEncoder().encode(net)
    let back = try JSONDecoder().decode(Network.self, from: data)
    XCTAssertEqual(back, net)
    let theta = net.initialParameters(seed: 4)
    let p = net.evaluate(x, parameters: theta)
    let q = back.evaluate(x, parameters: theta)
    for k in p.elements.indices { XCTAssertEqual(p.elements[k], q.elements[k], accuracy: 1e-15) }
    let bad = Data(
      #"{"layers":[{"inputs":2,"outputs":3,"activation":"tanh"},{"inputs":4,"outputs":1,"activation":"identity"}],"inputNames":["a","b"]}"#
        .utf8)
    XCTAssertThrowsError(try JSONDecoder().decode(Network.self, from: bad))
  }

  /// Glorot: |W| ≤ √(6/(in+out)) with variance 2/(in+out); He: variance 2/in; biases 0;
  /// the same seed gives the same θ.
  func testInitialisationStatistics() throws {
    let net = try Network {
      Dense(100, 200, .tanh)
      Dense(200, 100, .relu)
      Dense(100, 1)
    }
    let theta = net.initialParameters(seed: 9)
    let again = net.initialParameters(seed: 9)
    XCTAssertTrue(theta.elementsEqual(again) { $0.bitPattern == $1.bitPattern }, "bit for bit")
    let w1 = Array(theta[0..<20_000])
    let bound = (6.0 / 300).squareRoot()
    XCTAssertLessThanOrEqual(w1.map(abs).max()!, bound)
    let variance1 = w1.reduce(0) { $0 + $1 * $1 } / Double(w1.count)
    XCTAssertEqual(variance1, 2.0 / 300, accuracy: 0.05 * 2 / 300)
    XCTAssertTrue(theta[20_000..<20_200].allSatisfy { $0 == 0 }, "biases start at 0")
    let w2 = Array(theta[20_200..<40_200])
    let variance2 = w2.reduce(0) { $0 + $1 * $1 } / Double(w2.count)
    XCTAssertEqual(variance2, 2.0 / 200, accuracy: 0.05 * 2 / 200)
    let other = net.initialParameters(seed: 10)
    XCTAssertGreaterThan(zip(theta, other).map { abs($0 - $1) }.max()!, 0.01)
  }
}
