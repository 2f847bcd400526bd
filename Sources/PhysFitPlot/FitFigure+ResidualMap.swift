import Foundation
import PhysFit

extension FitFigure {
  /// A fit with two inputs: a heat map of the pulls (y − f)/σ — residuals y − f without
  /// σ — over the plane of the inputs, blue for data below the model, red above.
  ///
  /// Data on a full grid (every combination of the distinct x₁ and x₂ values once) get
  /// one cell per point, edges halfway between grid values. Scattered data are binned
  /// into k × k cells, k = √(n/2) limited to 2…20 (about two points per cell), each
  /// showing the mean pull of its points; empty cells are grey.
  public static func residualMap<M: Model>(
    model: M, result: FitResult, inputs: Matrix, y: [Double], sigma: [Double]?,
    options: FitFigureOptions = FitFigureOptions()
  ) -> Figure {
    precondition(inputs.columns == 2, "a residual map needs two inputs")
    let n = inputs.rows
    let f = ModelCurve(model: model, result: result, inputs: inputs).values
    let r = (0..<n).map { i in (y[i] - f[i]) / (sigma?[i] ?? 1) }
    let x1 = inputs.column(0)
    let x2 = inputs.column(1)
    let u1 = Array(Set(x1)).sorted()
    let u2 = Array(Set(x2)).sorted()
    var xEdges: [Double]
    var yEdges: [Double]
    var sums: [Double]
    var counts: [Double]
    if u1.count * u2.count == n, u1.count >= 2, u2.count >= 2 {
      xEdges = binEdges(u1)
      yEdges = binEdges(u2)
      let index1 = Dictionary(uniqueKeysWithValues: u1.enumerated().map { ($1, $0) })
      let index2 = Dictionary(uniqueKeysWithValues: u2.enumerated().map { ($1, $0) })
      sums = [Double](repeating: 0, count: n)
      counts = sums
      for i in 0..<n {
        let cell = (index2[x2[i]] ?? 0) * u1.count + (index1[x1[i]] ?? 0)
        sums[cell] += r[i]
        counts[cell] += 1
      }
    } else {
      let k = min(max(Int((Double(n) / 2).squareRoot()), 2), 20)
      xEdges = evenEdges(x1, k)
      yEdges = evenEdges(x2, k)
      sums = [Double](repeating: 0, count: k * k)
      counts = sums
      for i in 0..<n where x1[i].isFinite && x2[i].isFinite {
        let a = cellIndex(x1[i], xEdges)
        let b = cellIndex(x2[i], yEdges)
        sums[b * k + a] += r[i]
        counts[b * k + a] += 1
      }
    }
    let values = zip(sums, counts).map { $1 > 0 ? $0 / $1 : .nan }
    let label = sigma == nil ? "residual y − f" : "pull (y − f)/σ"
    let map = HeatMap(
      xEdges: xEdges, yEdges: yEdges, values: values, colorMap: .blueWhiteRed,
      colorBarLabel: label)
    var panel = Panel(yAxis: options.yAxis, legend: .hidden, notes: [], showsGrid: false)
    panel.add(.heatMap(map))
    panel.add(.points(x: x1, y: x2, color: Color(hex: 0x333333), size: 1.2))
    var xAxis = options.xAxis
    xAxis.padding = 0
    panel.yAxis.padding = 0
    return Figure(title: options.title, xAxis: xAxis, panels: [panel], height: 480)
  }

  static func evenEdges(_ values: [Double], _ k: Int) -> [Double] {
    let finite = values.filter(\.isFinite)
    var lo = finite.min() ?? 0
    var hi = finite.max() ?? 1
    if hi <= lo {
      lo -= 0.5
      hi += 0.5
    }
    return (0...k).map { lo + (hi - lo) * Double($0) / Double(k) }
  }

  static func cellIndex(_ v: Double, _ edges: [Double]) -> Int {
    let k = edges.count - 1
    let t = (v - edges[0]) / (edges[k] - edges[0])
    return min(max(Int(t * Double(k)), 0), k - 1)
  }
}
