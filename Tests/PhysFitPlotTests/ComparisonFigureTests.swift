import Foundation
import PhysFit
import PhysFitPlot
import XCTest

/// The convergence figure of a comparison: one median line per applicable optimizer (a
/// least-squares method on a plain function has none), quartile bands when there are
/// several starts, the objective's name in the axis label and notes, and medians that
/// never rise (best-so-far gaps).
final class ComparisonFigureTests: XCTestCase {
  func testConvergenceFigureHasOneCurvePerApplicableOptimizer() throws {
    let problem = try FunctionComparisonProblem { try TestFunction.rosenbrock(dimension: 2) }
    let entrants = [
      ComparisonEntrant(BFGS()), ComparisonEntrant(NelderMead()),
      ComparisonEntrant(leastSquares: TrustRegion()),
    ]
    let comparison = Comparison.run(
      problem, entrants: entrants, settings: ComparisonSettings(starts: 3, seed: 1))
    let figure = ComparisonFigure.convergence(comparison, value: "E", title: "valley")
    let panel = try XCTUnwrap(figure.panels.first)
    XCTAssertEqual(panel.yAxis.label, "best E − E*")
    XCTAssertEqual(panel.notes, ["median over 3 starts; band: quartiles", "E* = known minimum"])
    let svg = try SVGInspection(figure.svg())
    XCTAssertEqual(
      svg.elements("text", class: "legend-label").map(\.stringValue), ["bfgs", "nelder-mead"])
    XCTAssertEqual(svg.elements("path", class: "band").count, 2)
    XCTAssertEqual(svg.elements("title").first?.stringValue, "valley")
    for series in panel.series {
      guard case .line(_, let y) = series.kind else { continue }
      let finite = y.filter(\.isFinite)
      XCTAssertFalse(finite.isEmpty)
      for (a, b) in zip(finite, finite.dropFirst()) { XCTAssertLessThanOrEqual(b, a) }
    }
  }
}
