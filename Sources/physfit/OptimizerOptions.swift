import ArgumentParser
import PhysFit

/// The learning criterion of a fit, as typed on the command line.
///
/// Only χ² exists so far; likelihood objectives (Poisson, Gaussian, unbinned) will
/// join here. Each declares its ``Shape`` so that optimizers that need one shape can
/// refuse the others with a one-line error.
enum ObjectiveChoice: String, ExpressibleByArgument, CaseIterable {
  /// χ² = Σ((y − f)/σ)², or the residual sum of squares without σ.
  case chi2

  enum Shape {
    /// A sum of squared residuals: trust-region least squares can minimise it.
    case leastSquares
    /// Any scalar function: needs a general minimiser.
    case general
  }

  var shape: Shape {
    switch self {
    case .chi2: .leastSquares
    }
  }
}

/// The optimization algorithm, as typed on the command line.
///
/// Each case names the ``ObjectiveChoice/Shape`` it requires; general minimisers
/// (gradient descent, BFGS, simulated annealing) will be added as cases that accept
/// ``ObjectiveChoice/Shape/general`` — and least-squares objectives too.
enum OptimizerChoice: String, ExpressibleByArgument, CaseIterable {
  /// The robust default: a portfolio of trust-region methods, a Gauss–Newton polish
  /// and a verified convergence verdict (``LeastSquares``).
  case leastSquares = "least-squares"
  case lm
  case lmaccel
  case dogleg
  case ddogleg
  case subspace2d

  /// The single GSL trust-region method, or nil for the portfolio.
  var trustRegionMethod: TrustRegionMethod? {
    switch self {
    case .leastSquares: nil
    case .lm: .levenbergMarquardt
    case .lmaccel: .geodesicLevenbergMarquardt
    case .dogleg: .dogleg
    case .ddogleg: .doubleDogleg
    case .subspace2d: .subspace2D
    }
  }

  /// Whether the optimizer can minimise an objective of this shape.
  func accepts(_ shape: ObjectiveChoice.Shape) -> Bool {
    switch shape {
    case .leastSquares: true
    case .general: false
    }
  }

  static var helpList: String {
    "least-squares (default: a portfolio of trust-region methods with a verified verdict), "
      + "or a single GSL trust-region method: lm (Levenberg–Marquardt), lmaccel (with geodesic "
      + "acceleration), dogleg, ddogleg (double dogleg), subspace2d"
  }
}

/// How a fit is minimised: the objective, the optimizer and its stopping rule.
struct OptimizerOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The learning criterion: chi2 (χ², or RSS without --sigma)."))
  var objective: ObjectiveChoice = .chi2

  @Option(help: ArgumentHelp(OptimizerChoice.helpList + "."))
  var optimizer: OptimizerChoice = .leastSquares

  @Option(
    help: ArgumentHelp(
      "Trust-region scaling: more (default, invariant to parameter units), levenberg, "
        + "marquardt. With least-squares it applies to every method of the portfolio."))
  var scaling: ScalingChoice = .more

  @Option(
    help: ArgumentHelp(
      "Linear solver of each step: qr (default), cholesky (fast), svd (robust). With "
        + "least-squares it applies to every method of the portfolio."))
  var solver: SolverChoice = .qr

  @Option(
    help: ArgumentHelp(
      "Iteration limit (of each run of the portfolio).", valueName: "n"))
  var maxIterations: Int = StoppingRule().maxIterations

  @Option(
    help: ArgumentHelp(
      "Relative step and gradient tolerance (default 1e-15, near machine precision, "
        + "because stopping early loses digits on accurate data).",
      valueName: "x"))
  var tolerance: Double?

  mutating func validate() throws {
    guard optimizer.accepts(objective.shape) else {
      throw ValidationError(
        "--optimizer \(optimizer.rawValue) cannot minimise --objective \(objective.rawValue): "
          + "it needs a least-squares objective")
    }
    guard maxIterations >= 1 else {
      throw ValidationError("--max-iterations '\(maxIterations)': must be at least 1")
    }
    if let tolerance, !(tolerance > 0 && tolerance < 1) {
      throw ValidationError(
        "--tolerance '\(tolerance.formatted)': must be a number between 0 and 1 (exclusive)")
    }
  }

  /// The stopping rule from `--max-iterations` and `--tolerance`.
  var stopping: StoppingRule {
    var rule = StoppingRule(maxIterations: maxIterations)
    if let tolerance {
      rule.stepTolerance = tolerance
      rule.gradientTolerance = tolerance
    }
    return rule
  }

  /// The least-squares optimizer the options describe.
  func leastSquaresOptimizer() -> any LeastSquaresOptimizer {
    if let method = optimizer.trustRegionMethod {
      return TrustRegion(
        method: method, scaling: scaling.scaling, solver: solver.solver, stopping: stopping)
    }
    var configuration = LeastSquares.Configuration(stopping: stopping)
    for k in configuration.portfolio.indices {
      configuration.portfolio[k].scaling = scaling.scaling
      configuration.portfolio[k].solver = solver.solver
    }
    return LeastSquares(configuration)
  }

  /// A name for reports: the option's name plus non-default scaling and solver.
  var summary: String {
    var s = optimizer.rawValue
    if scaling != .more { s += ", scaling \(scaling.rawValue)" }
    if solver != .qr { s += ", solver \(solver.rawValue)" }
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
