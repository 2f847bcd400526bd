import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `--plot`, `--plot-correlation`, `--report`: files appear complete after a fit, none
/// after a failed run, and an unwritable path exits 73.
final class PlotOptionTests: XCTestCase {
  /// y = 50·exp(−t/4) + 5 with a fixed ±3 % pattern, σ = 2.
  func decayData() -> String {
    var text = "t,counts,dcounts\n"
    for i in 0..<25 {
      let t = Double(i) * 0.5
      let y = 50 * exp(-t / 4) + 5 + (i % 3 == 0 ? 1.2 : i % 3 == 1 ? -0.9 : 0.1)
      text += "\(t),\(y),2\n"
    }
    return text
  }

  func testPlotCorrelationAndReport() throws {
    let scratch = try Scratch()
    let data = try scratch.write("decay.csv", decayData())
    let run = try PhysFitRunner.run([
      "fit", data, "--model", "A*exp(-t/tau) + B", "--x", "t", "--y", "counts", "--sigma",
      "dcounts", "--param", "A=40,tau=3,B=1", "--plot", scratch.path("fit.svg"),
      "--plot-correlation", scratch.path("corr.svg"), "--report", scratch.path("fit.md"),
      "--unit", "t=s",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
    let figure = try XMLDocument(contentsOf: URL(fileURLWithPath: scratch.path("fit.svg")))
    let texts = allText(figure)
    XCTAssertTrue(texts.contains("t [s]"), "\(texts)")
    XCTAssertTrue(texts.contains("pull"), "\(texts)")
    XCTAssertTrue(texts.contains { $0.hasPrefix("χ²/ndf = ") }, "\(texts)")
    let correlation = try XMLDocument(contentsOf: URL(fileURLWithPath: scratch.path("corr.svg")))
    XCTAssertTrue(Set(allText(correlation)).isSuperset(of: ["A", "tau", "B"]))

    // The report's table repeats the terminal report's rounded values.
    let report = try String(contentsOfFile: scratch.path("fit.md"), encoding: .utf8)
    for name in ["A", "tau", "B"] {
      let row = try XCTUnwrap(
        run.stdout.split(separator: "\n").first { $0.hasPrefix(name + " ") })
      let fields = row.split(separator: " ")
      XCTAssertTrue(report.contains("| \(name) | \(fields[1]) | \(fields[2]) |"), report)
    }
    XCTAssertTrue(report.contains("![fit](fit.svg)"), report)
    XCTAssertTrue(report.contains("![parameter correlations](corr.svg)"), report)
    XCTAssertTrue(report.contains("| p-value |"), report)
    // No temporary files are left beside the outputs.
    XCTAssertEqual(
      Set(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)),
      ["decay.csv", "fit.svg", "corr.svg", "fit.md"])
  }

  /// A fit that fails on its input writes nothing.
  func testFailedFitWritesNothing() throws {
    let scratch = try Scratch()
    let data = try scratch.write("decay.csv", decayData())
    let run = try PhysFitRunner.run([
      "fit", data, "--model", "A*exp(-t/tau) + B", "--x", "t", "--y", "nosuchcolumn",
      "--plot", scratch.path("fit.svg"), "--report", scratch.path("fit.md"),
    ])
    XCTAssertEqual(run.status, 65, run.stderr)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: scratch.url.path), ["decay.csv"])
  }

  func testUnwritableFigureExits73() throws {
    let scratch = try Scratch()
    let data = try scratch.write("decay.csv", decayData())
    let run = try PhysFitRunner.run([
      "fit", data, "--model", "A*exp(-t/tau) + B", "--x", "t", "--y", "counts",
      "--param", "A=40,tau=3,B=1", "--plot", scratch.path("missing/dir/fit.svg"),
    ])
    XCTAssertEqual(run.status, 73, run.stderr)
    XCTAssertTrue(run.stderr.hasPrefix("error: cannot write"), run.stderr)
  }

  func testPlotOptionErrorsBeforeTheFit() throws {
    let scratch = try Scratch()
    let data = try scratch.write("three.csv", "a,b,c,y\n1,2,3,4\n2,3,4,5\n3,4,5,7\n4,5,6,8\n")
    let three = try PhysFitRunner.run([
      "fit", data, "--model", "p*a + q*b + r*c", "--x", "a,b,c", "--y", "y", "--plot",
      scratch.path("f.svg"),
    ])
    XCTAssertEqual(three.status, 64, three.stderr)
    XCTAssertTrue(three.stderr.contains("one or two inputs"), three.stderr)
    XCTAssertEqual(three.stdout, "")
    let unit = try PhysFitRunner.run([
      "fit", data, "--model", "p*a", "--x", "a", "--y", "y", "--unit", "a", "--plot",
      scratch.path("f.svg"),
    ])
    XCTAssertEqual(unit.status, 64, unit.stderr)
    XCTAssertTrue(unit.stderr.contains("--unit 'a'"), unit.stderr)
  }

  /// A Poisson fit to a histogram draws steps with √N error bars and (n − μ)/√μ pulls.
  func testPoissonHistogramFigure() throws {
    let scratch = try Scratch()
    var text = "x,n\n"
    for (i, n) in [3, 7, 12, 18, 14, 9, 5, 2].enumerated() { text += "\(Double(i) + 0.5),\(n)\n" }
    let data = try scratch.write("h.csv", text)
    let run = try PhysFitRunner.run([
      "fit", data, "--model", "A*exp(-(x-m)^2/(2*s^2))", "--objective", "poisson",
      "--param", "A=15,m=3.5,s=2", "--plot", scratch.path("h.svg"),
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let svg = try String(contentsOfFile: scratch.path("h.svg"), encoding: .utf8)
    XCTAssertNoThrow(try XMLDocument(xmlString: svg))
    XCTAssertTrue(svg.contains("class=\"series step\""))
    XCTAssertTrue(svg.contains("(n − μ)/√μ"))
  }

  /// Two Gaussian blobs, labels 0/1 — a classifier a small network learns in a few epochs.
  func blobs() -> String {
    var text = "x1,x2,label\n"
    for i in 0..<60 {
      let a = Double(i) * 2.399963  // golden angle: points spread evenly in a disc
      let r = 0.6 * (Double(i % 20) / 20).squareRoot()
      let c = i % 2
      let centre = c == 0 ? -1.0 : 1.0
      text += "\(centre + r * cos(a)),\(centre + r * sin(a)),\(c)\n"
    }
    return text
  }

  /// `train --plot --plot-prediction`: loss curves with validation, a probability map;
  /// piped standard error holds no progress bar.
  func testTrainFigures() throws {
    let scratch = try Scratch()
    let data = try scratch.write("blobs.csv", blobs())
    let run = try PhysFitRunner.run([
      "train", data, "--x", "x1,x2", "--y", "label", "--network", "2-4-1", "--objective", "bce",
      "--learning-rate", "0.05", "--epochs", "15", "--validation", "0.25", "--seed", "2",
      "--plot", scratch.path("loss.svg"), "--plot-prediction", scratch.path("map.svg"),
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
    let loss = try XMLDocument(contentsOf: URL(fileURLWithPath: scratch.path("loss.svg")))
    let texts = allText(loss)
    for label in ["training", "validation", "epoch", "cross-entropy per point"] {
      XCTAssertTrue(texts.contains(label), "\(label) missing in \(texts)")
    }
    XCTAssertTrue(texts.contains { $0.hasPrefix("validation accuracy ") }, "\(texts)")
    let map = try String(contentsOfFile: scratch.path("map.svg"), encoding: .utf8)
    XCTAssertNoThrow(try XMLDocument(xmlString: map))
    XCTAssertTrue(map.contains("P(class 1)"))
    XCTAssertTrue(map.contains(">class 0<") && map.contains(">class 1<"))
  }

  /// A training run that diverges (exit 2) writes no figure.
  func testFailedTrainingWritesNoFigure() throws {
    let scratch = try Scratch()
    let data = try scratch.write("blobs.csv", blobs())
    let run = try PhysFitRunner.run([
      "train", data, "--x", "x1", "--y", "x2", "--network", "1-8-1", "--optimizer", "sgd",
      "--learning-rate", "1e6", "--epochs", "50", "--plot", scratch.path("loss.svg"),
    ])
    XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("loss.svg")))
  }

  /// Annealing runs long enough for a progress bar, but standard error is a file here,
  /// not a terminal: it stays empty (no bar, no carriage returns).
  func testPipedFitDrawsNoProgressBar() throws {
    let scratch = try Scratch()
    let data = try scratch.write("decay.csv", decayData())
    let run = try PhysFitRunner.run([
      "fit", data, "--model", "A*exp(-t/tau) + B", "--x", "t", "--y", "counts", "--sigma",
      "dcounts", "--optimizer", "annealing", "--then", "bfgs", "--seed", "1", "--bounds",
      "A=0:100,tau=0.5:20,B=0:20",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
  }

  private func allText(_ document: XMLDocument) -> [String] {
    var out: [String] = []
    func walk(_ node: XMLNode) {
      if let e = node as? XMLElement, e.name == "text" { out.append(e.stringValue ?? "") }
      for child in node.children ?? [] { walk(child) }
    }
    if let root = document.rootElement() { walk(root) }
    return out
  }
}
