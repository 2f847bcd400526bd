import ArgumentParser
import PhysFit

/// The learning criterion of a fit, as typed on the command line.
///
/// Each declares its ``Shape`` so that optimizers that need one shape can refuse the
/// others with a one-line error, and what it reads from the data file.
enum ObjectiveChoice: String, ExpressibleByArgument, CaseIterable {
  /// χ² = Σ((y − f)/σ)², or the residual sum of squares without σ.
  case chi2
  /// Baker–Cousins Poisson likelihood ratio for counts.
  case poisson
  /// Gaussian −ln ℒ, σ from a column or fitted.
  case gaussianNLL = "gaussian-nll"
  /// Unbinned −ln ℒ of a density in the observable.
  case unbinnedNLL = "unbinned-nll"
  /// Extended unbinned −ln ℒ (the density's integral is the expected count).
  case extendedNLL = "extended-nll"
  /// Binary cross-entropy of 0/1 labels.
  case bce
  /// Categorical cross-entropy of integer class labels (softmax).
  case ce
  /// Mean squared error.
  case mse
  /// Robust χ² with the soft-L1 loss.
  case softL1 = "soft-l1"
  /// Robust χ² with the Huber loss.
  case huber

  enum Shape {
    /// A sum of squared residuals: trust-region least squares can minimise it.
    case leastSquares
    /// Any scalar function: needs a general minimiser.
    case general
  }

  var shape: Shape {
    switch self {
    case .chi2, .poisson, .mse, .softL1, .huber: .leastSquares
    default: .general
    }
  }

  /// The least-squares objectives, for messages.
  static var leastSquaresList: String {
    allCases.filter { $0.shape == .leastSquares }.map(\.rawValue).joined(separator: ", ")
  }

  /// Whether the objective reads a --y column (the unbinned ones read only --x).
  var readsY: Bool { self != .unbinnedNLL && self != .extendedNLL }

  /// Whether --sigma is allowed.
  var acceptsSigma: Bool { [.chi2, .gaussianNLL, .softL1, .huber].contains(self) }

  /// Whether the objective is a classification loss (the report adds accuracy).
  var isClassification: Bool { self == .bce || self == .ce }

  /// Whether the objective is a −ln ℒ (error definition ½): no χ² goodness of fit.
  var isNegativeLogLikelihood: Bool {
    [.gaussianNLL, .unbinnedNLL, .extendedNLL, .bce, .ce].contains(self)
  }

  static var helpList: String {
    "chi2 (default: χ² with --sigma, else the residual sum of squares), poisson (counts, "
      + "Baker–Cousins χ²_λ), gaussian-nll (−ln ℒ, σ from --sigma or fitted), unbinned-nll / "
      + "extended-nll (the model is a density in the --x observable), bce (0/1 labels), "
      + "ce (class labels 0..k−1, with --model linear), mse, soft-l1, huber (robust χ²)"
  }
}

/// The learning criterion and its settings: `--objective`, `--loss-scale`, `--range`,
/// `--logits`. Checks that need the data options are in ``check(data:model:)``.
struct ObjectiveOptions: ParsableArguments {
  @Option(help: ArgumentHelp(ObjectiveChoice.helpList + "."))
  var objective: ObjectiveChoice = .chi2

  @Option(
    help: ArgumentHelp(
      "Scale c > 0 of soft-l1 and huber, in units of σ (of y without --sigma): residuals "
        + "below c count quadratically, above linearly. Default 1.",
      valueName: "c"))
  var lossScale: Double?

  @Option(
    help: ArgumentHelp(
      "Normalisation range of unbinned-nll and extended-nll, LOW:HIGH. Default: the data's "
        + "range [min x, max x].",
      valueName: "low:high"))
  var range: String?

  @Flag(
    help: ArgumentHelp(
      "bce: the model's output is a logit z (p = 1/(1 + e^(−z))), not a probability."))
  var logits = false

  mutating func validate() throws {
    if let lossScale, !(lossScale > 0 && lossScale.isFinite) {
      throw ValidationError("--loss-scale '\(lossScale.formatted)': must be a positive number")
    }
    _ = try parsedRange()
  }

  /// `--range` as an interval.
  func parsedRange() throws -> ClosedRange<Double>? {
    guard let range else { return nil }
    let sides = range.split(separator: ":", omittingEmptySubsequences: false).map {
      String($0).trimmingWhitespace()
    }
    guard sides.count == 2, let low = Double(sides[0]), let high = Double(sides[1]),
      low.isFinite, high.isFinite
    else {
      throw ValidationError("--range '\(range)': expected LOW:HIGH with two finite numbers")
    }
    guard low < high else {
      throw ValidationError("--range '\(range)': \(sides[0]) is not below \(sides[1])")
    }
    return low...high
  }

  /// Checks the objective's settings and data columns against the other options.
  /// Throws `ValidationError` (exit 64).
  func check(data: DataOptions, model: String) throws {
    let name = "--objective \(objective.rawValue)"
    if lossScale != nil, objective != .softL1, objective != .huber {
      throw ValidationError("--loss-scale is a setting of soft-l1 and huber, not of \(name)")
    }
    if range != nil, objective.readsY {
      throw ValidationError(
        "--range is a setting of unbinned-nll and extended-nll, not of \(name)")
    }
    if logits, objective != .bce {
      throw ValidationError("--logits is a setting of bce, not of \(name)")
    }
    if !objective.readsY {
      if let y = data.yColumn {
        throw ValidationError(
          "--y '\(y)': \(name) reads no --y: the model is a density in the --x observable")
      }
      if let x = data.xColumns, DataOptions.split(x).count != 1 {
        throw ValidationError(
          "--x '\(x)': \(name) needs exactly one --x column, the observable")
      }
    }
    if let sigma = data.sigmaColumn, !objective.acceptsSigma {
      let why =
        switch objective {
        case .poisson: "the Poisson variance is the prediction itself"
        case .mse: "it weighs every point equally (use --objective chi2 for σ weights)"
        case .bce, .ce: "labels have no errors"
        default: "the observable has no errors"
        }
      throw ValidationError("--sigma '\(sigma)': \(name) takes no --sigma: \(why)")
    }
    if objective == .ce, model.trimmingWhitespace() != "linear" {
      throw ValidationError(
        "--model '\(model)': --objective ce needs one output per class, which a formula "
          + "(one output) cannot give: use --model linear (softmax regression)")
    }
  }
}
