import ArgumentParser
import Foundation
import PhysFit

/// `physfit train`: a feed-forward network fitted to columns of a data file by the same
/// objectives and optimizers as every other model (`Fit` + `minimize(using:)`).
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a neural network (MLP) on columns of a data file; save it for `predict`.",
    discussion: """
      The network is `--network 2-64-64-1` (widths, input first) with --activation on the \
      hidden layers and --output-activation on the last. Its weights start from --seed \
      (Glorot uniform for identity, tanh and sigmoid layers, He normal for relu and \
      softplus; biases 0) and are fitted through the generic fit, so every optimizer of \
      `physfit fit` trains it (`physfit optimizers`).

      Objectives: mse (default) and chi2 (with --sigma) read one or several --y columns \
      (--y a,b: multi-output regression, one network output per column; chi2 takes one \
      --sigma column per --y column); the loss is then the mean (mse) or sum (chi2) over \
      the outputs, and the report adds each output's own loss. bce reads 0/1 labels and \
      needs one output: an identity output is the logit z (p = 1/(1 + e^(−z)), the stable \
      form) and a sigmoid output is p itself; ce reads labels 0..k−1 and needs k outputs, \
      the logits (identity output; softmax inside the loss).

      Optimizer defaults for train: adam with --batch-size 32 and --epochs 100 (the other \
      gradient-descent optimizers too). lm is a single Levenberg–Marquardt trust-region \
      run (mse and chi2 only); the least-squares portfolio is not offered, its \
      full-rank verification does not suit networks, whose Jacobians are rank-deficient. \
      --validation F (gradient descent) holds out that fraction of the points, chosen by \
      --seed, and stops early when its loss stops improving (patience 10 epochs); the \
      parameters of the best validation epoch are kept.

      Report: the training and validation loss per point (MSE; χ²/n; mean cross-entropy), \
      accuracy for classifiers, epochs, samples per second (training points × epochs over \
      the optimizer's time) and the status. A progress bar with the loss goes to standard \
      error when it is a terminal. --save FILE writes the network (docs/network-format.md) \
      to a temporary file and renames it, so FILE is never half-written.

      Exit status: 0 trained (the epoch limit and early stopping are normal ends); 2 the \
      training failed (diverged, non-finite loss; nothing is saved); 64 usage error (bad \
      --network, a width that does not fit --x or the objective, an optimizer setting); \
      65 input error (data file, column, labels outside 0..k−1, a --save file that \
      cannot be written, a damaged --checkpoint); 70 internal error; 73 the --checkpoint \
      file cannot be written; 130 interrupted by SIGINT with --checkpoint.

      --checkpoint FILE (gradient descent): the optimizer's state is saved atomically \
      every 30 s (--checkpoint-every N: every N epochs) and on Ctrl-C, which stops the run \
      at the end of the epoch with status 130 (a second Ctrl-C exits without saving). \
      Rerunning the same command resumes and ends with the same network, bit for bit, as \
      an uninterrupted run; FILE is removed when the run ends. A FILE of other settings \
      is refused, naming the difference.

      Example:
        physfit train examples/data/sine.csv --x x --y y --network 1-16-16-1 \\
          --activation tanh --optimizer adam --learning-rate 0.01 --epochs 300 \\
          --batch-size 16 --seed 1 --save sine.json
      """
  )

  @OptionGroup(title: "Data")
  var data: DataOptions

  @OptionGroup(title: "Network")
  var network: NetworkOptions

  @Option(
    help: ArgumentHelp(
      "mse (default), chi2 (χ² with --sigma), bce (0/1 labels), ce (class labels 0..k−1)."))
  var objective: TrainObjective = .mse

  @OptionGroup(title: "Optimizer")
  var optimizer: OptimizerOptions

  @Option(
    help: ArgumentHelp(
      "Write the trained network to this JSON file (atomically).", valueName: "file"))
  var save: String?

  @Flag(help: "Print one JSON object (pretty-printed, sorted keys) instead of the report.")
  var json = false

  @Option(
    help: ArgumentHelp(
      "Save the optimizer's state to this file (atomically, every 30 s or --checkpoint-every "
        + "epochs, and on Ctrl-C); when it exists, resume from it. Removed after the run ends.",
      valueName: "file"))
  var checkpoint: String?

  @Option(
    help: ArgumentHelp(
      "With --checkpoint: save every n epochs instead of every 30 s.", valueName: "n"))
  var checkpointEvery: Int?

  @OptionGroup(title: "Figures")
  var plots: TrainPlotOptions

  /// The default batch size and epoch limit of gradient descent in `train`: 32 points
  /// (the common mini-batch default of PyTorch's DataLoader examples and Keras) and
  /// 100 epochs.
  static let defaultBatchSize = 32
  static let defaultEpochs = 100

  mutating func validate() throws {
    let widths = network.widths
    let xCount = data.xColumns.map { DataOptions.split($0).count } ?? 1
    if widths[0] != xCount {
      throw ValidationError(
        "--network '\(network.network)': the input width \(widths[0]) must equal the number of "
          + "--x columns (\(xCount))")
    }
    let outputs = widths[widths.count - 1]
    let targets = try Self.checkList(data.ySelectors, option: "--y", value: data.yColumn)
    let sigmas = try Self.checkList(
      data.sigmaSelectors, option: "--sigma", value: data.sigmaColumn)
    let k = max(targets, 1)
    if objective.isClassification, targets > 1 {
      throw ValidationError(
        "--y '\(data.yColumn ?? "")': --objective \(objective.rawValue) reads one label column, "
          + "not \(targets) (several --y columns are for mse and chi2 regression)")
    }
    switch objective {
    case .mse, .chi2:
      guard outputs == k else {
        throw ValidationError(
          "--network '\(network.network)': --objective \(objective.rawValue) needs one output "
            + "per --y column (\(k)), not \(outputs)")
      }
    case .bce:
      guard outputs == 1 else {
        throw ValidationError(
          "--network '\(network.network)': --objective bce needs 1 output, not \(outputs) "
            + "(use --objective ce for k classes)")
      }
    case .ce:
      guard outputs >= 2 else {
        throw ValidationError(
          "--network '\(network.network)': --objective ce needs one output per class (at least "
            + "2), not \(outputs)")
      }
    }
    let out = network.outputActivation
    if objective == .bce, out != .identity, out != .sigmoid {
      throw ValidationError(
        "--output-activation \(out.rawValue): --objective bce needs identity (a logit) or "
          + "sigmoid (a probability)")
    }
    if objective == .ce, out != .identity {
      throw ValidationError(
        "--output-activation \(out.rawValue): --objective ce needs identity outputs (the "
          + "logits; the softmax is inside the loss)")
    }
    if let sigma = data.sigmaColumn, objective != .chi2 {
      throw ValidationError(
        "--sigma '\(sigma)': --objective \(objective.rawValue) takes no --sigma (use chi2)")
    }
    if sigmas > 0, sigmas != k {
      throw ValidationError(
        "--sigma '\(data.sigmaColumn ?? "")': give one σ column per --y column (\(k)), not "
          + "\(sigmas)")
    }
    try applyTrainDefaults()
    try checkCheckpointOptions()
    try plots.check(
      inputCount: xCount, outputCount: outputs, isClassifier: objective.isClassification)
  }

  /// The number of columns in a comma-separated `--y`/`--sigma` list (0 when not given);
  /// throws for an empty name or a column listed twice.
  static func checkList(_ selectors: [String], option: String, value: String?) throws -> Int {
    if selectors.contains(where: \.isEmpty) {
      throw ValidationError("\(option) '\(value ?? "")': empty column name in the list")
    }
    var seen = Set<String>()
    for s in selectors where !seen.insert(s).inserted {
      throw ValidationError("\(option) '\(value ?? "")': column '\(s)' is listed twice")
    }
    return selectors.count
  }

  /// Train's optimizer defaults (adam; mini-batches of 32 for 100 epochs) and its own
  /// checks; then the shared checks of ``OptimizerOptions/check(objective:)``, where
  /// `--seed` is exempt since it also seeds the weights.
  mutating func applyTrainDefaults() throws {
    if optimizer.optimizer == .leastSquares || optimizer.polish == .leastSquares {
      throw ValidationError(
        "--optimizer least-squares is not offered for networks (its full-rank verification "
          + "does not suit their rank-deficient Jacobians): use lm, a single "
          + "Levenberg–Marquardt run")
    }
    if optimizer.optimizer == nil { optimizer.optimizer = .adam }
    if optimizer.stages(for: .general).contains(where: \.isGradientDescent) {
      if optimizer.batchSize == nil { optimizer.batchSize = Self.defaultBatchSize }
      if optimizer.epochs == nil, optimizer.maxIterations == nil {
        optimizer.epochs = Self.defaultEpochs
      }
    }
    var shared = optimizer
    shared.seed = nil
    try shared.check(objective: objective.choice)
  }

  func run() throws {
    let outcome: TrainOutcome
    let interruption = Interruption()
    if checkpoint != nil { interruption.install() }
    do {
      outcome = try TrainRun(command: self, interruption: interruption).train()
    } catch {
      throw CLIError(error)
    }
    if let saved = outcome.checkpoint {
      try saved.throwIfWriteFailed()
      if outcome.result.reason == .interrupted {
        StandardStreams.writeNotice(
          "interrupted after epoch \(outcome.epochs): saved the training state (best loss so far "
            + "\(NumberFormatting.significant(outcome.trainingLoss, digits: 6))) to \(saved.path); "
            + "rerun the same command to resume")
        throw PhysFitExit.interrupted
      }
    }
    if outcome.failed {
      outcome.checkpoint?.remove()
      StandardStreams.write(try render(outcome))
      StandardStreams.writeWarning("training failed: \(outcome.result.reason); nothing saved")
      throw PhysFitExit.notConverged
    }
    if let save {
      do {
        try outcome.trained.save(to: save)
      } catch {
        throw CLIError.output(error.description)
      }
    }
    StandardStreams.write(try render(outcome))
    try plots.write(outcome, history: outcome.history)
    outcome.checkpoint?.remove()
  }

  /// --checkpoint needs a single gradient-descent optimizer (the only one that saves its
  /// state) and a file other than --save; --checkpoint-every needs --checkpoint.
  func checkCheckpointOptions() throws {
    if let n = checkpointEvery {
      guard checkpoint != nil else {
        throw ValidationError("--checkpoint-every \(n): needs --checkpoint FILE")
      }
      guard n >= 1 else { throw ValidationError("--checkpoint-every \(n): need at least 1") }
    }
    guard let path = checkpoint else { return }
    let stages = optimizer.stages(for: .general)
    guard stages.count == 1, stages[0].isGradientDescent else {
      throw ValidationError(
        "--checkpoint: only gradient-descent training (sgd, momentum, nesterov, adam, adamw) "
          + "saves its state, not \(optimizer.summary(for: .general))")
    }
    if let save, URL(fileURLWithPath: save).standardized == URL(fileURLWithPath: path).standardized
    {
      throw ValidationError("--checkpoint '\(path)': must not be the --save file")
    }
  }

  private func render(_ outcome: TrainOutcome) throws -> String {
    do {
      return json
        ? try JSONOutput.encode(TrainJSONReport(outcome, saved: save))
        : TrainReportFormatter(outcome: outcome, saved: save).render()
    } catch {
      throw CLIError(error)
    }
  }
}

extension CLIError {
  /// Network set-up errors are about the command line's network and data: input errors.
  init(network error: NetworkError) {
    self = .input("--network: \(error.description)")
  }
}
