import Foundation
import PhysFit
import PhysFitPlot
import XCTest

final class TrainingFigureTests: XCTestCase {
  /// A straight line trained by Adam with 25 % of the points held out: one record per
  /// epoch, and the recorded validation loss is the χ² of the held-out points scaled to
  /// the whole data set, n/|V| · Σ_V r², recomputed here at the returned (best) parameters.
  func testRecorderFollowsEpochsAndValidation() throws {
    let x = (0..<20).map { Double($0) / 2 }
    let y = x.map { 1 + 0.5 * $0 + 0.3 * sin(7 * $0) }
    let model = try ExpressionModel("a + b*x")
    var fit = try Fit(model: model, x: x, y: y)
    try fit.set("a", value: 0)
    try fit.set("b", value: 0)
    let configuration = GradientDescent.Configuration(
      stopping: StoppingRule(maxIterations: 150), seed: 3, validationFraction: 0.25,
      patience: 1000)
    let adam = GradientDescent.adam(learningRate: .constant(0.05), configuration: configuration)
    let recorder = TrainingRecorder(scale: 1)
    let result = try fit.minimize(using: adam, observer: recorder.observe)
    let history = recorder.history
    XCTAssertEqual(history.epochs, Array(1...150))
    XCTAssertTrue(history.hasValidation)
    let best = try XCTUnwrap(history.bestValidationEpoch)
    let bestIndex = try XCTUnwrap(history.epochs.firstIndex(of: best))
    let held = configuration.split(pointCount: x.count).validation
    var sum = 0.0
    for i in held {
      let r = y[i] - result.values[0] - result.values[1] * x[i]
      sum += r * r
    }
    let expected = Double(x.count) / Double(held.count) * sum
    XCTAssertEqual(history.validation[bestIndex], expected, accuracy: 1e-9 * max(expected, 1))
  }

  func testLossFigureIsLogWithBestEpochMarked() throws {
    var history = TrainingHistory(scale: 0.5)
    for (k, (t, v)) in zip([4.0, 1.0, 0.1, 0.04], [5.0, 1.5, 0.2, 0.3]).enumerated() {
      history.record(
        IterationReport(
          iteration: k + 1, evaluations: EvaluationCounts(), value: t, gradientNorm: 0,
          stepNorm: 0, elapsed: 0, validationValue: v))
    }
    XCTAssertEqual(history.training, [2, 0.5, 0.05, 0.02])
    XCTAssertEqual(history.bestValidationEpoch, 3)
    let figure = TrainingFigure.loss(history, notes: ["accuracy 0.95"])
    let svg = try SVGInspection(figure.svg())
    XCTAssertEqual(figure.layout().panels[0].y.scale, .log)
    XCTAssertEqual(svg.elements("path", class: "line").count, 2)
    let vline = try XCTUnwrap(svg.elements("path", class: "vline").first?.string("d"))
    let g = figure.layout().panels[0]
    XCTAssertTrue(vline.hasPrefix("M\(SVGNumber.format(g.x.pixel(3) ?? 0)) "), vline)
    XCTAssertEqual(
      svg.elements("text", class: "legend-label").map(\.stringValue),
      ["training", "validation", "best validation (epoch 3)"])
    XCTAssertEqual(svg.elements("text", class: "legend-note").map(\.stringValue), ["accuracy 0.95"])
  }

  /// Classifier map: a logistic "network" p = σ(x₁ − x₂); the cell at the centre of the
  /// grid lies on the boundary x₁ = x₂, p = ½, drawn white-ish; points grouped by class.
  func testPredictionMapForClassifier() throws {
    let x1: [Double] = [-1, -0.5, 0.5, 1, 0, 0.2]
    let x2: [Double] = [1, 0.5, -0.5, -1, 0.3, -0.1]
    let classes = [0, 0, 1, 1, 0, 1]
    let figure = TrainingFigure.predictionMap(
      inputs: Matrix(columns: [x1, x2]), classes: classes,
      predict: { m in (0..<m.rows).map { 1 / (1 + exp(-(m[$0, 0] - m[$0, 1]))) } },
      kind: .probability("P(class 1)"), xAxis: Axis(label: "x1"), yAxis: Axis(label: "x2"),
      resolution: 4)
    let svg = try SVGInspection(figure.svg())
    let cells = svg.elements("rect", in: svg.groups("heatmap").first)
    XCTAssertEqual(cells.count, 16)
    // Diagonal cells have x₁ = x₂ at their centres: p = ½ → the map's centre colour.
    XCTAssertEqual(cells[0].string("fill"), ColorMap.blueWhiteRed.color(at: 0.5).svg)
    XCTAssertEqual(cells[5].string("fill"), ColorMap.blueWhiteRed.color(at: 0.5).svg)
    XCTAssertEqual(
      svg.elements("text", class: "legend-label").map(\.stringValue), ["class 0", "class 1"])
  }

  func testRegressionPredictionCurve() throws {
    let x: [Double] = [0, 1, 2, 3]
    let y: [Double] = [0, 1.1, 3.9, 9.2]
    let figure = TrainingFigure.prediction(
      x: x, y: y, predict: { m in (0..<m.rows).map { m[$0, 0] * m[$0, 0] } })
    let svg = try SVGInspection(figure.svg())
    let line = try XCTUnwrap(svg.elements("path", class: "line").first?.string("d"))
    XCTAssertEqual(line.filter { $0 == "L" }.count, 399)
    // Residual of the last point: 9.2 − 9 = 0.2.
    let residuals = svg.elements("circle", class: "marker", in: svg.groups("panel")[1])
    let g = figure.layout().panels[1]
    XCTAssertEqual(residuals[3].number("cy") ?? .nan, g.y.pixel(0.2) ?? 0, accuracy: 0.02)
  }
}

/// The renderer's coordinate format (two decimals, trailing zeros dropped).
enum SVGNumber {
  static func format(_ v: Double) -> String {
    var s = String(format: "%.2f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}
