import Foundation
import PhysFit
import XCTest

/// `--objective` × `--optimizer` end to end: the same fit by different optimizers
/// agrees, and agrees with independent references (iminuit, scikit-learn, closed-form
/// maximum-likelihood estimates).
final class ObjectiveOptimizerTests: XCTestCase {
  static let reference = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("PhysFitTests/Fixtures/reference")

  static func fixture(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: reference.appendingPathComponent(name))
    return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  func values(_ json: [String: Any]) throws -> [String: Double] {
    let parameters = try XCTUnwrap(json["parameters"] as? [[String: Any]])
    var result: [String: Double] = [:]
    for p in parameters {
      result[try XCTUnwrap(p["name"] as? String)] = try XCTUnwrap(p["value"] as? Double)
    }
    return result
  }

  /// The histogram of Fixtures/reference/poisson_peak.json (a gaussian peak on an
  /// exponential background, 50 bins) fitted by `--objective poisson` with a
  /// trust-region, a quasi-Newton and a global+polish optimizer: the three agree to
  /// 1e-5 relative, and with iminuit's values on the same likelihood.
  func testPoissonHistogramAgreesAcrossOptimizers() throws {
    let fixture = try Self.fixture("poisson_peak.json")
    let x = try XCTUnwrap(fixture["x"] as? [Double])
    let counts = try XCTUnwrap(fixture["counts"] as? [Double])
    let names = try XCTUnwrap(fixture["parameters"] as? [String])
    let expected = try XCTUnwrap(fixture["values"] as? [Double])
    let formula = try XCTUnwrap(fixture["formula"] as? String)
    let scratch = try Scratch()
    var text = "x,counts\n"
    for i in x.indices { text += "\(x[i]),\(Int(counts[i]))\n" }
    let path = try scratch.write("hist.csv", text)

    var results: [[String: Double]] = []
    for optimizer in [
      ["--optimizer", "least-squares"], ["--optimizer", "bfgs"],
      ["--optimizer", "annealing", "--then", "bfgs", "--seed", "1"],
    ] {
      let run = try PhysFitRunner.run(
        [
          "fit", path, "--model", formula, "--objective", "poisson",
          "--param", "A=20,m=4.8,s=0.8,B=50,tau=2.5", "--json",
        ] + optimizer)
      XCTAssertEqual(run.status, 0, "\(optimizer): \(run.stderr)")
      let json = try run.json()
      XCTAssertEqual(json["objective"] as? String, "poisson")
      XCTAssertEqual(json["errorDefinition"] as? Double, 1)
      XCTAssertNotNil(json["pValue"] as? Double, "χ²_λ has a p-value")
      results.append(try values(json))
    }
    XCTAssertEqual(results.count, 3)
    for (k, name) in names.enumerated() {
      let first = try XCTUnwrap(results[0][name])
      XCTAssertEqual(first, expected[k], accuracy: 1e-5 * abs(expected[k]), "iminuit: \(name)")
      for r in results.dropFirst() {
        XCTAssertEqual(try XCTUnwrap(r[name]), first, accuracy: 1e-5 * abs(first), name)
      }
    }
  }

  /// Writes the binary logistic-regression data of classification.json as CSV.
  func binaryData(_ scratch: Scratch) throws -> (path: String, b: [String: Double]) {
    let binary = try XCTUnwrap(try Self.fixture("classification.json")["binary"] as? [String: Any])
    let x1 = try XCTUnwrap(binary["x1"] as? [Double])
    let x2 = try XCTUnwrap(binary["x2"] as? [Double])
    let y = try XCTUnwrap(binary["y"] as? [Double])
    var text = "x1,x2,label\n"
    for i in y.indices { text += "\(x1[i]),\(x2[i]),\(Int(y[i]))\n" }
    let b = [
      "b0": try XCTUnwrap(binary["b0"] as? Double), "b1": try XCTUnwrap(binary["b1"] as? Double),
      "b2": try XCTUnwrap(binary["b2"] as? Double),
    ]
    return (try scratch.write("binary.csv", text), b)
  }

  /// Logistic regression by `--objective bce` agrees with scikit-learn's unpenalised
  /// `LogisticRegression`: to 1e-4 relative with bfgs; to 1e-3 relative with full-batch
  /// Adam (η = 0.05), whose gradient test (scaled gradient ≤ 10⁻⁸) leaves the
  /// last digits to the curvature — a first-order method is not asked for more.
  func testLogisticRegressionMatchesScikitLearn() throws {
    let scratch = try Scratch()
    let (path, expected) = try binaryData(scratch)
    let common = [
      "fit", path, "--x", "x1,x2", "--y", "label", "--objective", "bce",
      "--model", "1/(1+exp(-(b0+b1*x1+b2*x2)))", "--param", "b0=0,b1=0,b2=0", "--json",
    ]
    for (optimizer, tolerance) in [
      (["--optimizer", "bfgs"], 1e-4),
      (["--optimizer", "adam", "--learning-rate", "0.05"], 1e-3),
    ] {
      let run = try PhysFitRunner.run(common + optimizer)
      XCTAssertEqual(run.status, 0, "\(optimizer): \(run.stderr)")
      let json = try run.json()
      let fitted = try values(json)
      for (name, value) in expected {
        XCTAssertEqual(
          try XCTUnwrap(fitted[name]), value, accuracy: tolerance * abs(value),
          "\(optimizer): \(name)")
      }
      XCTAssertEqual(json["objective"] as? String, "bce")
      XCTAssertEqual(json["objectiveName"] as? String, "−ln ℒ")
      XCTAssertEqual(json["errorDefinition"] as? Double, 0.5)
      XCTAssertTrue(json["chi2"] is NSNull, "a likelihood is not a χ²")
      XCTAssertTrue(json["pValue"] is NSNull)
      XCTAssertEqual(json["optimizer"] as? String, optimizer[1])
      let accuracy = try XCTUnwrap(json["accuracy"] as? Double)
      XCTAssertGreaterThan(accuracy, 0.5)
      XCTAssertLessThanOrEqual(accuracy, 1)
    }
  }

  /// The same classifier with the model as a logit, and its accuracy recomputed
  /// from scikit-learn's coefficients: the fraction of points with
  /// [b0 + b1·x1 + b2·x2 ≥ 0] equal to the label.
  func testLogitsAndAccuracy() throws {
    let scratch = try Scratch()
    let (path, b) = try binaryData(scratch)
    let run = try PhysFitRunner.run([
      "fit", path, "--x", "x1,x2", "--y", "label", "--objective", "bce", "--logits",
      "--model", "b0+b1*x1+b2*x2", "--param", "b0=0,b1=0,b2=0", "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    let binary = try XCTUnwrap(try Self.fixture("classification.json")["binary"] as? [String: Any])
    let x1 = try XCTUnwrap(binary["x1"] as? [Double])
    let x2 = try XCTUnwrap(binary["x2"] as? [Double])
    let y = try XCTUnwrap(binary["y"] as? [Double])
    let b0 = try XCTUnwrap(b["b0"])
    let b1 = try XCTUnwrap(b["b1"])
    let b2 = try XCTUnwrap(b["b2"])
    let correct = y.indices.filter { ((b0 + b1 * x1[$0] + b2 * x2[$0]) >= 0 ? 1 : 0) == y[$0] }
    XCTAssertEqual(
      try XCTUnwrap(json["accuracy"] as? Double), Double(correct.count) / Double(y.count),
      accuracy: 1e-12)
    let fitted = try values(json)
    XCTAssertEqual(try XCTUnwrap(fitted["b1"]), b1, accuracy: 1e-4 * abs(b1))
  }

  /// Softmax regression by `--objective ce --model linear`: class 0 is the fixed
  /// reference, the others match scikit-learn's class-difference coefficients.
  func testSoftmaxRegressionMatchesScikitLearn() throws {
    let softmax = try XCTUnwrap(
      try Self.fixture("classification.json")["softmax"] as? [String: Any])
    let x1 = try XCTUnwrap(softmax["x1"] as? [Double])
    let x2 = try XCTUnwrap(softmax["x2"] as? [Double])
    let labels = try XCTUnwrap(softmax["labels"] as? [Int])
    let intercepts = try XCTUnwrap(softmax["intercepts_minus_class0"] as? [Double])
    let coefficients = try XCTUnwrap(softmax["coefficients_minus_class0"] as? [[Double]])
    let scratch = try Scratch()
    var text = "x1,x2,class\n"
    for i in labels.indices { text += "\(x1[i]),\(x2[i]),\(labels[i])\n" }
    let path = try scratch.write("classes.csv", text)
    let run = try PhysFitRunner.run([
      "fit", path, "--x", "x1,x2", "--y", "class", "--objective", "ce", "--model", "linear",
      "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    XCTAssertEqual(json["classes"] as? Int, 3)
    let fitted = try values(json)
    for k in 1..<3 {
      for (name, value) in [
        ("b\(k)", intercepts[k]), ("w\(k)_x1", coefficients[k][0]),
        ("w\(k)_x2", coefficients[k][1]),
      ] {
        XCTAssertEqual(try XCTUnwrap(fitted[name]), value, accuracy: 1e-4 * abs(value), name)
      }
    }
    let parameters = try XCTUnwrap(json["parameters"] as? [[String: Any]])
    XCTAssertEqual(parameters.prefix(3).map { $0["fixed"] as? Bool }, [true, true, true])
    XCTAssertNotNil(json["accuracy"] as? Double)
  }

  /// Decay times fitted by `--objective unbinned-nll` with the density exp(−t/τ)
  /// normalised over [0, 80] (80 ≫ τ: the truncation e^(−80/τ) is below 10⁻¹³):
  /// τ̂ is the sample mean, with the error τ̂/√n of the closed form.
  func testUnbinnedExponentialGivesTheMean() throws {
    var state: UInt64 = 12345
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    let times = (0..<300).map { _ in -2.5 * log(uniform()) }.filter { $0 < 80 }
    var sum = 0.0
    for t in times { sum += t }
    let mean = sum / Double(times.count)
    let scratch = try Scratch()
    let path = try scratch.write("times.csv", "t\n" + times.map { "\($0)\n" }.joined())
    for optimizer in ["bfgs", "nelder-mead"] {
      let run = try PhysFitRunner.run([
        "fit", path, "--model", "exp(-t/tau)", "--objective", "unbinned-nll", "--range", "0:80",
        "--param", "tau=1", "--bounds", "tau=0:", "--optimizer", optimizer, "--json",
      ])
      XCTAssertEqual(run.status, 0, "\(optimizer): \(run.stderr)")
      let json = try run.json()
      let parameters = try XCTUnwrap(json["parameters"] as? [[String: Any]])
      let tau = try XCTUnwrap(parameters.first?["value"] as? Double)
      let error = try XCTUnwrap(parameters.first?["error"] as? Double)
      XCTAssertEqual(tau, mean, accuracy: 1e-6 * mean, optimizer)
      XCTAssertEqual(error, mean / Double(times.count).squareRoot(), accuracy: 1e-3 * error)
      XCTAssertTrue(json["y"] is NSNull)
      XCTAssertEqual(json["range"] as? [Double], [0, 80])
      XCTAssertEqual(json["objectiveName"] as? String, "−ln ℒ")
      XCTAssertTrue(json["chi2"] is NSNull)
    }
  }

  /// gaussian-nll without --sigma fits σ; with a built-in that has its own `sigma`,
  /// the noise parameter is `noise_sigma`. For a straight line the ML σ̂ is
  /// √(RSS/n), and a and b equal the least-squares values.
  func testGaussianNoiseParameter() throws {
    let x = (0..<30).map { Double($0) / 3 }
    let y = x.enumerated().map { i, t in 1 + 2 * t + (i % 3 == 0 ? 0.3 : i % 3 == 1 ? -0.2 : -0.1) }
    let scratch = try Scratch()
    var text = "x,y\n"
    for i in x.indices { text += "\(x[i]),\(y[i])\n" }
    let path = try scratch.write("line.csv", text)
    let run = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*x", "--objective", "gaussian-nll", "--json",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let json = try run.json()
    XCTAssertEqual(json["noiseParameter"] as? String, "sigma")
    let fitted = try values(json)
    // Least-squares line.
    let n = Double(x.count)
    var sx = 0.0
    var sy = 0.0
    var sxx = 0.0
    var sxy = 0.0
    for i in x.indices {
      sx += x[i]
      sy += y[i]
      sxx += x[i] * x[i]
      sxy += x[i] * y[i]
    }
    let b = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    let a = (sy - b * sx) / n
    var rss = 0.0
    for i in x.indices { rss += (y[i] - a - b * x[i]) * (y[i] - a - b * x[i]) }
    XCTAssertEqual(try XCTUnwrap(fitted["a"]), a, accuracy: 1e-6)
    XCTAssertEqual(try XCTUnwrap(fitted["b"]), b, accuracy: 1e-6)
    XCTAssertEqual(try XCTUnwrap(fitted["sigma"]), (rss / n).squareRoot(), accuracy: 1e-6)

    let text2 = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*x + 0*sigma", "--objective", "gaussian-nll",
      "--fix", "sigma=1",
    ])
    XCTAssertEqual(text2.status, 0, text2.stderr)
    XCTAssertTrue(text2.stdout.contains("noise_sigma"), text2.stdout)
    XCTAssertTrue(text2.stdout.contains("the model has its own 'sigma'"), text2.stdout)
  }

  /// A pipeline is named by its stages; early stopping is reported as such.
  func testPipelineNameAndEarlyStopping() throws {
    let scratch = try Scratch()
    var text = "x,y\n"
    for i in 0..<40 {
      let x = Double(i) / 4
      text += "\(x),\(0.5 + 1.5 * x + (i % 2 == 0 ? 0.2 : -0.2))\n"
    }
    let path = try scratch.write("line.csv", text)
    let pipeline = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*x", "--optimizer", "annealing", "--then", "bfgs",
      "--seed", "1", "--json",
    ])
    XCTAssertEqual(pipeline.status, 0, pipeline.stderr)
    let json = try pipeline.json()
    XCTAssertEqual(json["optimizer"] as? String, "annealing+bfgs")
    XCTAssertEqual(json["method"] as? String, "annealing+bfgs")

    // Adam on mini-batches with a quarter of the points held out: the validation loss
    // stops improving long before the epoch limit.
    let early = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*x", "--objective", "mse", "--optimizer", "adam",
      "--learning-rate", "0.05", "--validation", "0.25", "--batch-size", "5", "--epochs", "2000",
      "--seed", "2", "--json",
    ])
    XCTAssertEqual(early.status, 0, "an early stop asked for by --validation is a success")
    let object = try early.json()
    XCTAssertEqual(object["stopReason"] as? String, "earlyStopped")
    XCTAssertEqual(object["converged"] as? Bool, false)
    let epochs = try XCTUnwrap(object["earlyStopping"] as? [String: Int])
    XCTAssertLessThan(try XCTUnwrap(epochs["bestEpoch"]), try XCTUnwrap(epochs["lastEpoch"]))
    XCTAssertLessThan(try XCTUnwrap(epochs["lastEpoch"]), 2000)

    let report = try PhysFitRunner.run([
      "fit", path, "--model", "a + b*x", "--objective", "mse", "--optimizer", "adam",
      "--learning-rate", "0.05", "--validation", "0.25", "--batch-size", "5", "--epochs", "2000",
      "--seed", "2",
    ])
    XCTAssertTrue(
      report.stdout.contains("status       stopped early (early stopping:"), report.stdout)
    XCTAssertEqual(report.stderr, "")
  }

  /// `physfit optimizers` lists every optimizer with needs, reach and the library's
  /// defaults.
  func testOptimizersListing() throws {
    let text = try PhysFitRunner.run(["optimizers"])
    XCTAssertEqual(text.status, 0, text.stderr)
    for name in [
      "least-squares", "lm", "lmaccel", "dogleg", "ddogleg", "subspace2d", "nelder-mead", "cg-fr",
      "cg-pr", "bfgs", "steepest-descent", "sgd", "momentum", "nesterov", "adam", "adamw",
      "annealing", "basin-hopping",
    ] {
      XCTAssertTrue(
        text.stdout.split(separator: "\n").contains { $0.hasPrefix(name + " ") }, name)
    }
    XCTAssertTrue(text.stdout.contains("needs residuals, Jacobian"))
    XCTAssertTrue(text.stdout.contains("global, any objective"))

    let json = try PhysFitRunner.run(["optimizers", "--json"])
    XCTAssertEqual(json.status, 0, json.stderr)
    let list = try XCTUnwrap(try json.json()["optimizers"] as? [[String: Any]])
    XCTAssertEqual(list.count, 18)
    func entry(_ name: String) throws -> [String: Any] {
      try XCTUnwrap(list.first { $0["name"] as? String == name })
    }
    let adam = try entry("adam")
    XCTAssertEqual(adam["needs"] as? String, "values, gradients")
    XCTAssertEqual(adam["global"] as? Bool, false)
    let adamDefaults = try XCTUnwrap(adam["defaults"] as? [String: Any])
    XCTAssertEqual(
      adamDefaults["learningRate"] as? Double,
      GradientDescent.adam().configuration.learningRate.initial)
    XCTAssertEqual(adamDefaults["beta2"] as? Double, ScaleByAdam().beta2)
    XCTAssertEqual(try entry("annealing")["global"] as? Bool, true)
    let hopping = try entry("basin-hopping")
    XCTAssertEqual(hopping["global"] as? Bool, true)
    let hoppingDefaults = try XCTUnwrap(hopping["defaults"] as? [String: Any])
    XCTAssertEqual(
      hoppingDefaults["initialStep"] as? Double, BasinHopping.Configuration().initialStep)
    XCTAssertEqual(try entry("nelder-mead")["needs"] as? String, "values")
    XCTAssertEqual(try entry("lm")["objectives"] as? String, "least-squares")
    let bfgs = try XCTUnwrap(try entry("bfgs")["defaults"] as? [String: Any])
    let library = BFGS.Configuration().stopping
    XCTAssertEqual(bfgs["gradientTolerance"] as? Double, library.gradientTolerance)
    XCTAssertEqual(bfgs["maxIterations"] as? Double, Double(library.maxIterations))
  }
}
