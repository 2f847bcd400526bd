import PhysFit

/// The human-readable report of `physfit train`:
///
/// ```
/// network      2-16-16-1, tanh hidden, identity output (logit), 337 weights
/// data         moons.csv: 400 points, x = (x1, x2), y = label
/// objective    bce: mean −[y·ln p + (1 − y)·ln(1 − p)] per point
/// optimizer    adam (mini-batch 32)
/// points       320 training, 80 validation
/// train loss   0.01234
/// valid. loss  0.02345
/// ```
///
/// (multi-output regression adds each output's loss: `train loss   0.0123 (a 0.0101,
/// b 0.0145)`), then
///
/// ```
/// train acc.   0.9969 (319 of 320)
/// valid. acc.  0.9875 (79 of 80)
/// epochs       57
/// speed        123400 samples/s (0.15 s)
/// status       stopped early (…)
/// saved        moons.json
/// ```
struct TrainReportFormatter {
  var outcome: TrainOutcome
  var saved: String?

  func render() -> String {
    let o = outcome
    let net = o.trained.network
    var lines: [(String, String)] = []
    var description =
      "\(o.widths), \(net.layers[0].activation.rawValue) hidden, "
      + "\(net.layers[net.layers.count - 1].activation.rawValue) output"
    switch o.trained.output {
    case .values: break
    case .probability: description += " (probability)"
    case .logit: description += " (logit)"
    case .logits: description += " (logits of \(o.trained.classCount ?? 0) classes)"
    }
    description += ", \(net.parameterNames.count) weights"
    if o.standardized { description += ", standardised" }
    lines.append(("network", description))
    let x = o.data.xColumnNames.joined(separator: ", ")
    lines.append(
      (
        "data",
        "\(o.data.source): \(o.data.count) points, x = "
          + (o.data.xColumnNames.count > 1 ? "(\(x))" : x) + ", y = "
          + (o.outputNames.count > 1
            ? "(\(o.outputNames.joined(separator: ", ")))" : o.outputNames.first ?? "")
          + (o.data.sigmaName.map { ", σ = \($0)" } ?? "")
      ))
    lines.append(("objective", "\(o.objective.rawValue): \(Self.definition(o))"))
    lines.append(("optimizer", o.result.method))
    lines.append(
      (
        "points",
        "\(o.trainingCount) training"
          + (o.validationCount > 0 ? ", \(o.validationCount) validation" : "")
      ))
    lines.append(
      ("train loss", Self.loss(o.trainingLoss, o.trainingLossPerOutput, o.outputNames)))
    if let v = o.validationLoss {
      lines.append(("valid. loss", Self.loss(v, o.validationLossPerOutput, o.outputNames)))
    }
    if let a = o.trainingAccuracy { lines.append(("train acc.", Self.accuracy(a))) }
    if let a = o.validationAccuracy { lines.append(("valid. acc.", Self.accuracy(a))) }
    lines.append(("epochs", "\(o.epochs)"))
    lines.append(
      (
        "speed",
        "\(NumberFormatting.significant(o.samplesPerSecond, digits: 3)) samples/s "
          + "(\(NumberFormatting.significant(o.seconds, digits: 3)) s)"
      ))
    lines.append(("status", Self.status(o.result.reason)))
    if let saved { lines.append(("saved", saved)) }
    let width = max(lines.map(\.0.count).max() ?? 0, 11)
    return lines.map { $0.0.padding(width) + "  " + $0.1 }.joined(separator: "\n")
  }

  /// A loss, with each output's in parentheses when there are several.
  static func loss(_ total: Double, _ perOutput: [Double]?, _ names: [String]) -> String {
    let text = NumberFormatting.significant(total, digits: 4)
    guard let perOutput, perOutput.count > 1 else { return text }
    let parts = zip(names, perOutput).map {
      "\($0) \(NumberFormatting.significant($1, digits: 4))"
    }
    return text + " (" + parts.joined(separator: ", ") + ")"
  }

  /// The loss per point, in words.
  static func definition(_ o: TrainOutcome) -> String {
    let k = o.outputNames.count
    return switch o.objective {
    case .mse where k > 1: "MSE = Σ(y − f)²/(n·\(k)), the mean of the \(k) outputs' MSEs"
    case .chi2 where k > 1:
      (o.data.sigma != nil ? "χ²/n = Σ((y − f)/σ)²/n" : "RSS/n = Σ(y − f)²/n")
        + " per point, summed over the \(k) outputs"
    case .mse: "MSE = Σ(y − f)²/n"
    case .chi2:
      o.data.sigma != nil ? "χ²/n = Σ((y − f)/σ)²/n per point" : "RSS/n = Σ(y − f)²/n per point"
    case .bce: "mean −[y·ln p + (1 − y)·ln(1 − p)] per point"
    case .ce: "mean −ln softmax(z)_y per point over \(o.trained.classCount ?? 0) classes"
    }
  }

  static func accuracy(_ a: Accuracy) -> String {
    "\(NumberFormatting.fixed(a.fraction, decimals: 4)) (\(a.correct) of \(a.total))"
  }

  /// The end of a training run: the epoch limit and early stopping are normal ends.
  static func status(_ reason: StopReason) -> String {
    switch reason {
    case .earlyStopped: "stopped early (\(reason))"
    case .maxIterations: "epoch/iteration limit reached"
    case .failed, .nonFiniteStart: "FAILED: \(reason)"
    default: reason.isConvergence ? "converged (\(reason))" : "ended: \(reason)"
    }
  }
}

/// The JSON object `physfit train --json` prints (docs/cli.md).
struct TrainJSONReport: Encodable {
  var network: String
  var activation: String
  var outputActivation: String
  var output: String
  var weights: Int
  var standardized: Bool
  var data: String
  var points: Int
  var x: [String]
  var y: String?
  var outputs: [String]
  var objective: String
  var optimizer: String
  var method: String
  var trainingPoints: Int
  var validationPoints: Int
  var trainingLoss: JSONNumber
  var validationLoss: JSONNumber
  var trainingLossPerOutput: [JSONNumber]?
  var validationLossPerOutput: [JSONNumber]?
  var trainingAccuracy: JSONNumber
  var validationAccuracy: JSONNumber
  var classes: Int?
  var epochs: Int
  var seconds: JSONNumber
  var samplesPerSecond: JSONNumber
  var status: String
  var stopReason: String
  var earlyStopping: JSONReport.EarlyStopping?
  var saved: String?

  init(_ o: TrainOutcome, saved: String?) {
    let net = o.trained.network
    network = o.widths
    activation = net.layers[0].activation.rawValue
    outputActivation = net.layers[net.layers.count - 1].activation.rawValue
    output = o.trained.output.rawValue
    weights = net.parameterNames.count
    standardized = o.standardized
    data = o.data.source
    points = o.data.count
    x = o.data.xColumnNames
    y = o.outputNames.joined(separator: ",")
    outputs = o.outputNames
    objective = o.objective.rawValue
    optimizer = o.optimizer
    method = o.result.method
    trainingPoints = o.trainingCount
    validationPoints = o.validationCount
    trainingLoss = JSONNumber(o.trainingLoss)
    validationLoss = JSONNumber(o.validationLoss)
    trainingLossPerOutput = o.trainingLossPerOutput.map { $0.map { JSONNumber($0) } }
    validationLossPerOutput = o.validationLossPerOutput.map { $0.map { JSONNumber($0) } }
    trainingAccuracy = JSONNumber(o.trainingAccuracy?.fraction)
    validationAccuracy = JSONNumber(o.validationAccuracy?.fraction)
    classes = o.trained.classCount
    epochs = o.epochs
    seconds = JSONNumber(o.seconds)
    samplesPerSecond = JSONNumber(o.samplesPerSecond)
    status = o.result.reason.description
    stopReason = JSONReport.code(o.result.reason)
    if case .earlyStopped(let best, let last) = o.result.reason {
      earlyStopping = JSONReport.EarlyStopping(bestEpoch: best, lastEpoch: last)
    }
    self.saved = saved
  }

  /// Absent optional fields are written as `null`.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(network, forKey: .network)
    try c.encode(activation, forKey: .activation)
    try c.encode(outputActivation, forKey: .outputActivation)
    try c.encode(output, forKey: .output)
    try c.encode(weights, forKey: .weights)
    try c.encode(standardized, forKey: .standardized)
    try c.encode(data, forKey: .data)
    try c.encode(points, forKey: .points)
    try c.encode(x, forKey: .x)
    try c.encode(y, forKey: .y)
    try c.encode(outputs, forKey: .outputs)
    try c.encode(objective, forKey: .objective)
    try c.encode(optimizer, forKey: .optimizer)
    try c.encode(method, forKey: .method)
    try c.encode(trainingPoints, forKey: .trainingPoints)
    try c.encode(validationPoints, forKey: .validationPoints)
    try c.encode(trainingLoss, forKey: .trainingLoss)
    try c.encode(validationLoss, forKey: .validationLoss)
    try c.encode(trainingLossPerOutput, forKey: .trainingLossPerOutput)
    try c.encode(validationLossPerOutput, forKey: .validationLossPerOutput)
    try c.encode(trainingAccuracy, forKey: .trainingAccuracy)
    try c.encode(validationAccuracy, forKey: .validationAccuracy)
    try c.encode(classes, forKey: .classes)
    try c.encode(epochs, forKey: .epochs)
    try c.encode(seconds, forKey: .seconds)
    try c.encode(samplesPerSecond, forKey: .samplesPerSecond)
    try c.encode(status, forKey: .status)
    try c.encode(stopReason, forKey: .stopReason)
    try c.encode(earlyStopping, forKey: .earlyStopping)
    try c.encode(saved, forKey: .saved)
  }

  enum CodingKeys: String, CodingKey {
    case network, activation, outputActivation, output, weights, standardized, data, points
    case x, y, outputs, objective, optimizer, method, trainingPoints, validationPoints
    case trainingLoss, validationLoss, trainingLossPerOutput, validationLossPerOutput
    case trainingAccuracy, validationAccuracy, classes, epochs, seconds
    case samplesPerSecond, status, stopReason, earlyStopping, saved
  }
}
