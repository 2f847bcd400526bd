import Foundation
import PhysFit
import PhysFitPlot

/// What `physfit train` reports: the result, the trained network and its losses and
/// accuracies on the training and validation points.
struct TrainOutcome {
  var result: FitResult
  var trained: TrainedNetwork
  var data: SelectedData
  var objective: TrainObjective
  /// The `--network` text and the hidden activation, for the report.
  var widths: String
  var optimizer: String
  var trainingCount: Int
  var validationCount: Int
  /// The `--y` column names (one per output for regression, the label for classifiers).
  var outputNames: [String]
  /// Loss per point (MSE; χ²/n; mean −ln ℒ) on the training and validation points; for
  /// several outputs the MSE over all values (the mean of the per-output MSEs) or the
  /// χ²/n summed over the outputs.
  var trainingLoss: Double
  var validationLoss: Double?
  /// Each output's own loss (MSE or χ²/n of its column), for multi-output regression.
  var trainingLossPerOutput: [Double]?
  var validationLossPerOutput: [Double]?
  var trainingAccuracy: Accuracy?
  var validationAccuracy: Accuracy?
  /// Seconds of the optimizer's run (the last iteration report), or of the whole fit.
  var seconds: Double
  var standardized: Bool
  /// The loss per point, epoch by epoch (for `--plot`).
  var history: TrainingHistory?
  /// The `--checkpoint` of the run, if any.
  var checkpoint: TrainCheckpoint? = nil

  /// Epochs (gradient descent) or iterations (the others).
  var epochs: Int { result.iterations }

  /// Training points × epochs per second of the optimizer's time.
  var samplesPerSecond: Double {
    seconds > 0 ? Double(trainingCount * max(epochs, 1)) / seconds : .nan
  }

  /// A run that ended in failure (divergence, non-finite values, a bad setting).
  var failed: Bool {
    switch result.reason {
    case .failed, .nonFiniteStart: true
    default: !trainingLoss.isFinite
    }
  }
}

/// Builds the network, the objective and the fit for `physfit train`, runs the
/// optimizer of the command line through the generic `Fit.minimize(using:)` with a
/// progress bar, and evaluates the result.
struct TrainRun {
  var command: TrainCommand
  /// SIGINT, watched when `--checkpoint` is given.
  var interruption = Interruption()

  func train() throws -> TrainOutcome {
    let (data, targets) = try command.data.loadTraining()
    let n = data.count
    let y = targets.columns[0]
    guard n >= 2 else {
      throw CLIError.input("\(data.source): train needs at least 2 data points, not \(n)")
    }
    let options = command.optimizer
    var built = options.build(for: command.objective.choice.shape)
    let split = Self.split(built, pointCount: n)
    var checkpoint: TrainCheckpoint?
    if let path = command.checkpoint {
      let saved = try TrainCheckpoint(
        path: path, settings: command.checkpointSettings(data: data, targets: targets),
        every: command.checkpointEvery, interruption: interruption)
      guard case .general(var descent as GradientDescent) = built else {
        throw CLIError.usage("--checkpoint: only gradient-descent training saves its state")
      }
      descent.checkpointing = saved.control
      built = .general(descent)
      checkpoint = saved
    }

    var network: Network
    do {
      network = try Network(
        widths: command.network.widths, activation: command.network.activation,
        output: command.network.outputActivation, inputNames: data.inputNames)
      if command.network.standardize {
        let outputs = command.objective.isClassification ? nil : targets.matrix
        network = try network.standardized(
          inputs: Self.rows(data.inputs, split.training),
          outputs: outputs.map { Self.rows($0, split.training) })
      }
    } catch {
      throw CLIError(network: error)
    }

    let seed = options.seed ?? 0
    let progress = ProgressBar(
      total: Self.iterationLimit(options), unit: iterationUnit,
      scale: command.objective == .mse ? 1 : 1 / Double(n))
    let observer = progress.map { bar in { (report: IterationReport) in bar.update(report) } }
    let recorder = TrainingRecorder(scale: command.objective == .mse ? 1 : 1 / Double(n))
    var lastElapsed = 0.0
    let watch: IterationObserver = { report in
      lastElapsed = report.elapsed
      recorder.observe(report)
      observer?(report)
    }
    let started = Date()
    let result: FitResult
    let output: TrainedNetwork.Output
    switch command.objective {
    case .mse where targets.count > 1, .chi2 where targets.count > 1:
      let objective = try MultiOutputLeastSquares(
        columns: targets.columns, sigma: targets.sigma,
        kind: command.objective == .mse ? .meanSquaredError : .chiSquare)
      var fit = try Fit(model: network, inputs: data.inputs, objective: objective)
      fit.initializeWeights(seed: seed)
      result = try Self.run(fit, built, observer: watch)
      output = .values
    case .mse:
      var fit = try Fit(model: network, inputs: data.inputs, objective: MeanSquaredError(y: y))
      fit.initializeWeights(seed: seed)
      result = try Self.run(fit, built, observer: watch)
      output = .values
    case .chi2:
      var fit = try Fit(model: network, inputs: data.inputs, y: y, sigma: data.sigma)
      fit.initializeWeights(seed: seed)
      result = try Self.run(fit, built, observer: watch)
      output = .values
    case .bce:
      try checkLabels(y, classCount: 2)
      let logits = command.network.outputActivation == .identity
      var fit = try Fit(
        model: network, inputs: data.inputs,
        objective: BinaryCrossEntropy(labels: y, input: logits ? .logits : .probabilities))
      fit.initializeWeights(seed: seed)
      result = try Self.run(fit, built, observer: watch)
      output = logits ? .logit : .probability
    case .ce:
      let k = network.outputCount
      try checkLabels(y, classCount: k)
      var fit = try Fit(
        model: network, inputs: data.inputs,
        objective: CategoricalCrossEntropy(labels: y.map { Int($0) }, classCount: k))
      fit.initializeWeights(seed: seed)
      result = try Self.run(fit, built, observer: watch)
      output = .logits
    }
    progress?.finish()
    let seconds = lastElapsed > 0 ? lastElapsed : Date().timeIntervalSince(started)

    let trained: TrainedNetwork
    do {
      trained = try TrainedNetwork(
        network: network,
        parameters: result.values.map { $0.isFinite ? $0 : 0 },
        outputNames: targets.names, objective: command.objective.rawValue, output: output)
    } catch {
      throw CLIError(network: error)
    }
    let predictions = trained.predict(data.inputs)
    let trainingLosses = try losses(predictions, targets, split.training)
    var outcome = TrainOutcome(
      result: result, trained: trained, data: data, objective: command.objective,
      widths: command.network.network, optimizer: options.summary(for: .general),
      trainingCount: split.training.count, validationCount: split.validation.count,
      outputNames: targets.names, trainingLoss: trainingLosses.total, validationLoss: nil,
      seconds: seconds, standardized: command.network.standardize, history: recorder.history,
      checkpoint: checkpoint)
    if targets.count > 1 { outcome.trainingLossPerOutput = trainingLosses.perOutput }
    if !result.values.allSatisfy(\.isFinite) { outcome.trainingLoss = .nan }
    if !split.validation.isEmpty {
      let validationLosses = try losses(predictions, targets, split.validation)
      outcome.validationLoss = validationLosses.total
      if targets.count > 1 { outcome.validationLossPerOutput = validationLosses.perOutput }
    }
    if trained.output.isClassifier {
      let classes = TrainedNetwork.classes(
        probabilities: trained.probabilities(data.inputs), output: trained.output)
      func accuracy(_ points: [Int]) -> Accuracy {
        Accuracy(correct: points.filter { classes[$0] == Int(y[$0]) }.count, total: points.count)
      }
      outcome.trainingAccuracy = accuracy(split.training)
      if !split.validation.isEmpty { outcome.validationAccuracy = accuracy(split.validation) }
    }
    return outcome
  }

  /// "epoch" for gradient descent, else "iteration".
  private var iterationUnit: String {
    command.optimizer.stages(for: .general).first?.isGradientDescent == true
      ? "epoch" : "iteration"
  }

  /// The training and validation points: the gradient-descent optimizer's own split
  /// (the one it trains on), or every point for training.
  static func split(_ built: BuiltOptimizer, pointCount n: Int) -> (
    training: [Int], validation: [Int]
  ) {
    if case .general(let optimizer as GradientDescent) = built {
      return optimizer.configuration.split(pointCount: n)
    }
    return (Array(0..<n), [])
  }

  /// The iteration (epoch) limit the command line set, for the progress bar.
  static func iterationLimit(_ options: OptimizerOptions) -> Int? {
    options.maxIterations ?? options.epochs
  }

  /// Any fit with the command line's optimizer: least-squares objectives take either
  /// kind, the others only general optimizers (``OptimizerOptions/check(objective:)``
  /// refused the rest before).
  static func run<O: LeastSquaresObjective>(
    _ fit: Fit<Network, O>, _ built: BuiltOptimizer, observer: @escaping IterationObserver
  ) throws -> FitResult {
    switch built {
    case .leastSquares(let optimizer): try fit.minimize(using: optimizer, observer: observer)
    case .general(let optimizer): try fit.minimize(using: optimizer, observer: observer)
    }
  }

  static func run<O: Objective>(
    _ fit: Fit<Network, O>, _ built: BuiltOptimizer, observer: @escaping IterationObserver
  ) throws -> FitResult {
    switch built {
    case .general(let optimizer): return try fit.minimize(using: optimizer, observer: observer)
    case .leastSquares(let optimizer):
      throw CLIError.internal(
        "internal error: the least-squares optimizer \(optimizer.name) reached a "
          + "cross-entropy objective")
    }
  }

  /// Labels must be the whole numbers 0..<classCount.
  private func checkLabels(_ y: [Double], classCount k: Int) throws {
    if let row = y.firstIndex(where: { !($0 >= 0 && $0 < Double(k) && $0 == $0.rounded()) }) {
      let expected =
        command.objective == .bce ? "labels 0 or 1" : "class labels 0…\(k - 1) (one per output)"
      throw CLIError.input(
        "\(command.data.path): --objective \(command.objective.rawValue) with "
          + "--network '\(command.network.network)' needs \(expected) in --y column "
          + "\"\(command.data.yColumn ?? "2")\", but data row \(row + 1) has \(y[row].formatted)")
    }
  }

  /// The loss per point on `points` — in total and for each output — by the library's
  /// single-output objectives on each output column: the total is the mean of the
  /// outputs' MSEs (the MSE over all values) or the sum of their χ²/n.
  private func losses(_ predictions: Matrix, _ targets: TrainTargets, _ points: [Int])
    throws -> (total: Double, perOutput: [Double])
  {
    guard targets.count > 1 else {
      let total = try loss(predictions, targets.columns[0], targets.sigma?[0], points)
      return (total, [total])
    }
    var perOutput: [Double] = []
    for o in 0..<targets.count {
      perOutput.append(
        try loss(
          Matrix(column: predictions.column(o)), targets.columns[o], targets.sigma?[o], points))
    }
    let sum = perOutput.reduce(0.0) { $0 + $1 }
    return (command.objective == .mse ? sum / Double(perOutput.count) : sum, perOutput)
  }

  /// The loss per point on `points` of one output (all k for ce), by the library's
  /// objective on those points.
  private func loss(_ predictions: Matrix, _ y: [Double], _ sigma: [Double]?, _ points: [Int])
    throws -> Double
  {
    let p = Self.rows(predictions, points)
    let labels = points.map { y[$0] }
    let m = Double(points.count)
    switch command.objective {
    case .mse: return try MeanSquaredError(y: labels).value(predictions: p)
    case .chi2:
      return ChiSquare(y: labels, sigma: sigma.map { s in points.map { s[$0] } })
        .value(predictions: p) / m
    case .bce:
      let input: BinaryCrossEntropy.Input =
        command.network.outputActivation == .identity ? .logits : .probabilities
      return try BinaryCrossEntropy(labels: labels, input: input).value(predictions: p) / m
    case .ce:
      return try CategoricalCrossEntropy(labels: labels.map { Int($0) }, classCount: p.columns)
        .value(predictions: p) / m
    }
  }

  /// The rows `points` of `m`.
  static func rows(_ m: Matrix, _ points: [Int]) -> Matrix {
    var out = Matrix(rows: points.count, columns: m.columns)
    for j in 0..<m.columns {
      for (k, i) in points.enumerated() { out[k, j] = m[i, j] }
    }
    return out
  }
}
