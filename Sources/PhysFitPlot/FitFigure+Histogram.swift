import Foundation
import PhysFit

extension FitFigure {
  /// A Poisson fit to binned counts: the histogram as steps with √N error bars, the
  /// model (expected counts per bin, evaluated densely) with its ±1σ band, and Pearson
  /// pulls (n − μ)/√μ below. √μ rather than √n, so that empty bins have a defined pull.
  ///
  /// Bin edges lie halfway between neighbouring centres; the outer edges half a spacing
  /// beyond the first and last centre.
  public static func histogram<M: Model>(
    model: M, result: FitResult, binCenters: [Double], counts: [Double],
    options: FitFigureOptions = FitFigureOptions(dataLabel: "counts")
  ) -> Figure {
    let order = binCenters.indices.sorted { binCenters[$0] < binCenters[$1] }
    let centers = order.map { binCenters[$0] }
    let n = order.map { counts[$0] }
    let edges = binEdges(centers)
    let grid = denseGrid(centers, count: options.curvePoints, scale: options.xAxis.scale)
    let curve = ModelCurve(model: model, result: result, inputs: Matrix(column: grid))
    let mu = ModelCurve(model: model, result: result, inputs: Matrix(column: centers)).values

    var main = Panel(yAxis: options.yAxis, notes: options.notes, heightRatio: 3)
    main.add(.step(edges: edges, values: n, label: options.dataLabel, color: .black, width: 1.2))
    main.add(
      .points(
        x: centers, y: n, yErrors: n.map { max($0, 0).squareRoot() }, color: .black,
        marker: .none))
    if let s = curve.sigmas {
      main.add(
        .band(
          x: grid, lower: zip(curve.values, s).map { $0 - $1 },
          upper: zip(curve.values, s).map { $0 + $1 }, label: "±1σ"))
    }
    main.add(.line(x: grid, y: curve.values, label: options.modelLabel))
    var figure = Figure(title: options.title, xAxis: options.xAxis, panels: [main])
    if options.showsResiduals {
      let pulls = zip(n, mu).map { count, m in m > 0 ? (count - m) / m.squareRoot() : .nan }
      figure.add(
        residualPanel(
          x: centers, values: pulls, axis: Axis(label: "(n − μ)/√μ", isSymmetric: true),
          unitErrors: true))
    }
    return figure
  }

  /// Edges halfway between sorted centres, extended by half a spacing at both ends.
  static func binEdges(_ centers: [Double]) -> [Double] {
    guard centers.count >= 2 else {
      let c = centers.first ?? 0
      return [c - 0.5, c + 0.5]
    }
    var edges = [centers[0] - (centers[1] - centers[0]) / 2]
    for k in 1..<centers.count { edges.append((centers[k - 1] + centers[k]) / 2) }
    let last = centers.count - 1
    edges.append(centers[last] + (centers[last] - centers[last - 1]) / 2)
    return edges
  }
}
