import Foundation
import PhysFit
import PhysFitPlot
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Golden-structure tests: the SVG parses as XML, has the expected elements, and known
/// data points land where the axis transform — computed here by hand from the frame —
/// puts them.
final class FigureStructureTests: XCTestCase {
  /// Points at known positions on fixed axes 0…10 × 0…1.
  func testPointsMapThroughLinearAxes() throws {
    var figure = Figure(
      title: "Known points", xAxis: Axis(label: "x", unit: "m", range: 0...10))
    figure.add(
      Panel(
        yAxis: Axis(label: "y", range: 0...1),
        series: [
          .points(
            x: [0, 4, 10], y: [0, 0.6, 1], yErrors: [0.1, 0.1, 0.1], label: "data", color: .black)
        ]))
    let svg = try SVGInspection(figure.svg())
    let frame = figure.layout().panels[0].frame

    let circles = svg.elements("circle", class: "marker", in: svg.groups("points").first)
    XCTAssertEqual(circles.count, 3)
    let expected = [(0.0, 0.0), (4.0, 0.6), (10.0, 1.0)].map { x, y in
      (frame.x + x / 10 * frame.width, frame.maxY - y * frame.height)
    }
    for (circle, (ex, ey)) in zip(circles, expected) {
      XCTAssertEqual(circle.number("cx") ?? .nan, ex, accuracy: 0.006)
      XCTAssertEqual(circle.number("cy") ?? .nan, ey, accuracy: 0.006)
    }
    // The marker at x = 4 sits exactly under the tick label "4".
    let xLabels = svg.elements("text", class: "tick-label", in: svg.groups("x-ticks").first)
    XCTAssertEqual(xLabels.map(\.stringValue), ["0", "2", "4", "6", "8", "10"])
    let four = xLabels.first { $0.stringValue == "4" }
    XCTAssertEqual(four?.number("x") ?? .nan, circles[1].number("cx") ?? 0, accuracy: 1e-9)
    let yLabels = svg.elements("text", class: "tick-label", in: svg.groups("y-ticks").first)
    XCTAssertEqual(yLabels.map(\.stringValue), ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    // Error bars: ±0.1 is a tenth of the frame height above and below each point.
    let bars = svg.elements("path", class: "error-bars").first?.string("d") ?? ""
    let middle = "M\(number(expected[1].0)) \(number(expected[1].1 + 0.1 * frame.height))"
    XCTAssertTrue(bars.contains(middle), "\(bars) lacks \(middle)")

    XCTAssertEqual(svg.elements("title").first?.stringValue, "Known points")
    XCTAssertEqual(svg.elements("text", class: "x-label").first?.stringValue, "x [m]")
    XCTAssertEqual(svg.elements("text", class: "legend-label").map(\.stringValue), ["data"])
  }

  /// On a log axis 1…1000 the value 10 is one third of the way up.
  func testLogAxisTransform() throws {
    var figure = Figure(xAxis: Axis(label: "x", range: 0...1))
    figure.add(
      Panel(
        yAxis: Axis(label: "N", scale: .log, range: 1...1000),
        series: [.points(x: [0.5], y: [10])]))
    let svg = try SVGInspection(figure.svg())
    let frame = figure.layout().panels[0].frame
    let circle = try XCTUnwrap(svg.elements("circle", class: "marker").first)
    XCTAssertEqual(circle.number("cy") ?? .nan, frame.maxY - frame.height / 3, accuracy: 0.006)
    XCTAssertEqual(circle.number("cx") ?? .nan, frame.midX, accuracy: 0.006)
    let labels = svg.elements("text", class: "tick-label", in: svg.groups("y-ticks").first)
    XCTAssertEqual(labels.map(\.stringValue), ["1", "10", "100", "1000"])
    let ten = try XCTUnwrap(labels.first { $0.stringValue == "10" })
    // Label baselines sit 0.35 em below their tick so that the text is centred on it.
    XCTAssertEqual(
      (ten.number("y") ?? 0) - 0.35 * FigureStyle.standard.tickSize, circle.number("cy") ?? 0,
      accuracy: 0.011)
  }

  /// A line through values ≤ 0 on a log axis breaks there instead of diving to −∞.
  func testLogLineBreaksAtNonPositiveValues() throws {
    var figure = Figure(xAxis: Axis(range: 0...3))
    figure.add(
      Panel(yAxis: Axis(scale: .log), series: [.line(x: [0, 1, 2, 3], y: [1, -1, 10, 100])]))
    let svg = try SVGInspection(figure.svg())
    let d = try XCTUnwrap(svg.elements("path", class: "line").first?.string("d"))
    XCTAssertEqual(d.filter { $0 == "M" }.count, 2)
    XCTAssertEqual(d.filter { $0 == "L" }.count, 1)
  }

  /// Multi-panel figure with bands, steps, reference lines: shared x axis (labels only
  /// under the bottom panel), a band takes its line's colour.
  func testPanelsShareXAxisAndBandsMatchLines() throws {
    let x = (0...50).map { Double($0) / 5 }
    var figure = Figure(title: "Fit", xAxis: Axis(label: "t", unit: "s"))
    var top = Panel(yAxis: Axis(label: "N", scale: .log), heightRatio: 3)
    top.add(.band(x: x, lower: x.map { exp(-$0) * 0.9 }, upper: x.map { exp(-$0) * 1.1 }))
    top.add(.line(x: x, y: x.map { exp(-$0) }, label: "fit"))
    top.add(.step(edges: [0, 2, 4, 6], values: [0.5, 0.1, 0.01], label: "hist"))
    var bottom = Panel(yAxis: Axis(label: "pull", isSymmetric: true), heightRatio: 1)
    bottom.add(.horizontalLine(0))
    bottom.add(.points(x: [1, 2, 3], y: [-1, 0.5, 2], yErrors: [1, 1, 1]))
    figure.panels = [top, bottom]
    let svg = try SVGInspection(figure.svg())
    let layout = figure.layout()
    XCTAssertEqual(svg.groups("panel").count, 2)
    XCTAssertEqual(layout.panels[0].frame.height, 3 * layout.panels[1].frame.height, accuracy: 1e-9)
    XCTAssertEqual(layout.panels[0].frame.x, layout.panels[1].frame.x)
    XCTAssertEqual(layout.panels[0].frame.width, layout.panels[1].frame.width)
    let xTicks = svg.groups("x-ticks")
    XCTAssertEqual(xTicks.count, 2)
    XCTAssertTrue(svg.elements("text", in: xTicks[0]).isEmpty)
    XCTAssertFalse(svg.elements("text", in: xTicks[1]).isEmpty)
    let band = try XCTUnwrap(svg.elements("path", class: "band").first)
    let line = try XCTUnwrap(svg.elements("path", class: "line").first)
    XCTAssertEqual(band.string("fill"), line.string("stroke"))
    XCTAssertEqual(band.string("fill"), Palette.color(0).svg)
    XCTAssertEqual(
      svg.elements("path", class: "step").first?.string("stroke"), Palette.color(1).svg)
    // The step outline: up from the axis, across three bins, back down (H three times).
    let step = try XCTUnwrap(svg.elements("path", class: "step").first?.string("d"))
    XCTAssertEqual(step.filter { $0 == "H" }.count, 3)
    // The y = 0 reference line runs through the middle of the symmetric pull panel.
    let hline = try XCTUnwrap(svg.elements("path", class: "hline").first?.string("d"))
    XCTAssertTrue(hline.contains(" \(number(layout.panels[1].frame.midY))H"), hline)
    XCTAssertEqual(
      svg.elements("text", class: "legend-label").map(\.stringValue), ["fit", "hist"])
  }

  /// A legend of more than eight rows goes to the right of the plotting area, which
  /// narrows to make room; a short one stays inside, in a corner.
  func testLongLegendMovesOutsideThePlot() throws {
    func figure(series count: Int) -> Figure {
      var figure = Figure(xAxis: Axis(range: 0...1))
      var panel = Panel(yAxis: Axis(range: 0...Double(count)))
      for k in 0..<count {
        panel.add(.line(x: [0, 1], y: [Double(k), Double(k) + 0.5], label: "method \(k)"))
      }
      figure.add(panel)
      return figure
    }
    let long = figure(series: Panel.insideLegendLimit + 4)
    let short = figure(series: 3)
    XCTAssertEqual(long.panels[0].resolvedLegend, .outside)
    XCTAssertEqual(short.panels[0].resolvedLegend, .automatic)
    let longFrame = long.layout().panels[0].frame
    let shortFrame = short.layout().panels[0].frame
    XCTAssertLessThan(longFrame.width, shortFrame.width - 50)
    let longSVG = try SVGInspection(long.svg())
    let box = try XCTUnwrap(
      longSVG.elements("rect", in: longSVG.groups("legend").first).first)
    XCTAssertGreaterThan(box.number("x") ?? 0, longFrame.maxX)
    XCTAssertLessThanOrEqual(
      (box.number("x") ?? .infinity) + (box.number("width") ?? 0), long.width)
    let labels = longSVG.elements("text", class: "legend-label")
    XCTAssertEqual(labels.count, Panel.insideLegendLimit + 4)
    XCTAssertTrue(labels.allSatisfy { ($0.number("x") ?? 0) > longFrame.maxX })
    let shortSVG = try SVGInspection(short.svg())
    let inside = try XCTUnwrap(
      shortSVG.elements("rect", in: shortSVG.groups("legend").first).first)
    XCTAssertLessThan(inside.number("x") ?? .infinity, shortFrame.maxX)
  }

  /// A heat map draws nx·ny cells, the extreme values in the map's end colours, and a
  /// colour bar.
  func testHeatMapCellsAndColorBar() throws {
    let map = HeatMap(
      xEdges: [0, 1, 2, 3], yEdges: [0, 1, 2], values: [0, 1, 2, 3, 4, 5], colorMap: .viridis,
      colorBarLabel: "Δχ²")
    var figure = Figure(xAxis: Axis(label: "a"))
    figure.add(Panel(yAxis: Axis(label: "b"), series: [.heatMap(map)], showsGrid: false))
    let svg = try SVGInspection(figure.svg())
    let cells = svg.elements("rect", in: svg.groups("heatmap").first)
    XCTAssertEqual(cells.count, 6)
    XCTAssertEqual(cells.first?.string("fill"), "#440154")
    XCTAssertEqual(cells.last?.string("fill"), "#fde725")
    // Cell (0, 0) spans x 0…1, y 0…1: its rectangle in pixels.
    let g = figure.layout().panels[0]
    XCTAssertEqual(cells[0].number("x") ?? .nan, g.x.pixel(0) ?? 0, accuracy: 0.006)
    XCTAssertEqual(cells[0].number("y") ?? .nan, g.y.pixel(1) ?? 0, accuracy: 0.006)
    let bar = try XCTUnwrap(svg.groups("colorbar").first)
    XCTAssertEqual(svg.elements("stop", in: bar).count, ColorMap.viridis.anchors.count)
    XCTAssertEqual(
      svg.elements("text", class: "tick-label", in: bar).map(\.stringValue),
      ["0", "1", "2", "3", "4", "5"])
    XCTAssertEqual(svg.elements("text", class: "colorbar-label").first?.stringValue, "Δχ²")
  }

  /// Categorical axes label the cells with names; cell labels are written into the cells.
  func testCategoricalCorrelationMatrix() throws {
    let names = ["A", "tau", "B"]
    let rho: [Double] = [1, -0.8, 0.1, -0.8, 1, 0.3, 0.1, 0.3, 1]
    let map = HeatMap(
      xEdges: [-0.5, 0.5, 1.5, 2.5], yEdges: [-0.5, 0.5, 1.5, 2.5], values: rho,
      colorMap: .blueWhiteRed, range: -1...1, cellLabels: rho.map { String($0) })
    var figure = Figure(xAxis: .categorical(names))
    figure.add(Panel(yAxis: .categorical(names, isReversed: true), series: [.heatMap(map)]))
    let svg = try SVGInspection(figure.svg())
    XCTAssertEqual(
      svg.elements("text", class: "tick-label", in: svg.groups("x-ticks").first).map(\.stringValue),
      names)
    XCTAssertEqual(svg.elements("text", class: "cell-label").count, 9)
    // Reversed y: the first row ("A") is at the top.
    let g = figure.layout().panels[0]
    XCTAssertLessThan(g.y.pixel(0) ?? 0, g.y.pixel(2) ?? 0)
    // ρ = 1 is the dark red end, white text on it; ρ = 0.1 near white, black text.
    let labels = svg.elements("text", class: "cell-label")
    XCTAssertEqual(labels[0].string("fill"), "#ffffff")
    XCTAssertEqual(labels[2].string("fill"), "#000000")
  }

  /// Text with XML metacharacters and control characters round-trips through a parser.
  func testTextIsEscaped() throws {
    let nasty = "a < b && c > \"d\" 'e' \u{01}"
    var figure = Figure(title: nasty, xAxis: Axis(label: nasty))
    figure.add(
      Panel(yAxis: Axis(label: "<y>"), series: [.line(x: [0, 1], y: [0, 1], label: nasty)]))
    let svg = try SVGInspection(figure.svg())
    let clean = "a < b && c > \"d\" 'e' "
    XCTAssertEqual(svg.elements("text", class: "title").first?.stringValue, clean)
    XCTAssertEqual(svg.elements("text", class: "legend-label").first?.stringValue, clean)
    XCTAssertEqual(svg.elements("text", class: "y-label").first?.stringValue, "<y>")
  }

  /// Empty panels, empty series and non-finite data still give a valid document.
  func testDegenerateInputsStayWellFormed() throws {
    var figure = Figure()
    figure.add(Panel())
    figure.add(
      Panel(
        yAxis: Axis(scale: .log),
        series: [
          .line(x: [], y: []), .points(x: [.nan, 1], y: [1, .infinity]),
          .band(x: [0, 1], lower: [-1, -1], upper: [1, 2]), .step(edges: [0], values: []),
          .line(x: [1, 1], y: [5, 5]),
        ]))
    let svg = try SVGInspection(figure.svg())
    XCTAssertEqual(svg.groups("panel").count, 2)
  }

  func testWriteIsAtomicAndReportsFailure() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var figure = Figure(title: "w")
    figure.add(Panel(series: [.line(x: [0, 1], y: [1, 2])]))
    let path = directory.appendingPathComponent("f.svg").path
    try figure.write(to: path)
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), figure.svg())
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["f.svg"])
    let missing = directory.appendingPathComponent("no/such/dir/f.svg").path
    XCTAssertThrowsError(try figure.write(to: missing)) { error in
      XCTAssertTrue("\(error)".contains("cannot write"), "\(error)")
    }
  }

  /// The renderer's number format: two decimals at most.
  private func number(_ v: Double) -> String {
    var s = String(format: "%.2f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}
