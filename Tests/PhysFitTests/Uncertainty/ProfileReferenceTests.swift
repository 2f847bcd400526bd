import Foundation
import XCTest

@testable import PhysFit

/// The first acceptance criterion: for a Poisson fit with few counts, the
/// profile interval of a signal strength matches iminuit's MINOS on the same
/// likelihood (Baker–Cousins χ²_λ, errordef 1) to 1e-3 relative on each side. The
/// fixture comes from `Fixtures/reference/poisson_signal_minos.py`, which also records a
/// direct profile (scipy) of the signal strength, matched here to 1e-6.
final class ProfileReferenceTests: XCTestCase {
  struct Edges: Decodable {
    let lower: Double
    let upper: Double
  }
  struct Level: Decodable {
    let cl: Double
    let delta: Double
    let parameters: [String: Edges]
  }
  struct Reference: Decodable {
    let formula: String
    let start: [String: Double]
    let x: [Double]
    let counts: [Double]
    let values: [String: Double]
    let minimum: Double
    let minos: [String: Level]
    let profileCheck: [String: [String: Edges]]

    enum CodingKeys: String, CodingKey {
      case formula, start, x, counts, values, minimum, minos
      case profileCheck = "profile_check"
    }
  }

  static func reference() throws -> Reference {
    let resources = try XCTUnwrap(Bundle.module.resourceURL, "test bundle has no resources")
    let url = resources.appendingPathComponent("Fixtures/reference/poisson_signal_minos.json")
    return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
  }

  func makeFit(_ reference: Reference) throws -> Fit<ExpressionModel, PoissonNLL> {
    var fit = try Fit(
      model: ExpressionModel(reference.formula, inputs: ["x"]),
      inputs: Matrix(column: reference.x), objective: try PoissonNLL(counts: reference.counts))
    for (name, value) in reference.start { try fit.set(name, value: value) }
    return fit
  }

  func check(
    _ profile: ProfileLikelihood<ExpressionModel, PoissonNLL>, _ reference: Reference,
    iminuit: Double, direct: Double?, _ label: String
  ) throws {
    for (key, level) in reference.minos {
      let cl = try ConfidenceLevel(level.cl)
      XCTAssertEqual(cl.chiSquareQuantile(degreesOfFreedom: 1), level.delta, accuracy: 1e-9)
      for (name, edges) in level.parameters {
        let interval = try profile.interval(for: name, level: cl)
        let what = "\(label) \(key) \(name)"
        XCTAssertTrue(
          interval.isValid, "\(what): \(interval.lower.status) / \(interval.upper.status)")
        let lower = try XCTUnwrap(interval.lower.error)
        let upper = try XCTUnwrap(interval.upper.error)
        XCTAssertEqual(lower, edges.lower, accuracy: iminuit * abs(edges.lower), "\(what) lower")
        XCTAssertEqual(upper, edges.upper, accuracy: iminuit * edges.upper, "\(what) upper")
        if let direct, let exact = reference.profileCheck[key]?[name] {
          XCTAssertEqual(lower, exact.lower, accuracy: direct * abs(exact.lower), "\(what) lower")
          XCTAssertEqual(upper, exact.upper, accuracy: direct * exact.upper, "\(what) upper")
        }
      }
    }
  }

  func testLeastSquaresProfileMatchesMinos() throws {
    let reference = try Self.reference()
    let fit = try makeFit(reference)
    let minimum = try fit.minimize()
    XCTAssertEqual(minimum.objectiveValue, reference.minimum, accuracy: 1e-8)
    let profile = try ProfileLikelihood(
      fit: fit, minimum: minimum, minimizer: .leastSquares(LeastSquares()))
    try check(profile, reference, iminuit: 1e-3, direct: 1e-6, "least squares")
  }

  /// The library example of docs/uncertainties.md (an excerpt of this test): the 90 %
  /// interval of the signal strength.
  func testDocumentationExample() throws {
    let reference = try Self.reference()
    let fit = try makeFit(reference)
    let result = try fit.minimize()
    let profile = try ProfileLikelihood(
      fit: fit, minimum: result, minimizer: .leastSquares(LeastSquares()))
    let mu = try profile.interval(for: "mu", level: ConfidenceLevel(0.9))
    // mu.lower.error = −0.451, mu.upper.error = +0.539, mu.parabolicHalfWidth = 0.492
    let expected = try XCTUnwrap(reference.minos["cl90"]?.parameters["mu"])
    XCTAssertEqual(
      try XCTUnwrap(mu.lower.error), expected.lower, accuracy: 1e-3 * abs(expected.lower))
    XCTAssertEqual(try XCTUnwrap(mu.upper.error), expected.upper, accuracy: 1e-3 * expected.upper)
    XCTAssertEqual(mu.lower.error ?? 0, -0.451, accuracy: 5e-4)
    XCTAssertEqual(mu.upper.error ?? 0, 0.539, accuracy: 5e-4)
    XCTAssertEqual(mu.parabolicHalfWidth, 0.492, accuracy: 5e-4)
  }

  func testBFGSProfileMatchesMinos() throws {
    let reference = try Self.reference()
    let fit = try makeFit(reference)
    let minimum = try fit.minimize(using: BFGS())
    let profile = try ProfileLikelihood(
      fit: fit, minimum: minimum, minimizer: FitMinimizer(BFGS()))
    try check(profile, reference, iminuit: 1e-3, direct: nil, "bfgs")
  }
}
