import Foundation
import PhysFit

/// The figures a person expects from a fit, built from a ``FitResult`` and the data it
/// was fitted to. The `physfit fit --plot` option draws exactly these.
///
/// - ``curve(model:result:x:y:sigma:options:)`` — data with error bars, the model drawn
///   densely with its ±1σ band (``ModelCurve``), pulls (y − f)/σ or residuals y − f below;
/// - ``histogram(model:result:binCenters:counts:options:)`` — a Poisson fit to counts:
///   steps with √N error bars, pulls (n − μ)/√μ;
/// - ``sample(model:result:sample:range:extended:bins:options:)`` — an unbinned fit, its
///   sample histogrammed with the fitted density scaled to counts per bin;
/// - ``residualMap(model:result:inputs:y:sigma:options:)`` — two inputs: a heat map of
///   the pulls over the input plane;
/// - ``correlation(_:title:)`` — the correlation matrix of the free parameters.
public enum FitFigure {
  /// Data points with error bars, the fitted curve with its ±1σ band, and the pulls.
  ///
  /// - Parameters:
  ///   - model: a one-input, one-output model whose parameters are (by name) in `result`.
  ///   - sigma: the errors of y; nil draws no error bars and residuals instead of pulls.
  public static func curve<M: Model>(
    model: M, result: FitResult, x: [Double], y: [Double], sigma: [Double]?,
    options: FitFigureOptions = FitFigureOptions()
  ) -> Figure {
    let grid = denseGrid(x, count: options.curvePoints, scale: options.xAxis.scale)
    let curve = ModelCurve(model: model, result: result, inputs: Matrix(column: grid))
    let atData = ModelCurve(model: model, result: result, inputs: Matrix(column: x)).values

    var main = Panel(yAxis: options.yAxis, notes: options.notes, heightRatio: 3)
    if let s = curve.sigmas {
      main.add(
        .band(
          x: grid, lower: zip(curve.values, s).map { $0 - $1 },
          upper: zip(curve.values, s).map { $0 + $1 }, label: "±1σ"))
    }
    main.add(.line(x: grid, y: curve.values, label: options.modelLabel))
    main.add(
      .points(x: x, y: y, yErrors: sigma, label: options.dataLabel, color: .black, size: 2.5))

    let residuals: [Double]
    let residualAxis: Axis
    if let sigma {
      residuals = (0..<min(x.count, y.count)).map { (y[$0] - atData[$0]) / sigma[$0] }
      residualAxis = Axis(label: "pull", isSymmetric: true)
    } else {
      residuals = (0..<min(x.count, y.count)).map { y[$0] - atData[$0] }
      residualAxis = Axis(label: "residual", unit: options.yAxis.unit, isSymmetric: true)
    }
    var figure = Figure(title: options.title, xAxis: options.xAxis, panels: [main])
    if options.showsResiduals {
      figure.add(
        residualPanel(x: x, values: residuals, axis: residualAxis, unitErrors: sigma != nil))
    }
    return figure
  }

  /// The panel of pulls or residuals: points on a zero line (with ±1 error bars for
  /// pulls, which have unit variance by construction).
  static func residualPanel(x: [Double], values: [Double], axis: Axis, unitErrors: Bool) -> Panel {
    var panel = Panel(yAxis: axis, legend: .hidden, heightRatio: 1)
    panel.add(.horizontalLine(0))
    panel.add(
      .points(
        x: x, y: values, yErrors: unitErrors ? values.map { _ in 1 } : nil, color: .black,
        size: 2.5))
    return panel
  }

  /// `count` points spanning the data's range: evenly, or geometrically on a log axis
  /// (over the positive values).
  static func denseGrid(_ x: [Double], count: Int, scale: Scale) -> [Double] {
    let finite = x.filter { $0.isFinite && (scale == .linear || $0 > 0) }
    guard let lo = finite.min(), let hi = finite.max() else { return [] }
    let m = max(count, 2)
    guard hi > lo else { return [lo] }
    return (0..<m).map { k in
      let t = Double(k) / Double(m - 1)
      return scale == .log ? lo * pow(hi / lo, t) : lo + (hi - lo) * t
    }
  }

  /// Goodness-of-fit lines for the legend: "χ²/ndf = 35.6 / 37", "p = 0.53", given the
  /// name of the objective's value ("χ²", "RSS", "χ²_λ", "−ln ℒ").
  public static func summaryNotes(_ result: FitResult, valueName: String = "χ²") -> [String] {
    var notes: [String] = []
    let value = significant(result.objectiveValue, digits: 4)
    if result.ndf > 0, valueName != "−ln ℒ" {
      notes.append("\(valueName)/ndf = \(value) / \(result.ndf)")
    } else {
      notes.append("\(valueName) = \(value)")
    }
    if let p = result.pValue, p.isFinite {
      notes.append("p = " + (p < 1e-3 ? String(format: "%.1e", p) : String(format: "%.3f", p)))
    }
    return notes
  }

  static func significant(_ x: Double, digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    if x == 0 { return "0" }
    let e = Int(floor(log10(abs(x))))
    if e >= -3 && e < 6 {
      return String(format: "%.\(max(0, digits - 1 - e))f", x)
    }
    return String(format: "%.\(digits - 1)e", x)
  }
}
