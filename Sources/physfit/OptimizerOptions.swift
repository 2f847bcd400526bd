import ArgumentParser
import PhysFit

/// The optimization algorithm, as typed on the command line.
///
/// Each case says what it needs from the problem (``Needs``), whether it searches
/// globally, and which command-line settings it reads (``OptimizerSetting``). The
/// least-squares cases minimise only objectives of least-squares shape
/// (``ObjectiveChoice/Shape``); every other case minimises any objective.
enum OptimizerChoice: String, ExpressibleByArgument, CaseIterable {
  /// The robust default: a portfolio of trust-region methods, a Gauss–Newton polish
  /// and a verified convergence verdict (``LeastSquares``).
  case leastSquares = "least-squares"
  case lm
  case lmaccel
  case dogleg
  case ddogleg
  case subspace2d
  case nelderMead = "nelder-mead"
  case cgFR = "cg-fr"
  case cgPR = "cg-pr"
  case bfgs
  case steepestDescent = "steepest-descent"
  case sgd
  case momentum
  case nesterov
  case adam
  case adamw
  case annealing
  /// Basin hopping: hops between local minima, each minimised fully (``BasinHopping``).
  case basinHopping = "basin-hopping"

  /// What an optimizer evaluates.
  enum Needs: String {
    case values
    case gradients = "values, gradients"
    case residuals = "residuals, Jacobian"
  }

  /// The single GSL trust-region method, or nil for the portfolio and for general
  /// optimizers.
  var trustRegionMethod: TrustRegionMethod? {
    switch self {
    case .lm: .levenbergMarquardt
    case .lmaccel: .geodesicLevenbergMarquardt
    case .dogleg: .dogleg
    case .ddogleg: .doubleDogleg
    case .subspace2d: .subspace2D
    default: nil
    }
  }

  /// Whether the optimizer needs residuals and their Jacobian (a least-squares
  /// objective).
  var isLeastSquares: Bool {
    self == .leastSquares || trustRegionMethod != nil
  }

  /// Whether the optimizer belongs to the gradient-descent family.
  var isGradientDescent: Bool {
    [.sgd, .momentum, .nesterov, .adam, .adamw].contains(self)
  }

  var needs: Needs {
    if isLeastSquares { return .residuals }
    switch self {
    case .nelderMead: return .values
    case .annealing:
      return SimulatedAnnealing.Configuration().localDescentIterations > 0 ? .gradients : .values
    default: return .gradients
    }
  }

  /// Global optimizers search the whole parameter space (within bounds); local ones
  /// descend from the start point.
  var isGlobal: Bool { self == .annealing || self == .basinHopping }

  /// Whether the optimizer can minimise an objective of this shape.
  func accepts(_ shape: ObjectiveChoice.Shape) -> Bool {
    switch shape {
    case .leastSquares: true
    case .general: !isLeastSquares
    }
  }

  /// The command-line settings this optimizer reads, besides `--max-iterations` and
  /// `--tolerance`, which every optimizer reads.
  var settings: Set<OptimizerSetting> {
    if isLeastSquares { return [.scaling, .solver] }
    if isGradientDescent {
      let adam: Set<OptimizerSetting> =
        self == .adam || self == .adamw ? [.beta1, .beta2, .epsilon] : []
      let common: Set<OptimizerSetting> = [
        .learningRate, .schedule, .batchSize, .epochs, .validation, .seed,
      ]
      return common.union(adam)
    }
    if self == .annealing { return [.seed, .temperature, .cooling] }
    if self == .basinHopping { return [.seed, .temperature] }
    return []
  }

  /// Which stopping tolerance `--tolerance` sets for this optimizer.
  var toleranceMeaning: String {
    if isLeastSquares { return "relative step and gradient tolerance" }
    switch self {
    case .nelderMead: return "relative simplex-size (step) tolerance"
    case .annealing, .basinHopping:
      return "relative improvement that resets the patience (value tolerance)"
    default: return "scaled gradient tolerance"
    }
  }

  /// What `--max-iterations` counts for this optimizer.
  var iterationMeaning: String {
    if isGradientDescent { return "steps (epochs with --batch-size or --validation)" }
    if self == .annealing { return "temperature levels" }
    if self == .basinHopping { return "hops (each a full local minimisation)" }
    if self == .leastSquares { return "iterations of each portfolio run" }
    return "iterations"
  }

  static var helpList: String {
    "least-squares (default for least-squares objectives: a portfolio of trust-region "
      + "methods with a verified verdict), lm, lmaccel, dogleg, ddogleg, subspace2d (single "
      + "GSL trust-region methods; least-squares objectives only), nelder-mead, cg-fr, cg-pr, "
      + "bfgs (default for the other objectives), steepest-descent, sgd, momentum, nesterov, "
      + "adam, adamw, annealing, basin-hopping. See `physfit optimizers`"
  }
}

/// A command-line setting that only some optimizers read.
enum OptimizerSetting: String, CaseIterable {
  case learningRate = "--learning-rate"
  case beta1 = "--beta1"
  case beta2 = "--beta2"
  case epsilon = "--epsilon"
  case schedule = "--schedule"
  case batchSize = "--batch-size"
  case epochs = "--epochs"
  case validation = "--validation"
  case seed = "--seed"
  case temperature = "--temperature"
  case cooling = "--cooling"
  case scaling = "--scaling"
  case solver = "--solver"

  /// The optimizers that read this setting, in catalogue order.
  var users: [OptimizerChoice] {
    OptimizerChoice.allCases.filter { $0.settings.contains(self) }
  }
}

/// How a fit is minimised: the optimizer, an optional polish stage, and their
/// settings. Objective-dependent checks (the default optimizer, least-squares
/// optimizers on other objectives) are in ``FitCommand/validate()``.
struct OptimizerOptions: ParsableArguments {
  @Option(help: ArgumentHelp(OptimizerChoice.helpList + "."))
  var optimizer: OptimizerChoice?

  @Option(
    name: .customLong("then"),
    help: ArgumentHelp(
      "A polish stage after --optimizer, from the same list (annealing --then bfgs); "
        + "the result is the polish's. A least-squares stage needs a least-squares objective.",
      valueName: "optimizer"))
  var polish: OptimizerChoice?

  @Option(
    help: ArgumentHelp(
      "Trust-region scaling: more (default, invariant to parameter units), levenberg, "
        + "marquardt. With least-squares it applies to every method of the portfolio."))
  var scaling: ScalingChoice?

  @Option(
    help: ArgumentHelp(
      "Linear solver of each trust-region step: qr (default), cholesky (fast), svd "
        + "(robust). With least-squares it applies to every method of the portfolio."))
  var solver: SolverChoice?

  @Option(
    help: ArgumentHelp(
      "Iteration limit: iterations, temperature levels (annealing) or steps/epochs "
        + "(gradient descent). Default: the optimizer's own (physfit optimizers).",
      valueName: "n"))
  var maxIterations: Int?

  @Option(
    help: ArgumentHelp(
      "Stopping tolerance, 0 < x < 1: relative step and gradient (least squares), simplex "
        + "size (nelder-mead), scaled gradient (gradient methods), improvement (annealing). "
        + "Default: the optimizer's own (physfit optimizers).",
      valueName: "x"))
  var tolerance: Double?

  @Option(
    help: ArgumentHelp(
      "Learning rate η₀ > 0 of sgd, momentum, nesterov, adam, adamw. Default: the "
        + "optimizer's own (physfit optimizers).",
      valueName: "x"))
  var learningRate: Double?

  @Option(
    help: ArgumentHelp(
      "Adam's first-moment decay β₁ in [0, 1) (adam, adamw). Default 0.9.", valueName: "x"))
  var beta1: Double?

  @Option(
    help: ArgumentHelp(
      "Adam's second-moment decay β₂ in [0, 1) (adam, adamw). Default 0.999.", valueName: "x"))
  var beta2: Double?

  @Option(
    help: ArgumentHelp(
      "Adam's ε > 0 in m̂/(√v̂ + ε) (adam, adamw). Default 1e-08.", valueName: "x"))
  var epsilon: Double?

  @Option(
    help: ArgumentHelp(
      "Learning-rate schedule from η₀ (clock: steps, or epochs in mini-batch mode): "
        + "constant (default), exponential:RATE (η₀·RATEᵏ), step:FACTOR:EVERY (×FACTOR "
        + "every EVERY), cosine:STEPS (to 0 over STEPS), plateau:FACTOR:PATIENCE "
        + "(×FACTOR after PATIENCE without improvement).",
      valueName: "schedule"))
  var schedule: String?

  @Option(
    help: ArgumentHelp(
      "Points per mini-batch (gradient descent); one iteration is then an epoch. "
        + "Default: full batch.",
      valueName: "b"))
  var batchSize: Int?

  @Option(
    help: ArgumentHelp(
      "Epoch limit of mini-batch training (with --batch-size or --validation); the same "
        + "limit as --max-iterations, counted in epochs.",
      valueName: "n"))
  var epochs: Int?

  @Option(
    help: ArgumentHelp(
      "Fraction in [0, 1) of the points held out for early stopping (gradient descent). "
        + "Default 0: none.",
      valueName: "f"))
  var validation: Double?

  @Option(
    help: ArgumentHelp(
      "Seed of the random numbers (gradient-descent shuffling and validation split, "
        + "annealing and basin-hopping moves): equal seeds give identical runs. Default 0.",
      valueName: "s"))
  var seed: UInt64?

  @Option(
    help: ArgumentHelp(
      "Initial annealing temperature T₀ > 0, in units of the objective (basin-hopping: its "
        + "fixed Metropolis temperature). Default: measured from the objective's uphill changes.",
      valueName: "t"))
  var temperature: Double?

  @Option(
    help: ArgumentHelp(
      "Annealing cooling schedule: exponential (default), logarithmic (T₀/ln(e + k), "
        + "slow), adaptive (cool only when the best value stops improving)."))
  var cooling: CoolingChoice?

  mutating func validate() throws {
    if let maxIterations, maxIterations < 1 {
      throw ValidationError("--max-iterations '\(maxIterations)': must be at least 1")
    }
    if let tolerance, !(tolerance > 0 && tolerance < 1) {
      throw ValidationError(
        "--tolerance '\(tolerance.formatted)': must be a number between 0 and 1 (exclusive)")
    }
    if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
      throw ValidationError(
        "--learning-rate '\(learningRate.formatted)': must be a positive number")
    }
    for (option, value) in [("--beta1", beta1), ("--beta2", beta2)] {
      if let value, !(value >= 0 && value < 1) {
        throw ValidationError("\(option) '\(value.formatted)': must be in [0, 1)")
      }
    }
    if let epsilon, !(epsilon > 0 && epsilon.isFinite) {
      throw ValidationError("--epsilon '\(epsilon.formatted)': must be a positive number")
    }
    if let batchSize, batchSize < 1 {
      throw ValidationError("--batch-size '\(batchSize)': must be at least 1")
    }
    if let epochs, epochs < 1 {
      throw ValidationError("--epochs '\(epochs)': must be at least 1")
    }
    if let validation, !(validation >= 0 && validation < 1) {
      throw ValidationError(
        "--validation '\(validation.formatted)': must be a fraction in [0, 1)")
    }
    if let schedule { _ = try ScheduleSyntax(parsing: schedule) }
    if let temperature, !(temperature > 0 && temperature.isFinite) {
      throw ValidationError(
        "--temperature '\(temperature.formatted)': must be a positive number")
    }
  }

  /// The stages: `--optimizer` (or the objective's default) and `--then`.
  func stages(for shape: ObjectiveChoice.Shape) -> [OptimizerChoice] {
    let first = optimizer ?? (shape == .leastSquares ? .leastSquares : .bfgs)
    return [first] + (polish.map { [$0] } ?? [])
  }

  /// The settings given on the command line.
  var givenSettings: [OptimizerSetting] {
    var given: [OptimizerSetting] = []
    if learningRate != nil { given.append(.learningRate) }
    if beta1 != nil { given.append(.beta1) }
    if beta2 != nil { given.append(.beta2) }
    if epsilon != nil { given.append(.epsilon) }
    if schedule != nil { given.append(.schedule) }
    if batchSize != nil { given.append(.batchSize) }
    if epochs != nil { given.append(.epochs) }
    if validation != nil { given.append(.validation) }
    if seed != nil { given.append(.seed) }
    if temperature != nil { given.append(.temperature) }
    if cooling != nil { given.append(.cooling) }
    if scaling != nil { given.append(.scaling) }
    if solver != nil { given.append(.solver) }
    return given
  }

  /// Checks the optimizer(s) against the objective and the settings against the
  /// optimizer(s). Throws `ValidationError` (exit 64) with a one-line message.
  func check(objective: ObjectiveChoice) throws {
    let stages = stages(for: objective.shape)
    for stage in stages where !stage.accepts(objective.shape) {
      let option = stage == stages[0] && optimizer != nil ? "--optimizer" : "--then"
      throw ValidationError(
        "\(option) \(stage.rawValue) needs a least-squares objective "
          + "(\(ObjectiveChoice.leastSquaresList)); --objective \(objective.rawValue) has no "
          + "residual form")
    }
    if stages.count == 2, stages[0].isLeastSquares {
      throw ValidationError(
        "--optimizer \(stages[0].rawValue) cannot start a pipeline: a least-squares optimizer "
          + "can only be the --then stage (e.g. --optimizer annealing --then \(stages[0].rawValue))"
      )
    }
    let name = stages.map(\.rawValue).joined(separator: "+")
    for setting in givenSettings where !stages.contains(where: { $0.settings.contains(setting) }) {
      throw ValidationError(
        "\(setting.rawValue) is not a setting of \(name) (it applies to "
          + setting.users.map(\.rawValue).joined(separator: ", ") + ")")
    }
    if epochs != nil {
      if maxIterations != nil {
        throw ValidationError(
          "--epochs and --max-iterations both set the iteration limit of \(name): give one")
      }
      if batchSize == nil && (validation ?? 0) == 0 {
        throw ValidationError(
          "--epochs counts epochs of mini-batch training: give --batch-size (or "
            + "--validation), or limit full-batch steps with --max-iterations")
      }
    }
  }

  /// The optimizer name for reports: the stages joined by `+`, plus non-default
  /// trust-region scaling and solver, and Adam's β₁, β₂, ε where given.
  func summary(for shape: ObjectiveChoice.Shape) -> String {
    var s = stages(for: shape).map(\.rawValue).joined(separator: "+")
    if let scaling, scaling != .more { s += ", scaling \(scaling.rawValue)" }
    if let solver, solver != .qr { s += ", solver \(solver.rawValue)" }
    if let beta1 { s += ", beta1 \(beta1.formatted)" }
    if let beta2 { s += ", beta2 \(beta2.formatted)" }
    if let epsilon { s += ", epsilon \(epsilon.formatted)" }
    return s
  }
}

/// `--scaling`: the trust region's parameter scaling (``TrustRegionScaling``).
enum ScalingChoice: String, ExpressibleByArgument, CaseIterable {
  case more
  case levenberg
  case marquardt

  var scaling: TrustRegionScaling {
    switch self {
    case .more: .more
    case .levenberg: .levenberg
    case .marquardt: .marquardt
    }
  }
}

/// `--solver`: the linear solver of each trust-region step (``TrustRegionSolver``).
enum SolverChoice: String, ExpressibleByArgument, CaseIterable {
  case qr
  case cholesky
  case svd

  var solver: TrustRegionSolver {
    switch self {
    case .qr: .qr
    case .cholesky: .cholesky
    case .svd: .svd
    }
  }
}

/// `--cooling`: the annealing temperature schedule.
enum CoolingChoice: String, ExpressibleByArgument, CaseIterable {
  case exponential
  case logarithmic
  case adaptive
}
