import ArgumentParser
import PhysFit
import PhysFitPlot

/// `physfit train --plot loss.svg --plot-prediction prediction.svg`: the loss curves of
/// the run, and what the trained network predicts over the data. Written atomically
/// after a successful run; a failed run writes neither.
struct TrainPlotOptions: ParsableArguments {
  @Option(
    name: .customLong("plot"),
    help: ArgumentHelp(
      "Write the loss per epoch (training and validation, log scale) as SVG; accuracies of a "
        + "classifier in the legend.",
      valueName: "file.svg"))
  var plot: String?

  @Option(
    name: .customLong("plot-prediction"),
    help: ArgumentHelp(
      "Write the trained network's prediction over the data as SVG: a curve with residuals "
        + "for one input, a map (class probability for classifiers) for two.",
      valueName: "file.svg"))
  var prediction: String?

  /// Refuses, before training, a prediction figure the network cannot have.
  func check(inputCount: Int, outputCount: Int, isClassifier: Bool) throws {
    guard prediction != nil else { return }
    if inputCount > 2 {
      throw ValidationError(
        "--plot-prediction draws networks with one or two inputs, not \(inputCount)")
    }
    if !isClassifier && outputCount > 1 {
      throw ValidationError(
        "--plot-prediction draws one regression output, not \(outputCount)")
    }
  }

  /// Builds and writes the requested figures.
  func write(_ outcome: TrainOutcome, history: TrainingHistory?) throws {
    var files: [(String, String)] = []
    if let plot {
      files.append((plot, lossFigure(outcome, history: history ?? TrainingHistory()).svg()))
    }
    if let prediction {
      files.append((prediction, predictionFigure(outcome).svg()))
    }
    do {
      for (path, text) in files { try AtomicFile.write(text, to: path) }
    } catch {
      throw CLIError(error)
    }
  }

  func lossFigure(_ outcome: TrainOutcome, history: TrainingHistory) -> Figure {
    var notes: [String] = []
    if let a = outcome.trainingAccuracy {
      notes.append("training accuracy \(NumberFormatting.fixed(a.fraction, decimals: 3))")
    }
    if let a = outcome.validationAccuracy {
      notes.append("validation accuracy \(NumberFormatting.fixed(a.fraction, decimals: 3))")
    }
    let loss: String
    switch outcome.objective {
    case .mse: loss = "MSE"
    case .chi2: loss = "χ²/n"
    case .bce, .ce: loss = "cross-entropy per point"
    }
    let unit = outcome.result.method.hasPrefix("lm") ? "iteration" : "epoch"
    return TrainingFigure.loss(
      history, lossLabel: loss, title: "Training: network \(outcome.widths)",
      epochLabel: unit, notes: notes)
  }

  func predictionFigure(_ outcome: TrainOutcome) -> Figure {
    let data = outcome.data
    let trained = outcome.trained
    let xNames = data.xColumnNames
    let title = "Network \(outcome.widths): prediction"
    let y = data.y ?? []
    if data.inputs.columns == 1 {
      let yName = outcome.outputNames.first ?? "y"
      let options = FitFigureOptions(
        title: title, xAxis: Axis(label: xNames.first ?? "x"),
        yAxis: Axis(label: trained.output.isClassifier ? "P(\(yName) = 1)" : yName),
        dataLabel: "data", modelLabel: "network", showsResiduals: !trained.output.isClassifier)
      return TrainingFigure.prediction(
        x: data.inputs.column(0), y: y,
        predict: { trained.probabilities($0).column(0) }, options: options)
    }
    let xAxis = Axis(label: xNames.first ?? "x1")
    let yAxis = Axis(label: xNames.count > 1 ? xNames[1] : "x2")
    switch trained.output {
    case .values:
      return TrainingFigure.predictionMap(
        inputs: data.inputs, predict: { trained.predict($0).column(0) },
        kind: .value(outcome.outputNames.first ?? "prediction"), xAxis: xAxis, yAxis: yAxis,
        title: title)
    case .probability, .logit:
      return TrainingFigure.predictionMap(
        inputs: data.inputs, classes: y.map { Int($0) },
        predict: { trained.probabilities($0).column(0) }, kind: .probability("P(class 1)"),
        xAxis: xAxis, yAxis: yAxis, title: title)
    case .logits:
      let k = trained.classCount ?? 2
      return TrainingFigure.predictionMap(
        inputs: data.inputs, classes: y.map { Int($0) },
        predict: { m in
          TrainedNetwork.classes(probabilities: trained.probabilities(m), output: .logits).map(
            Double.init)
        }, kind: .classIndex(count: k), xAxis: xAxis, yAxis: yAxis, title: title)
    }
  }
}
