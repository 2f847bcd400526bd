import PhysFit

/// Everything a report (text or JSON) says about one fit: the result plus what was
/// fitted to what, and how.
struct FitSummary {
  var result: FitResult
  /// The formula as given on the command line.
  var model: String
  var data: SelectedData
  /// The learning criterion.
  var objective: ObjectiveChoice = .chi2
  /// The optimizer stages joined by `+` (`annealing+bfgs`), with non-default scaling
  /// and solver.
  var optimizer: String
  /// Accuracy, noise parameter, range: what some objectives add.
  var extras = FitExtras()
  /// Whether σ was given (χ²) or not (residual sum of squares, scaled errors).
  var hasSigma: Bool { data.sigma != nil }

  /// The method line: the algorithm that produced the minimum, and for the portfolio
  /// which member it was.
  var method: String {
    if optimizer.hasPrefix(result.method) { return optimizer }
    // The method with a qualifier, e.g. "adam (mini-batch 32)".
    if result.method.hasPrefix(optimizer + " ") { return result.method }
    return "\(optimizer) (best: \(result.method))"
  }

  /// Whether the run ended as the user asked, though not at a verified minimum:
  /// early stopping on the validation loss (exit status 0).
  var stoppedEarly: Bool {
    if case .earlyStopped = result.reason { return true }
    return false
  }

  /// Whether errors scaled by the residual scatter are meaningless because the model
  /// goes through every point: s = √(RSS/ndf) ≤ 10⁻¹⁰·max|y| (rounding, not scatter).
  var isExactFit: Bool {
    guard result.errorsAreScaled else { return false }
    let scale = data.yValues.reduce(0) { max($0, abs($1)) }
    return result.reducedObjective.squareRoot() <= 1e-10 * max(scale, .leastNormalMagnitude)
  }

  /// The name of the objective's value in reports: χ², RSS, χ²_λ, −ln ℒ, MSE, ….
  var valueName: String {
    switch objective {
    case .chi2: hasSigma ? "χ²" : "RSS"
    case .poisson: "χ²_λ"
    case .softL1, .huber: hasSigma ? "robust χ²" : "robust RSS"
    case .mse: "MSE"
    default: "−ln ℒ"
    }
  }

  /// The objective's definition, one line, for the report and JSON.
  var definition: String {
    switch objective {
    case .chi2:
      hasSigma ? "χ² = Σ((y − f)/σ)²" : "RSS = Σ(y − f)² (errors scaled by √(RSS/ndf))"
    case .poisson: "Baker–Cousins χ²_λ = 2Σ[f − n + n·ln(n/f)] = 2(−ln ℒ) + const"
    case .softL1, .huber:
      "Σ c²ρ((r/c)²), r = \(hasSigma ? "(y − f)/σ" : "y − f"), ρ = \(objective.rawValue), "
        + "c = \(NumberFormatting.compact(lossScale))"
    case .mse: "MSE = Σ(y − f)²/n (errors scaled by √(RSS/ndf))"
    case .gaussianNLL:
      "−ln ℒ = Σ[(y − f)²/(2σ²) + ln σ], σ "
        + (hasSigma ? "from --sigma" : "fitted as '\(extras.noiseParameter ?? "sigma")'")
    case .unbinnedNLL: "−ln ℒ = −Σ ln f(x) + n·ln ∫f over \(rangeText)"
    case .extendedNLL: "−ln ℒ = ∫f − Σ ln f(x) over \(rangeText) (∫f = expected count)"
    case .bce: "−ln ℒ = −Σ[y·ln p + (1 − y)·ln(1 − p)]"
    case .ce: "−ln ℒ = −Σ ln softmax(z)_y over \(extras.classCount ?? 0) classes"
    }
  }

  /// c of the robust losses.
  var lossScale: Double = 1

  /// Profile-likelihood intervals (`--minos`), when asked for.
  var minos: MinosReport?

  private var rangeText: String {
    guard let r = extras.range else { return "the data's range" }
    return "[\(NumberFormatting.compact(r.lowerBound)), \(NumberFormatting.compact(r.upperBound))]"
  }

  /// The JSON `objective` field: "chi2"/"rss" for χ² (as in schema 1), else the
  /// `--objective` name.
  var objectiveKey: String {
    objective == .chi2 ? (hasSigma ? "chi2" : "rss") : objective.rawValue
  }

  /// Whether the objective value is a χ²-like statistic (χ², RSS, χ²_λ, robust χ²),
  /// reported in the `chi2` fields.
  var isChiSquareLike: Bool {
    [.chi2, .poisson, .softL1, .huber].contains(objective)
  }

  /// The p-value, where the objective's minimum is χ²(ndf)-distributed: χ² with σ and
  /// the Poisson χ²_λ (asymptotically); not robust losses or likelihoods.
  var pValue: Double? {
    objective == .chi2 || objective == .poisson ? result.pValue : nil
  }
}
