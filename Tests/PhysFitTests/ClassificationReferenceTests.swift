import Foundation
import XCTest

@testable import PhysFit

/// The second acceptance criterion: logistic and softmax regression by
/// cross-entropy agree with scikit-learn's unpenalised `LogisticRegression` to 1e-4
/// relative (fixture made by `Fixtures/reference/classification.py`).
final class ClassificationReferenceTests: XCTestCase {
  struct Binary: Decodable {
    let x1: [Double]
    let x2: [Double]
    let y: [Double]
    let b0: Double
    let b1: Double
    let b2: Double
  }
  struct Softmax: Decodable {
    let x1: [Double]
    let x2: [Double]
    let labels: [Int]
    let classes: Int
    let interceptsMinusClass0: [Double]
    let coefficientsMinusClass0: [[Double]]

    enum CodingKeys: String, CodingKey {
      case x1, x2, labels, classes
      case interceptsMinusClass0 = "intercepts_minus_class0"
      case coefficientsMinusClass0 = "coefficients_minus_class0"
    }
  }
  struct Reference: Decodable {
    let binary: Binary
    let softmax: Softmax
  }

  static func reference() throws -> Reference {
    let resources = try XCTUnwrap(Bundle.module.resourceURL, "test bundle has no resources")
    let url = resources.appendingPathComponent("Fixtures/reference/classification.json")
    return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
  }

  func assertCoefficients(
    _ result: FitResult, _ expected: [String: Double], _ label: String
  ) {
    XCTAssertTrue(result.converged, "\(label): \(result.reason)")
    for (name, value) in expected {
      XCTAssertEqual(
        result[name]?.value ?? .nan, value, accuracy: 1e-4 * abs(value), "\(label): \(name)")
    }
  }

  /// Sigmoid output as a probability (the lecture's Bernoulli reading).
  func testLogisticRegressionWithSigmoidProbabilities() throws {
    let data = try Self.reference().binary
    let model = try ExpressionModel("1/(1+exp(-(b0+b1*x1+b2*x2)))", inputs: ["x1", "x2"])
    var fit = try Fit(
      model: model, inputs: Matrix(columns: [data.x1, data.x2]),
      objective: try BinaryCrossEntropy(labels: data.y))
    for name in ["b0", "b1", "b2"] { try fit.set(name, value: 0) }
    let result = try fit.minimize(using: BFGS())
    assertCoefficients(result, ["b0": data.b0, "b1": data.b1, "b2": data.b2], "sigmoid")
    XCTAssertEqual(result.errorDefinition, 0.5)
    XCTAssertTrue(result.covarianceIsPositiveDefinite)
  }

  /// The same fit with the model giving logits (numerically stable form).
  func testLogisticRegressionWithLogits() throws {
    let data = try Self.reference().binary
    var fit = try Fit(
      model: LinearModel(inputs: ["x1", "x2"]), inputs: Matrix(columns: [data.x1, data.x2]),
      objective: try BinaryCrossEntropy(labels: data.y, input: .logits))
    for name in fit.parameters.names { try fit.set(name, value: 0) }
    let result = try fit.minimize(using: BFGS())
    assertCoefficients(
      result, ["b0": data.b0, "w0_x1": data.b1, "w0_x2": data.b2], "logits")
  }

  /// Softmax over 3 classes: class 0's parameters fixed to 0, compared with
  /// scikit-learn's class-difference coefficients W_k − W_0.
  func testSoftmaxRegressionThreeClasses() throws {
    let data = try Self.reference().softmax
    let model = LinearModel(inputs: ["x1", "x2"], outputs: data.classes)
    var fit = try Fit(
      model: model, inputs: Matrix(columns: [data.x1, data.x2]),
      objective: try CategoricalCrossEntropy(labels: data.labels, classCount: data.classes))
    for name in fit.parameters.names { try fit.set(name, value: 0) }
    for name in ["b0", "w0_x1", "w0_x2"] { try fit.set(name, fixed: true) }
    let result = try fit.minimize(using: BFGS())
    var expected: [String: Double] = [:]
    for k in 1..<data.classes {
      expected["b\(k)"] = data.interceptsMinusClass0[k]
      expected["w\(k)_x1"] = data.coefficientsMinusClass0[k][0]
      expected["w\(k)_x2"] = data.coefficientsMinusClass0[k][1]
    }
    assertCoefficients(result, expected, "softmax")
    XCTAssertTrue(result.covarianceIsPositiveDefinite)
  }
}
