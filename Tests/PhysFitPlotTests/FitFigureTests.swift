import Foundation
import PhysFit
import PhysFitPlot
import XCTest

final class FitFigureTests: XCTestCase {
  /// Straight line f = a + b·x: σ_f² = C_aa + 2x·C_ab + x²·C_bb exactly.
  func testBandOfStraightLineMatchesClosedForm() throws {
    let model = try ExpressionModel("a + b*x")
    let c = Matrix(columns: [[0.04, -0.01], [-0.01, 0.09]])
    let x: [Double] = [-2, 0, 1, 3.5]
    let curve = ModelCurve(
      model: model, parameters: [1, 2], covariance: c, inputs: Matrix(column: x))
    for (k, v) in x.enumerated() {
      XCTAssertEqual(curve.values[k], 1 + 2 * v, accuracy: 1e-12)
      let expected = (0.04 + 2 * v * -0.01 + v * v * 0.09).squareRoot()
      XCTAssertEqual(curve.sigmas?[k] ?? .nan, expected, accuracy: 1e-12)
    }
  }

  /// Nonlinear model: the band equals g C gᵀ with g from central differences of the
  /// closed-form function, computed here independently of the model's Jacobian.
  func testBandOfExponentialMatchesFiniteDifferences() throws {
    let model = try ExpressionModel("A*exp(-x/tau)")
    let theta = [100.0, 2.5]
    let c = Matrix(columns: [[4.0, -0.05], [-0.05, 0.01]])
    let x: [Double] = [0, 1, 2, 5]
    let curve = ModelCurve(
      model: model, parameters: theta, covariance: c, inputs: Matrix(column: x))
    func f(_ x: Double, _ a: Double, _ tau: Double) -> Double { a * exp(-x / tau) }
    for (k, v) in x.enumerated() {
      let h = 1e-6
      let gA = (f(v, theta[0] + h, theta[1]) - f(v, theta[0] - h, theta[1])) / (2 * h)
      let gT = (f(v, theta[0], theta[1] + h) - f(v, theta[0], theta[1] - h)) / (2 * h)
      let expected = (gA * gA * 4 + 2 * gA * gT * -0.05 + gT * gT * 0.01).squareRoot()
      XCTAssertEqual(curve.sigmas?[k] ?? .nan, expected, accuracy: 1e-6 * max(expected, 1))
    }
  }

  /// A weighted straight-line fit, drawn: the curve is dense, every data point appears
  /// with its error bar, and each pull marker sits at (yᵢ − a − b·xᵢ)/σᵢ with a, b from
  /// the closed-form weighted least-squares solution.
  func testCurveFigureOfStraightLineFit() throws {
    let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
    let y: [Double] = [1.1, 2.9, 5.2, 6.8, 9.1, 11.2, 12.7, 15.1]
    let sigma: [Double] = [0.2, 0.2, 0.3, 0.2, 0.3, 0.2, 0.3, 0.2]
    let model = try ExpressionModel("a + b*x")
    let fit = try Fit(model: model, x: x, y: y, sigma: sigma)
    let result = try fit.minimize()
    // Weighted normal equations.
    var s = 0.0
    var sx = 0.0
    var sy = 0.0
    var sxx = 0.0
    var sxy = 0.0
    for i in x.indices {
      let w = 1 / (sigma[i] * sigma[i])
      s += w
      sx += w * x[i]
      sy += w * y[i]
      sxx += w * x[i] * x[i]
      sxy += w * x[i] * y[i]
    }
    let delta = s * sxx - sx * sx
    let a = (sxx * sy - sx * sxy) / delta
    let b = (s * sxy - sx * sy) / delta

    let figure = FitFigure.curve(
      model: model, result: result, x: x, y: y, sigma: sigma,
      options: FitFigureOptions(xAxis: Axis(label: "x"), yAxis: Axis(label: "y")))
    let svg = try SVGInspection(figure.svg())
    XCTAssertEqual(svg.groups("panel").count, 2)
    let line = try XCTUnwrap(svg.elements("path", class: "line").first?.string("d"))
    XCTAssertEqual(line.filter { $0 == "L" }.count, 399)
    XCTAssertNotNil(svg.elements("path", class: "band").first)
    let panels = svg.groups("panel")
    let dataPoints = svg.elements("g", class: "points", in: panels[0]).first
    XCTAssertEqual(svg.elements("circle", class: "marker", in: dataPoints).count, x.count)
    let pullMarkers = svg.elements("circle", class: "marker", in: panels[1])
    XCTAssertEqual(pullMarkers.count, x.count)
    let g = figure.layout().panels[1]
    for i in x.indices {
      let pull = (y[i] - a - b * x[i]) / sigma[i]
      XCTAssertEqual(pullMarkers[i].number("cy") ?? .nan, g.y.pixel(pull) ?? 0, accuracy: 0.02)
      XCTAssertEqual(pullMarkers[i].number("cx") ?? .nan, g.x.pixel(x[i]) ?? 0, accuracy: 0.006)
    }
    XCTAssertEqual(
      svg.elements("text", class: "legend-label").map(\.stringValue), ["±1σ", "fit", "data"])
    XCTAssertEqual(svg.elements("text", class: "y-label").map(\.stringValue), ["y", "pull"])
  }

  /// Without σ the lower panel shows residuals y − f in the units of y, without error bars.
  func testResidualsWithoutSigma() throws {
    let model = try ExpressionModel("a + b*x")
    let x: [Double] = [0, 1, 2, 3, 4]
    let y: [Double] = [0.1, 0.9, 2.2, 2.9, 4.1]
    let result = try Fit(model: model, x: x, y: y).minimize()
    let figure = FitFigure.curve(
      model: model, result: result, x: x, y: y, sigma: nil,
      options: FitFigureOptions(yAxis: Axis(label: "U", unit: "V")))
    let svg = try SVGInspection(figure.svg())
    XCTAssertEqual(
      svg.elements("text", class: "y-label").map(\.stringValue), ["U [V]", "residual [V]"])
    XCTAssertTrue(svg.elements("path", class: "error-bars").isEmpty)
  }

  func testBinEdgesAndHistogramFigure() throws {
    let model = try ExpressionModel("c")
    let centers: [Double] = [0.5, 1.5, 2.5, 3.5]
    let counts: [Double] = [4, 9, 0, 7]
    let fit = try Fit(
      model: model, inputs: Matrix(column: centers), objective: PoissonNLL(counts: counts))
    let result = try fit.minimize()
    // The maximum-likelihood constant of a Poisson fit is the mean count, 5.
    XCTAssertEqual(result["c"]?.value ?? 0, 5, accuracy: 1e-6)
    let figure = FitFigure.histogram(
      model: model, result: result, binCenters: centers, counts: counts)
    let svg = try SVGInspection(figure.svg())
    let step = try XCTUnwrap(svg.elements("path", class: "step").first?.string("d"))
    XCTAssertEqual(step.filter { $0 == "H" }.count, 4)
    // √N bars: the bin with 9 counts spans 9 ± 3.
    let g = figure.layout().panels[0]
    let bars = try XCTUnwrap(svg.elements("path", class: "error-bars").first?.string("d"))
    let x = g.x.pixel(1.5) ?? 0
    XCTAssertTrue(bars.contains(format(x) + " " + format(g.y.pixel(6) ?? 0)), bars)
    // Pearson pulls (n − μ)/√μ with μ = 5: the empty bin at −√5.
    let pulls = svg.elements("circle", class: "marker", in: svg.groups("panel")[1])
    XCTAssertEqual(pulls.count, 4)
    let p = figure.layout().panels[1]
    XCTAssertEqual(pulls[2].number("cy") ?? .nan, p.y.pixel(-5.0.squareRoot()) ?? 0, accuracy: 0.02)
  }

  /// An unbinned fit of a flat density on 0…2 with N = 40 entries and 8 bins: the curve
  /// is N·w = 5 entries per bin everywhere, whatever the fitted constant.
  func testSampleFigureNormalisesTheDensity() throws {
    let model = try ExpressionModel("c + 0*x")
    let sample = (0..<40).map { Double($0) / 20 + 0.025 }
    let result = try Fit(model: model, unbinned: sample, range: 0...2).minimize(using: BFGS())
    let figure = FitFigure.sample(
      model: model, result: result, sample: sample, range: 0...2, extended: false, bins: 8)
    let svg = try SVGInspection(figure.svg())
    let d = try XCTUnwrap(svg.elements("path", class: "line").first?.string("d"))
    let ys = Set(
      d.split(whereSeparator: { $0 == "M" || $0 == "L" }).map { $0.split(separator: " ")[1] })
    let g = figure.layout().panels[0]
    XCTAssertEqual(ys, [Substring(format(g.y.pixel(5) ?? 0))])
  }

  func testCorrelationFigure() throws {
    let model = try ExpressionModel("a + b*x")
    let x: [Double] = [1, 2, 3, 4, 5]
    let result = try Fit(
      model: model, x: x, y: [1.1, 1.9, 3.2, 3.9, 5.1], sigma: [0.1, 0.1, 0.1, 0.1, 0.1]
    ).minimize()
    let figure = try XCTUnwrap(FitFigure.correlation(result))
    let svg = try SVGInspection(figure.svg())
    XCTAssertEqual(
      svg.elements("text", class: "tick-label", in: svg.groups("x-ticks").first).map(\.stringValue),
      ["a", "b"])
    // ρ_ab = −Σx/√(n·Σx²) for equal σ: −15/√(5·55).
    let rho: Double = -15.0 / (5.0 * 55.0).squareRoot()
    let labels = svg.elements("text", class: "cell-label").map(\.stringValue)
    XCTAssertEqual(
      labels,
      [
        "1.00", String(format: "%.2f", rho).replacingOccurrences(of: "-", with: "−"),
        String(format: "%.2f", rho).replacingOccurrences(of: "-", with: "−"), "1.00",
      ])
    var one = result
    one.parameters[1].isFixed = true
    XCTAssertNil(FitFigure.correlation(one))
  }

  /// Data on a 3 × 3 grid give nine cells; a point on the model is white (pull 0).
  func testResidualMapOnGrid() throws {
    let model = try ExpressionModel("a*x1 + b*x2", inputs: ["x1", "x2"])
    var x1: [Double] = []
    var x2: [Double] = []
    for j in 0..<3 {
      for i in 0..<3 {
        x1.append(Double(i))
        x2.append(Double(j))
      }
    }
    var y: [Double] = []
    for i in x1.indices { y.append(2 * x1[i] + 3 * x2[i]) }
    y[4] += 0.5
    y[8] -= 0.5
    let inputs = Matrix(columns: [x1, x2])
    let result = try Fit(model: model, inputs: inputs, y: y, sigma: Array(repeating: 0.1, count: 9))
      .minimize()
    let figure = FitFigure.residualMap(
      model: model, result: result, inputs: inputs, y: y, sigma: Array(repeating: 0.1, count: 9),
      options: FitFigureOptions(xAxis: Axis(label: "x1"), yAxis: Axis(label: "x2")))
    let svg = try SVGInspection(figure.svg())
    let cells = svg.elements("rect", in: svg.groups("heatmap").first)
    XCTAssertEqual(cells.count, 9)
    XCTAssertEqual(
      svg.elements("text", class: "colorbar-label").first?.stringValue, "pull (y − f)/σ")
    // Cell edges halfway between grid values: the first cell spans x1 −0.5…0.5.
    let g = figure.layout().panels[0]
    XCTAssertEqual(cells[0].number("x") ?? .nan, g.x.pixel(-0.5) ?? 0, accuracy: 0.006)
  }

  private func format(_ v: Double) -> String {
    var s = String(format: "%.2f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}
