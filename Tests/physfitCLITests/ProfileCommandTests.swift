import Foundation
import XCTest

/// `physfit profile` and `physfit contour` against closed forms: the exponential
/// lifetime likelihood, whose profile is analytic, and the error ellipse of a straight
/// line.
final class ProfileCommandTests: XCTestCase {
  let times = [0.21, 1.73, 0.48, 3.05, 0.92, 0.37]

  /// −ln ℒ(τ) = n·ln(τ(1 − e^(−T/τ))) + Σt/τ on [0, T].
  func nll(_ tau: Double) -> Double {
    let n = Double(times.count)
    return n * log(tau * (1 - exp(-30 / tau))) + times.reduce(0.0) { $0 + $1 } / tau
  }

  func testProfileOfTheLifetimeIsTheAnalyticLikelihood() throws {
    let scratch = try Scratch()
    let data = try scratch.write("decay.csv", "t\n" + times.map { "\($0)" }.joined(separator: "\n"))
    let csv = scratch.path("tau.csv")
    let svg = scratch.path("tau.svg")
    let run = try PhysFitRunner.run([
      "profile", data, "--model", "exp(-t/tau)", "--objective", "unbinned-nll", "--range", "0:30",
      "--bounds", "tau=0.01:", "--param", "tau=1", "--parameter", "tau", "--scan", "0.6:2.4",
      "--points", "10", "--output", csv, "--plot", svg, "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    let points = try XCTUnwrap(json["points"] as? [[String: Any]])
    XCTAssertEqual(points.count, 10)
    let tauHat =
      try XCTUnwrap((json["interval"] as? [String: Any])?["parameters"] as? [[String: Any]])[0][
        "value"] as? Double
    let minimum = nll(try XCTUnwrap(tauHat))
    for p in points {
      let tau = try XCTUnwrap(p["value"] as? Double)
      let delta = try XCTUnwrap(p["delta"] as? Double)
      XCTAssertEqual(delta, nll(tau) - minimum, accuracy: 1e-9)
    }
    // The CSV holds the same points.
    let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(rows.first, "tau,delta,converged")
    XCTAssertEqual(rows.count, 11)
    let svgText = try String(contentsOfFile: svg, encoding: .utf8)
    XCTAssertTrue(svgText.contains("<svg"))
    XCTAssertTrue(svgText.contains("Profile of tau"))
  }

  /// y = a + b·x, x centred, equal σ: the 1σ contour (--nsigma 1) is the ellipse
  /// ((a − â)/σa)² + ((b − b̂)/σb)² = 1 with σa = σ/√n, σb = σ/√Σx².
  func testContourOfALineIsTheErrorEllipse() throws {
    let x = (-4...4).map { Double($0) }
    let y = x.map { 1.5 + 0.7 * $0 + 0.1 * sin(3 * $0) }
    let sigma = 0.25
    let n = Double(x.count)
    let sxx = x.reduce(0.0) { $0 + $1 * $1 }
    let aHat = y.reduce(0.0) { $0 + $1 } / n
    let bHat = zip(x, y).reduce(0.0) { $0 + $1.0 * $1.1 } / sxx
    let (sa, sb) = (sigma / n.squareRoot(), sigma / sxx.squareRoot())
    let scratch = try Scratch()
    let data = try scratch.write(
      "line.csv", "x,y,s\n" + x.indices.map { "\(x[$0]),\(y[$0]),\(sigma)" }.joined(separator: "\n")
    )
    let run = try PhysFitRunner.run([
      "contour", data, "--model", "a + b*x", "--sigma", "s", "--params", "a,b", "--nsigma", "1",
      "--points", "16", "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    XCTAssertEqual(json["closed"] as? Bool, true)
    let points = try XCTUnwrap(json["points"] as? [[String: Any]])
    XCTAssertEqual(points.count, 16)
    for p in points {
      let a = try XCTUnwrap(p["x"] as? Double)
      let b = try XCTUnwrap(p["y"] as? Double)
      let r = (a - aHat) * (a - aHat) / (sa * sa) + (b - bHat) * (b - bHat) / (sb * sb)
      XCTAssertEqual(r, 1, accuracy: 1e-4)
    }
  }

  func testBadOptionsAreOneLineErrors() throws {
    let scratch = try Scratch()
    let data = try scratch.write("line.csv", "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n")
    let cases: [([String], Int32, String)] = [
      (["profile", "--parameter", "zz"], 65, "--parameter 'zz': unknown parameter"),
      (["profile", "--parameter", "a", "--scan", "3:1"], 64, "--scan '3:1'"),
      (["profile", "--parameter", "a", "--output", "a.txt"], 64, "must end in .csv or .json"),
      (["contour", "--params", "a,a"], 64, "the two parameters must differ"),
      (["contour", "--params", "a,b", "--cl", "0.9", "--nsigma", "2"], 64, "give one"),
      (["contour", "--params", "a,q"], 65, "--params: unknown parameter 'q'"),
    ]
    for (options, status, message) in cases {
      let run = try PhysFitRunner.run(
        [options[0], data, "--model", "a + b*x"] + options.dropFirst(), in: scratch.url)
      XCTAssertEqual(run.status, status, "\(options): \(run.stderr)")
      XCTAssertTrue(run.stderr.contains(message), "\(options): \(run.stderr)")
      XCTAssertEqual(run.stdout, "")
    }
  }
}
