import Foundation
import XCTest

@testable import PhysFit

/// The first criterion: backpropagated gradients of every layer and activation,
/// for every objective, match central finite differences to 10⁻⁶ relative; the exact
/// Jacobian matches finite differences, and the pullback equals Jᵀv.
///
/// Finite differences: Richardson-extrapolated central differences,
/// D = (4·D(h/2) − D(h))/3 with h = 10⁻⁴·max(|θⱼ|, 1), whose truncation error is O(h⁴)
/// and rounding error O(ε|L|/h) — both far below 10⁻⁶ of the gradients here. A component
/// is compared relative to max(|gⱼ|, 10⁻²·‖g‖∞), so that components a hundred times
/// smaller than the largest are not judged against the rounding noise of the largest.
final class NetworkGradientTests: XCTestCase {
  /// n points with `columns` standard-normal inputs.
  static func inputs(rows n: Int, columns: Int, seed: UInt64) -> Matrix {
    var random = RandomSource(seed: seed)
    return Matrix(columns: (0..<columns).map { _ in (0..<n).map { _ in random.normal() } })
  }

  /// The network's seeded start point, with every value (biases too) jittered so that
  /// no parameter sits at a special value. A ReLU output layer's biases are raised by 5
  /// so that its units are alive at most points (a dead unit's gradient is 0 on both
  /// sides and would test nothing).
  static func parameters(_ net: Network, seed: UInt64) -> [Double] {
    var random = RandomSource(seed: seed &+ 1000)
    var theta = net.initialParameters(seed: seed).map { $0 + 0.3 * random.normal() }
    if let last = net.layers.last, last.activation == .relu {
      for o in 0..<last.outputs { theta[theta.count - last.outputs + o] += 5 }
    }
    return theta
  }

  /// Richardson-extrapolated central difference of f along coordinate j.
  static func difference(_ f: ([Double]) -> Double, at theta: [Double], _ j: Int) -> Double {
    let h = 1e-4 * max(abs(theta[j]), 1)
    func central(_ h: Double) -> Double {
      var plus = theta
      var minus = theta
      plus[j] += h
      minus[j] -= h
      return (f(plus) - f(minus)) / (2 * h)
    }
    return (4 * central(h / 2) - central(h)) / 3
  }

  /// Largest |a − b|/max(|b|, 10⁻²·‖b‖∞) over the components.
  static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    let top = b.map(abs).max() ?? 0
    var worst = 0.0
    for j in a.indices {
      worst = max(worst, abs(a[j] - b[j]) / max(abs(b[j]), 1e-2 * top, .leastNormalMagnitude))
    }
    return worst
  }

  /// Backpropagated ∂L/∂θ (objective's ∂L/∂ŷ through the pullback) against finite
  /// differences of L(θ).
  func assertGradient(
    _ net: Network, _ objective: some Objective, inputs x: Matrix, seed: UInt64,
    _ label: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let theta = Self.parameters(net, seed: seed)
    var workspace = ModelWorkspace()
    var predictions = Matrix(rows: 0, columns: 0)
    var dLdy = Matrix(rows: 0, columns: 0)
    net.evaluate(x, parameters: theta, into: &predictions, workspace: &workspace)
    let value = objective.valueAndGradient(predictions: predictions, gradient: &dLdy)
    XCTAssertTrue(value.isFinite, "\(label): L = \(value)", file: file, line: line)
    var gradient: [Double] = []
    net.pullback(
      x, parameters: theta, cotangent: dLdy, into: &gradient, workspace: &workspace)
    let loss = { (t: [Double]) in objective.value(predictions: net.evaluate(x, parameters: t)) }
    let reference = theta.indices.map { Self.difference(loss, at: theta, $0) }
    XCTAssertGreaterThan(reference.map(abs).max() ?? 0, 0, label, file: file, line: line)
    let error = Self.relativeError(gradient, reference)
    XCTAssertLessThan(error, 1e-6, "\(label): relative error \(error)", file: file, line: line)
  }

  /// χ² and MSE: every hidden activation × every output activation, 3-5-4-1.
  func testLeastSquaresObjectivesEveryActivationPair() throws {
    let x = Self.inputs(rows: 9, columns: 3, seed: 1)
    var random = RandomSource(seed: 2)
    let y = (0..<9).map { _ in random.normal() }
    let sigma = (0..<9).map { _ in 0.5 + random.uniform() }
    for hidden in Activation.allCases {
      for output in Activation.allCases {
        let net = try Network {
          Dense(3, 5, hidden)
          Dense(5, 4, hidden)
          Dense(4, 1, output)
        }
        assertGradient(
          net, ChiSquare(y: y, sigma: sigma), inputs: x, seed: 3, "χ² \(hidden)/\(output)")
        assertGradient(
          net, try MeanSquaredError(y: y), inputs: x, seed: 4, "MSE \(hidden)/\(output)")
      }
    }
  }

  /// Layers of different activations in one network, and a deeper stack.
  func testMixedActivations() throws {
    let x = Self.inputs(rows: 8, columns: 3, seed: 5)
    var random = RandomSource(seed: 6)
    let y = (0..<8).map { _ in random.normal() }
    let net = try Network {
      Dense(3, 5, .relu)
      Dense(5, 4, .tanh)
      Dense(4, 4, .softplus)
      Dense(4, 3, .sigmoid)
      Dense(3, 1)
    }
    assertGradient(net, try MeanSquaredError(y: y), inputs: x, seed: 7, "mixed")
  }

  /// Binary cross-entropy on a sigmoid output (probabilities) and on logits.
  func testBinaryCrossEntropy() throws {
    let x = Self.inputs(rows: 10, columns: 3, seed: 8)
    let labels = (0..<10).map { Double($0 % 2) }
    for hidden in Activation.allCases {
      let probabilities = try Network {
        Dense(3, 5, hidden)
        Dense(5, 4, hidden)
        Dense(4, 1, .sigmoid)
      }
      assertGradient(
        probabilities, try BinaryCrossEntropy(labels: labels), inputs: x, seed: 9,
        "BCE probabilities \(hidden)")
      let logits = try Network {
        Dense(3, 5, hidden)
        Dense(5, 4, hidden)
        Dense(4, 1)
      }
      assertGradient(
        logits, try BinaryCrossEntropy(labels: labels, input: .logits), inputs: x, seed: 10,
        "BCE logits \(hidden)")
    }
  }

  /// Categorical cross-entropy on logits (the softmax lives in the objective), 3-5-4-3.
  func testCategoricalCrossEntropyWithLogits() throws {
    let x = Self.inputs(rows: 12, columns: 3, seed: 11)
    let labels = (0..<12).map { $0 % 3 }
    for hidden in Activation.allCases {
      let net = try Network {
        Dense(3, 5, hidden)
        Dense(5, 4, hidden)
        Dense(4, 3)
      }
      assertGradient(
        net, try CategoricalCrossEntropy(labels: labels, classCount: 3), inputs: x, seed: 12,
        "CE \(hidden)")
    }
  }

  /// Gaussian NLL: σ from a column (one output), and a heteroscedastic 3-5-4-2 network
  /// predicting (μ, σ) with a softplus output that keeps σ positive.
  func testGaussianNLL() throws {
    let x = Self.inputs(rows: 9, columns: 3, seed: 13)
    var random = RandomSource(seed: 14)
    let y = (0..<9).map { _ in 1 + 0.5 * random.normal() }
    let sigma = (0..<9).map { _ in 0.5 + random.uniform() }
    for hidden in Activation.allCases {
      let single = try Network {
        Dense(3, 5, hidden)
        Dense(5, 4, hidden)
        Dense(4, 1)
      }
      assertGradient(
        single, try GaussianNLL(y: y, sigma: sigma), inputs: x, seed: 15, "NLL σ column \(hidden)")
      let twoOutputs = try Network {
        Dense(3, 5, hidden)
        Dense(5, 4, hidden)
        Dense(4, 2, .softplus)
      }
      assertGradient(
        twoOutputs, try GaussianNLL(y: y), inputs: x, seed: 16, "NLL (μ, σ) \(hidden)")
    }
  }

  /// With input and output standardisation the derivatives are still those of the
  /// predictions in data units.
  func testGradientWithStandardization() throws {
    var x = Self.inputs(rows: 9, columns: 3, seed: 17)
    for i in 0..<9 {
      x[i, 0] = 100 + 20 * x[i, 0]
      x[i, 2] = -3 + 0.01 * x[i, 2]
    }
    var random = RandomSource(seed: 18)
    let y = (0..<9).map { _ in 50 + 10 * random.normal() }
    let net = try Network(widths: [3, 5, 4, 1], activation: .tanh)
      .standardized(inputs: x, outputs: Matrix(column: y))
    assertGradient(net, ChiSquare(y: y), inputs: x, seed: 19, "standardised χ²")
  }

  /// ∂ŷ/∂θ against finite differences of every output, every activation, two outputs
  /// with output standardisation; the pullback equals Jᵀv for a random v.
  func testJacobianAndPullbackAgree() throws {
    let n = 7
    let x = Self.inputs(rows: n, columns: 3, seed: 20)
    var random = RandomSource(seed: 21)
    for hidden in Activation.allCases {
      for output in [Activation.identity, hidden] {
        var net = try Network {
          Dense(3, 5, hidden)
          Dense(5, 4, hidden)
          Dense(4, 2, output)
        }
        try net.setStandardization(
          inputs: Standardization(means: [0.1, -0.2, 0.3], scales: [2, 0.5, 1]),
          outputs: Standardization(means: [1, -1], scales: [3, 0.25]))
        let theta = Self.parameters(net, seed: 22)
        let j = net.jacobian(x, parameters: theta)
        XCTAssertEqual(j.rows, n * 2)
        XCTAssertEqual(j.columns, net.parameterCount)
        for row in 0..<(n * 2) {
          let (i, o) = (row % n, row / n)
          let f = { (t: [Double]) in net.evaluate(x, parameters: t)[i, o] }
          let exact = (0..<j.columns).map { j[row, $0] }
          let reference = theta.indices.map { Self.difference(f, at: theta, $0) }
          let error = Self.relativeError(exact, reference)
          XCTAssertLessThan(error, 1e-6, "J row \(row), \(hidden)/\(output): \(error)")
        }
        let v = Matrix(columns: (0..<2).map { _ in (0..<n).map { _ in random.normal() } })
        var gradient: [Double] = []
        var workspace = ModelWorkspace()
        net.pullback(x, parameters: theta, cotangent: v, into: &gradient, workspace: &workspace)
        let jtv = (0..<j.columns).map { c in
          (0..<j.rows).reduce(0.0) { $0 + j[$1, c] * v.elements[$1] }
        }
        XCTAssertLessThan(Self.relativeError(gradient, jtv), 1e-12, "pullback \(hidden)")
        // After evaluate with a fresh workspace, the pullback reuses the forward pass.
        var fresh = ModelWorkspace()
        var output = Matrix(rows: 0, columns: 0)
        var reused: [Double] = []
        net.evaluate(x, parameters: theta, into: &output, workspace: &fresh)
        net.pullbackAfterEvaluate(
          x, parameters: theta, cotangent: v, into: &reused, workspace: &fresh)
        XCTAssertEqual(reused, gradient, "pullbackAfterEvaluate \(hidden)")
      }
    }
  }

  /// The batched dgemm forward pass against a per-point loop that reads the weights by
  /// their documented names (w<l>_<o>_<j>, b<l>_<o>) — checks the layout, the names
  /// and the standardisation, independently of the derivative tests.
  func testForwardMatchesPerPointLoopByName() throws {
    var net = try Network(inputNames: ["u", "v"]) {
      Dense(2, 3, .tanh)
      Dense(3, 2, .relu)
      Dense(2, 2, .sigmoid)
    }
    try net.setStandardization(
      inputs: Standardization(means: [1, 2], scales: [0.5, 4]),
      outputs: Standardization(means: [10, 20], scales: [2, 3]))
    XCTAssertEqual(net.inputNames, ["u", "v"])
    XCTAssertEqual(net.outputCount, 2)
    XCTAssertEqual(net.parameterCount, 2 * 3 + 3 + 3 * 2 + 2 + 2 * 2 + 2)
    XCTAssertEqual(Array(net.parameterNames.prefix(4)), ["w1_0_0", "w1_1_0", "w1_2_0", "w1_0_1"])
    let theta = Self.parameters(net, seed: 23)
    var named: [String: Double] = [:]
    for (name, value) in zip(net.parameterNames, theta) { named[name] = value }
    let x = Self.inputs(rows: 6, columns: 2, seed: 24)
    let batched = net.evaluate(x, parameters: theta)
    for i in 0..<6 {
      var a = [(x[i, 0] - 1) / 0.5, (x[i, 1] - 2) / 4]
      for (index, layer) in net.layers.enumerated() {
        let l = index + 1
        a = (0..<layer.outputs).map { o in
          var z = named["b\(l)_\(o)"]!
          for j in 0..<layer.inputs { z += named["w\(l)_\(o)_\(j)"]! * a[j] }
          return layer.activation(z)
        }
      }
      XCTAssertEqual(batched[i, 0], 10 + 2 * a[0], accuracy: 1e-12)
      XCTAssertEqual(batched[i, 1], 20 + 3 * a[1], accuracy: 1e-12)
    }
  }

  /// A workspace reused across batch sizes and networks gives the same numbers as a
  /// fresh one (scratch contents never leak into results).
  func testWorkspaceReuseAcrossBatchSizes() throws {
    let net = try Network(widths: [3, 6, 2], activation: .softplus)
    let theta = Self.parameters(net, seed: 25)
    var workspace = ModelWorkspace()
    var out = Matrix(rows: 0, columns: 0)
    for n in [50, 3, 17, 0, 50] {
      let x = Self.inputs(rows: n, columns: 3, seed: UInt64(n))
      net.evaluate(x, parameters: theta, into: &out, workspace: &workspace)
      let fresh = net.evaluate(x, parameters: theta)
      XCTAssertEqual(out.rows, n)
      XCTAssertLessThanOrEqual(Self.relativeError(out.elements, fresh.elements), 1e-15)
      var g: [Double] = []
      net.pullback(
        x, parameters: theta, cotangent: out, into: &g, workspace: &workspace)
      var other = ModelWorkspace()
      var g2: [Double] = []
      net.pullback(x, parameters: theta, cotangent: out, into: &g2, workspace: &other)
      XCTAssertLessThanOrEqual(Self.relativeError(g, g2), 1e-15)
    }
  }
}
