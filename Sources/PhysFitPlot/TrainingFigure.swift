import Foundation
import PhysFit

/// The figures of a training run: its loss curves, and what the trained model predicts
/// over the data.
public enum TrainingFigure {
  /// Training and validation loss per epoch on a log axis (losses fall by decades), with
  /// a dotted line at the epoch of lowest validation loss — the parameters early stopping
  /// keeps. `notes` go into the legend box (final losses, accuracies).
  public static func loss(
    _ history: TrainingHistory, lossLabel: String = "loss per point", title: String? = nil,
    epochLabel: String = "epoch", notes: [String] = []
  ) -> Figure {
    let x = history.epochs.map(Double.init)
    let positive = (history.training + history.validation).contains { $0.isFinite && $0 > 0 }
    let allPositive = !(history.training + history.validation).contains { $0.isFinite && $0 <= 0 }
    var panel = Panel(
      yAxis: Axis(label: lossLabel, scale: positive && allPositive ? .log : .linear), notes: notes)
    panel.add(.line(x: x, y: history.training, label: "training"))
    if history.hasValidation {
      panel.add(.line(x: x, y: history.validation, label: "validation", style: .dashed))
      if let best = history.bestValidationEpoch {
        panel.add(
          .verticalLine(Double(best), label: "best validation (epoch \(best))", style: .dotted))
      }
    }
    return Figure(title: title, xAxis: Axis(label: epochLabel), panels: [panel])
  }

  /// What a model with one input predicts: the data as points, the prediction drawn
  /// densely over the data's range as a line, and the residuals y − ŷ below.
  ///
  /// - Parameter predict: the model's output for n inputs (an n × 1 matrix) — a
  ///   regression value or a class-1 probability.
  public static func prediction(
    x: [Double], y: [Double], predict: (Matrix) -> [Double],
    options: FitFigureOptions = FitFigureOptions(modelLabel: "network")
  ) -> Figure {
    let grid = FitFigure.denseGrid(x, count: options.curvePoints, scale: options.xAxis.scale)
    let curve = predict(Matrix(column: grid))
    let atData = predict(Matrix(column: x))
    var main = Panel(yAxis: options.yAxis, notes: options.notes, heightRatio: 3)
    main.add(.line(x: grid, y: curve, label: options.modelLabel))
    main.add(.points(x: x, y: y, label: options.dataLabel, color: .black, size: 2))
    var figure = Figure(title: options.title, xAxis: options.xAxis, panels: [main])
    if options.showsResiduals {
      let residuals = zip(y, atData).map { $0 - $1 }
      figure.add(
        FitFigure.residualPanel(
          x: x, values: residuals,
          axis: Axis(label: "residual", unit: options.yAxis.unit, isSymmetric: true),
          unitErrors: false))
    }
    return figure
  }

  /// What a model with two inputs predicts over their plane, as a heat map on a
  /// `resolution` × `resolution` grid spanning the data, with the data points on top.
  ///
  /// - Parameters:
  ///   - classes: the class label of each point, for classifiers: points are drawn per
  ///     class in the categorical palette. Nil for regression (points in dark grey).
  ///   - kind: how to colour the prediction.
  public static func predictionMap(
    inputs: Matrix, classes: [Int]? = nil, predict: (Matrix) -> [Double],
    kind: PredictionMapKind, xAxis: Axis, yAxis: Axis, title: String? = nil,
    resolution: Int = 40
  ) -> Figure {
    precondition(inputs.columns == 2, "a prediction map needs two inputs")
    let xEdges = FitFigure.evenEdges(inputs.column(0), resolution)
    let yEdges = FitFigure.evenEdges(inputs.column(1), resolution)
    var gx: [Double] = []
    var gy: [Double] = []
    for j in 0..<resolution {
      for i in 0..<resolution {
        gx.append((xEdges[i] + xEdges[i + 1]) / 2)
        gy.append((yEdges[j] + yEdges[j + 1]) / 2)
      }
    }
    let values = predict(Matrix(columns: [gx, gy]))
    let map: HeatMap
    switch kind {
    case .value(let label):
      map = HeatMap(
        xEdges: xEdges, yEdges: yEdges, values: values, colorMap: .viridis, colorBarLabel: label)
    case .probability(let label):
      // White at p = ½: the decision boundary.
      map = HeatMap(
        xEdges: xEdges, yEdges: yEdges, values: values, colorMap: .blueWhiteRed, range: 0...1,
        colorBarLabel: label)
    case .classIndex(let count):
      map = HeatMap(
        xEdges: xEdges, yEdges: yEdges, values: values, colorMap: .viridis,
        range: 0...Double(max(count - 1, 1)), colorBarLabel: "predicted class")
    }
    var panel = Panel(yAxis: yAxis, showsGrid: false)
    panel.yAxis.padding = 0
    panel.add(.heatMap(map))
    let x1 = inputs.column(0)
    let x2 = inputs.column(1)
    if let classes {
      for c in Array(Set(classes)).sorted() {
        let members = classes.indices.filter { classes[$0] == c }
        let shapes: [MarkerShape] = [.circle, .square, .triangle, .diamond]
        panel.add(
          .points(
            x: members.map { x1[$0] }, y: members.map { x2[$0] }, label: "class \(c)",
            color: c == 0 ? .black : c == 1 ? .white : Palette.color(c),
            marker: shapes[c % shapes.count], size: 2.5, outline: c == 0 ? nil : .black))
      }
    } else {
      panel.add(.points(x: x1, y: x2, label: "data", color: Color(hex: 0x333333), size: 1.5))
    }
    var x = xAxis
    x.padding = 0
    return Figure(title: title, xAxis: x, panels: [panel], height: 500)
  }
}

/// How ``TrainingFigure/predictionMap(inputs:classes:predict:kind:xAxis:yAxis:title:resolution:)``
/// colours the prediction.
public enum PredictionMapKind: Sendable, Hashable {
  /// A regression output (viridis), with the colour bar's label.
  case value(String)
  /// A class-1 probability on 0…1 (blue–white–red, white at ½).
  case probability(String)
  /// The index of the most probable of `count` classes.
  case classIndex(count: Int)
}
