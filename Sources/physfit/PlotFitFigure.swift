import PhysFit
import PhysFitPlot

/// The `--plot` figure of a fit: chooses the ``FitFigure`` kind from the objective and
/// the number of inputs, and labels the axes with the column names and `--unit` units.
struct FitPlot {
  var summary: FitSummary
  /// Units by column name.
  var units: [String: String]
  var logY: Bool

  func figure() throws -> Figure {
    let data = summary.data
    let model = try ExpressionModel(summary.model, inputs: data.inputNames)
    let xName = data.xColumnNames.first ?? "x"
    let yName = data.yName ?? "y"
    var options = FitFigureOptions(
      title: "\(summary.model)",
      xAxis: Axis(label: xName, unit: units[xName]),
      yAxis: Axis(label: yName, unit: units[yName], scale: logY ? .log : .linear),
      notes: FitFigure.summaryNotes(summary.result, valueName: summary.valueName))
    let x = data.inputs.column(0)
    if data.inputs.columns == 2 {
      let x2 = data.xColumnNames.count > 1 ? data.xColumnNames[1] : "x2"
      options.yAxis = Axis(label: x2, unit: units[x2])
      options.title = "\(summary.model): \(summary.hasSigma ? "pulls" : "residuals")"
      return FitFigure.residualMap(
        model: model, result: summary.result, inputs: data.inputs, y: data.yValues,
        sigma: data.sigma, options: options)
    }
    switch summary.objective {
    case .poisson:
      options.dataLabel = yName
      return FitFigure.histogram(
        model: model, result: summary.result, binCenters: x, counts: data.yValues,
        options: options)
    case .unbinnedNLL, .extendedNLL:
      options.yAxis = Axis(label: "entries per bin", scale: logY ? .log : .linear)
      options.dataLabel = xName
      let range = summary.extras.range ?? ((x.min() ?? 0)...(x.max() ?? 1))
      return FitFigure.sample(
        model: model, result: summary.result, sample: x, range: range,
        extended: summary.objective == .extendedNLL, options: options)
    default:
      return FitFigure.curve(
        model: model, result: summary.result, x: x, y: data.yValues, sigma: data.sigma,
        options: options)
    }
  }
}
