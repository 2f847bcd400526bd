import PhysFit

/// Builds the fit that `--objective` describes — its model, objective and data, each
/// with its concrete type — and minimises it with the optimizer of the command line.
///
/// Each objective is built where its type is known and handed to one of two generic
/// runners: ``runLeastSquares(_:)`` for least-squares objectives (which can take a
/// trust-region optimizer) and ``runGeneral(_:)`` for the others (which cannot: the
/// command line refused that pairing before, in ``OptimizerOptions/check(objective:)``).
struct ObjectiveBuilder {
  var options: ObjectiveOptions
  var optimizer: OptimizerOptions
  var settings: ParameterSettings
  /// The `--model` text.
  var model: String
  var data: SelectedData
  /// Work on the minimised fit with its concrete types (profile intervals, contours,
  /// toy studies); nil for a plain fit.
  var followUp: (any FitFollowUp)? = nil

  var objective: ObjectiveChoice { options.objective }

  /// The fit's result and what the report adds for this objective.
  func run() throws -> (result: FitResult, extras: FitExtras) {
    var extras = FitExtras()
    let result: FitResult
    switch objective {
    case .chi2:
      let expression = try expressionModel()
      let y = data.yValues
      var fit = try Fit(model: expression, inputs: data.inputs, y: y, sigma: data.sigma)
      try settings.apply(to: &fit, guesses: guesses(expression))
      result = try runLeastSquares(fit)
    case .softL1, .huber:
      let expression = try expressionModel()
      let objective = try RobustChiSquare(
        y: data.yValues, sigma: data.sigma, loss: objective == .huber ? .huber : .softL1,
        scale: options.lossScale ?? 1)
      var fit = try Fit(model: expression, inputs: data.inputs, objective: objective)
      try settings.apply(to: &fit, guesses: guesses(expression))
      result = try runLeastSquares(fit)
    case .poisson:
      try checkValues("counts ≥ 0") { $0 >= 0 }
      let expression = try expressionModel()
      var fit = try Fit(
        model: expression, inputs: data.inputs, objective: try PoissonNLL(counts: data.yValues))
      try settings.apply(to: &fit, guesses: guesses(expression))
      result = try runLeastSquares(fit)
    case .mse:
      let expression = try expressionModel()
      var fit = try Fit(
        model: expression, inputs: data.inputs, objective: try MeanSquaredError(y: data.yValues))
      try settings.apply(to: &fit, guesses: guesses(expression))
      result = try runLeastSquares(fit)
    case .gaussianNLL:
      result = try gaussian(&extras)
    case .unbinnedNLL, .extendedNLL:
      let expression = try expressionModel()
      let x = (0..<data.inputs.rows).map { data.inputs[$0, 0] }
      let range = try options.parsedRange()
      let (low, high) = (x.min() ?? 0, x.max() ?? 0)
      if range == nil, low == high {
        // The default normalisation range is the data's: empty when every value is equal.
        throw CLIError.input(
          "\(data.source): every value of the --x column \"\(data.inputNames.first ?? "x")\" "
            + "is \(low.formatted), so the data's range is empty; give the density's range "
            + "with --range LOW:HIGH")
      }
      extras.range = range ?? (low...high)
      if objective == .unbinnedNLL {
        var fit = try Fit(model: expression, unbinned: x, range: range)
        try settings.apply(to: &fit, guesses: [:])
        result = try runGeneral(fit)
      } else {
        var fit = try Fit(model: expression, extendedUnbinned: x, range: range)
        try settings.apply(to: &fit, guesses: [:])
        result = try runGeneral(fit)
      }
    case .bce:
      try checkValues("labels 0 or 1") { $0 == 0 || $0 == 1 }
      let expression = try expressionModel()
      let objective = try BinaryCrossEntropy(
        labels: data.yValues, input: options.logits ? .logits : .probabilities)
      var fit = try Fit(model: expression, inputs: data.inputs, objective: objective)
      try settings.apply(to: &fit, guesses: guesses(expression))
      result = try runGeneral(fit)
      let threshold = options.logits ? 0 : 0.5
      let p = expression.evaluate(data.inputs, parameters: result.values)
      let correct = data.yValues.indices.filter {
        (p.elements[$0] >= threshold ? 1.0 : 0.0) == data.yValues[$0]
      }.count
      extras.accuracy = Accuracy(correct: correct, total: data.count)
    case .ce:
      result = try softmax(&extras)
    }
    return (result, extras)
  }

  // MARK: Objectives with their own models

  /// Gaussian −ln ℒ: σ from `--sigma`, or a fitted noise parameter appended to the
  /// model (named `sigma`, or `noise_sigma` when the model has a `sigma` already),
  /// starting at the standard deviation of y and bounded below by 0 unless the
  /// command line says otherwise.
  private func gaussian(_ extras: inout FitExtras) throws -> FitResult {
    let expression = try expressionModel()
    let y = data.yValues
    if let sigma = data.sigma {
      var fit = try Fit(
        model: expression, inputs: data.inputs, objective: try GaussianNLL(y: y, sigma: sigma))
      try settings.apply(to: &fit, guesses: guesses(expression))
      return try runGeneral(fit)
    }
    var name = "sigma"
    if expression.parameterNames.contains(name) {
      name = "noise_sigma"
      guard !expression.parameterNames.contains(name) else {
        throw CLIError.input(
          "--objective gaussian-nll without --sigma fits a noise parameter 'sigma' (or "
            + "'noise_sigma'), but the model uses both names: rename one, or give --sigma")
      }
    }
    extras.noiseParameter = name
    let model = WithNoiseParameter(expression, name: name)
    var fit = try Fit(model: model, inputs: data.inputs, objective: try GaussianNLL(y: y))
    var settings = settings
    if settings.bounds[name] == nil {
      settings.bounds[name] = ParameterSettings.Bounds(lower: 0, upper: nil, item: "\(name)=0:")
    }
    var guesses = guesses(expression)
    let mean = y.reduce(0, +) / Double(max(y.count, 1))
    let spread = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(y.count, 1)))
      .squareRoot()
    guesses[name] = spread > 0 && spread.isFinite ? spread : 1
    try settings.apply(to: &fit, guesses: guesses)
    return try runGeneral(fit)
  }

  /// Softmax regression: a linear model with one output (logit) per class. Class 0 is
  /// the reference: its parameters are fixed at 0 (unless `--fix` says otherwise),
  /// since adding one function to every logit leaves the likelihood unchanged.
  private func softmax(_ extras: inout FitExtras) throws -> FitResult {
    try checkValues("integer class labels 0, 1, 2, …") { $0 >= 0 && $0 == $0.rounded() }
    let labels = data.yValues.map { Int($0) }
    let classCount = (labels.max() ?? 0) + 1
    guard classCount >= 2 else {
      throw CLIError.input(
        "\(data.source): --objective ce needs at least 2 classes, but --y column "
          + "\"\(data.yName ?? "")\" has only class 0")
    }
    let model = LinearModel(inputs: data.inputNames, outputs: classCount)
    var fit = try Fit(
      model: model, inputs: data.inputs,
      objective: try CategoricalCrossEntropy(labels: labels, classCount: classCount))
    var settings = settings
    for name in model.parameterNames.prefix(data.inputNames.count + 1)
    where settings.fixes[name] == nil {
      settings.fixes[name] = ParameterSettings.Fix(
        value: settings.starts[name] == nil ? 0 : nil, item: name)
    }
    try settings.apply(
      to: &fit, guesses: Dictionary(uniqueKeysWithValues: model.parameterNames.map { ($0, 0) }))
    let result = try runGeneral(fit)
    let z = model.evaluate(data.inputs, parameters: result.values)
    let n = data.count
    var correct = 0
    for i in 0..<n {
      var best = 0
      for o in 1..<classCount where z.elements[i + o * n] > z.elements[i + best * n] { best = o }
      if best == labels[i] { correct += 1 }
    }
    extras.accuracy = Accuracy(correct: correct, total: n)
    extras.classCount = classCount
    return result
  }

  // MARK: Running

  /// A least-squares objective: trust-region optimizers (Jacobian covariance) or any
  /// other (Hessian covariance).
  func runLeastSquares<M: Model, O: LeastSquaresObjective>(_ fit: Fit<M, O>) throws -> FitResult {
    switch optimizer.build(for: .leastSquares) {
    case .leastSquares(let optimizer):
      try finish(fit, .leastSquares(optimizer)) { try fit.minimize(using: optimizer, observer: $0) }
    case .general(let optimizer):
      try finish(fit, FitMinimizer(optimizer)) { try fit.minimize(using: optimizer, observer: $0) }
    }
  }

  /// Any objective: general optimizers only.
  func runGeneral<M: Model, O: Objective>(_ fit: Fit<M, O>) throws -> FitResult {
    switch optimizer.build(for: .general) {
    case .general(let optimizer):
      return try finish(fit, FitMinimizer(optimizer)) {
        try fit.minimize(using: optimizer, observer: $0)
      }
    case .leastSquares(let optimizer):
      throw CLIError.internal(
        "internal error: the least-squares optimizer \(optimizer.name) reached "
          + "--objective \(objective.rawValue)")
    }
  }

  /// Minimises (`minimize`, with a progress bar on a terminal), then hands the fit, its
  /// result and its minimizer to ``followUp``.
  private func finish<M: Model, O: Objective>(
    _ fit: Fit<M, O>, _ minimizer: FitMinimizer<M, O>,
    observed minimize: (IterationObserver?) throws -> FitResult
  ) throws -> FitResult {
    let bar = optimizer.fitProgressBar()
    defer { bar?.finish() }
    let result = try minimize(bar.map { bar in { bar.update($0) } })
    try followUp?.run(fit: fit, result: result, minimizer: minimizer)
    return result
  }

  // MARK: Models and data

  /// The `--model` formula over the `--x` names.
  private func expressionModel() throws -> ExpressionModel {
    let expression = try ExpressionModel(model, inputs: data.inputNames)
    try expression.requireParameters()
    try checkInputNames(expression)
    return expression
  }

  /// The data-driven start values of the built-in terms (none without --y).
  private func guesses(_ expression: ExpressionModel) -> [String: Double] {
    guard let y = data.y else { return [:] }
    return expression.initialGuesses(inputs: data.inputs, y: y)
  }

  /// Throws an input error naming the first row whose --y value fails `isValid`.
  private func checkValues(_ expected: String, _ isValid: (Double) -> Bool) throws {
    let y = data.yValues
    if let row = y.firstIndex(where: { !isValid($0) }) {
      throw CLIError.input(
        "\(data.source): --objective \(objective.rawValue) needs \(expected) in --y column "
          + "\"\(data.yName ?? "")\", but data row \(row + 1) has \(y[row].formatted)")
    }
  }

  /// A formula written in `x` while the input column has another name would fit `x` as
  /// a parameter: almost surely a mistake, so say what the input is called.
  private func checkInputNames(_ expression: ExpressionModel) throws {
    guard !data.inputNames.contains("x"), expression.parameterNames.contains("x") else {
      return
    }
    let names = data.inputNames.map { "'\($0)'" }.joined(separator: ", ")
    throw CLIError.input(
      "--model '\(model)': the formula uses 'x', but the input column is \(names) "
        + "(--x); write the formula in \(names) or select the column with --x")
  }
}

/// The fraction of points whose predicted class equals the label.
struct Accuracy {
  var correct: Int
  var total: Int
  var fraction: Double { total > 0 ? Double(correct) / Double(total) : .nan }
}

/// Work that needs the minimised fit itself, with its concrete model and objective
/// types: profile intervals (`--minos`), profiles, contours and toy studies.
protocol FitFollowUp: AnyObject {
  func run<M: Model, O: Objective>(
    fit: Fit<M, O>, result: FitResult, minimizer: FitMinimizer<M, O>) throws
}

/// What a report says beyond the library's ``FitResult`` for some objectives.
struct FitExtras {
  /// Classification objectives: the accuracy at the fitted parameters.
  var accuracy: Accuracy?
  /// ce: the number of classes k.
  var classCount: Int?
  /// gaussian-nll without --sigma: the name of the fitted noise parameter.
  var noiseParameter: String?
  /// Unbinned objectives: the normalisation range.
  var range: ClosedRange<Double>?
}
