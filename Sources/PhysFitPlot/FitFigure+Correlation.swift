import Foundation
import PhysFit

extension FitFigure {
  /// The correlation matrix ρᵢⱼ of the free parameters as a heat map on −1…1
  /// (blue–white–red), each cell labelled with its coefficient to two decimals; the
  /// first parameter is the top row. Nil when the fit estimated no covariance or has
  /// fewer than two free parameters.
  public static func correlation(_ result: FitResult, title: String? = "Parameter correlations")
    -> Figure?
  {
    let free = result.parameters.indices.filter { !result.parameters[$0].isFixed }
    guard free.count >= 2, result.correlation.rows == result.parameters.count else { return nil }
    let names = free.map { result.parameters[$0].name }
    let k = free.count
    var values: [Double] = []
    var labels: [String] = []
    for i in free {
      for j in free {
        let rho = result.correlation[i, j]
        values.append(rho)
        labels.append(
          rho.isFinite
            ? String(format: "%.2f", rho).replacingOccurrences(of: "-", with: "−") : "nan")
      }
    }
    let edges = (0...k).map { Double($0) - 0.5 }
    let map = HeatMap(
      xEdges: edges, yEdges: edges, values: values, colorMap: .blueWhiteRed, range: -1...1,
      colorBarLabel: "correlation ρ", cellLabels: labels)
    let panel = Panel(
      yAxis: .categorical(names, isReversed: true), series: [.heatMap(map)], legend: .hidden,
      showsGrid: false)
    let side = min(max(90 + 70 * Double(k), 360), 900)
    return Figure(
      title: title, xAxis: .categorical(names), panels: [panel], width: side + 140,
      height: side + 40)
  }
}
