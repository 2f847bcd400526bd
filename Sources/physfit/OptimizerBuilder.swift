import PhysFit

/// The optimizer a command line describes, as a library value: general optimizers
/// minimise any objective, least-squares ones (and pipelines that end in one) only
/// least-squares objectives.
enum BuiltOptimizer {
  case general(any Optimizer)
  case leastSquares(any LeastSquaresOptimizer)
}

extension OptimizerChoice {
  /// The library's optimizer with its documented default configuration: the source
  /// of every default the CLI reports or falls back to.
  var libraryDefault: BuiltOptimizer {
    if let method = trustRegionMethod {
      return .leastSquares(TrustRegion(TrustRegion.Configuration(method: method)))
    }
    switch self {
    case .nelderMead: return .general(NelderMead())
    case .cgFR: return .general(ConjugateGradient(variant: .fletcherReeves))
    case .cgPR: return .general(ConjugateGradient(variant: .polakRibiere))
    case .bfgs: return .general(BFGS())
    case .steepestDescent: return .general(SteepestDescent())
    case .sgd: return .general(GradientDescent.sgd())
    case .momentum: return .general(GradientDescent.momentum())
    case .nesterov: return .general(GradientDescent.nesterov())
    case .adam: return .general(GradientDescent.adam())
    case .adamw: return .general(GradientDescent.adamW())
    case .annealing: return .general(SimulatedAnnealing())
    case .basinHopping: return .general(BasinHopping())
    default: return .leastSquares(LeastSquares())
    }
  }
}

extension OptimizerOptions {
  /// The optimizer (or pipeline) for an objective of `shape`. Call after
  /// ``check(objective:)``: a least-squares first stage of a pipeline is not built.
  func build(for shape: ObjectiveChoice.Shape) -> BuiltOptimizer {
    let stages = stages(for: shape)
    if stages.count == 1 {
      return stages[0].isLeastSquares
        ? .leastSquares(leastSquaresOptimizer(stages[0])) : .general(generalOptimizer(stages[0]))
    }
    let global = generalOptimizer(stages[0])
    if stages[1].isLeastSquares {
      return .leastSquares(Self.leastSquaresPipeline(global, leastSquaresOptimizer(stages[1])))
    }
    return .general(Self.pipeline(global, generalOptimizer(stages[1])))
  }

  private static func pipeline(_ global: some Optimizer, _ local: some Optimizer)
    -> any Optimizer
  {
    Pipeline(global, then: local)
  }

  private static func leastSquaresPipeline(
    _ global: some Optimizer, _ local: some LeastSquaresOptimizer
  ) -> any LeastSquaresOptimizer {
    LeastSquaresPipeline(global, then: local)
  }

  /// `base` with `--max-iterations`/`--epochs` and `--tolerance` applied: the
  /// tolerance goes to the test the optimizer uses (see
  /// ``OptimizerChoice/toleranceMeaning``).
  func stopping(_ base: StoppingRule, for choice: OptimizerChoice) -> StoppingRule {
    var rule = base
    if let limit = maxIterations ?? epochs { rule.maxIterations = limit }
    if let tolerance {
      switch choice {
      case _ where choice.isLeastSquares:
        rule.stepTolerance = tolerance
        rule.gradientTolerance = tolerance
      case .nelderMead: rule.stepTolerance = tolerance
      case .annealing, .basinHopping: rule.valueTolerance = tolerance
      default: rule.gradientTolerance = tolerance
      }
    }
    return rule
  }

  /// A trust-region optimizer: the portfolio or one GSL method.
  func leastSquaresOptimizer(_ choice: OptimizerChoice) -> any LeastSquaresOptimizer {
    let scaling = (scaling ?? .more).scaling
    let solver = (solver ?? .qr).solver
    if let method = choice.trustRegionMethod {
      var configuration = TrustRegion.Configuration(
        method: method, scaling: scaling, solver: solver)
      configuration.stopping = stopping(configuration.stopping, for: choice)
      return TrustRegion(configuration)
    }
    var configuration = LeastSquares.Configuration()
    configuration.stopping = stopping(configuration.stopping, for: choice)
    for k in configuration.portfolio.indices {
      configuration.portfolio[k].scaling = scaling
      configuration.portfolio[k].solver = solver
    }
    return LeastSquares(configuration)
  }

  /// A general optimizer with the command line's settings over the library defaults.
  func generalOptimizer(_ choice: OptimizerChoice) -> any Optimizer {
    switch choice {
    case .nelderMead:
      var c = NelderMead.Configuration()
      c.stopping = stopping(c.stopping, for: choice)
      return NelderMead(c)
    case .cgFR, .cgPR:
      var c = ConjugateGradient.Configuration(
        variant: choice == .cgFR ? .fletcherReeves : .polakRibiere)
      c.stopping = stopping(c.stopping, for: choice)
      return ConjugateGradient(c)
    case .steepestDescent:
      var c = SteepestDescent.Configuration()
      c.stopping = stopping(c.stopping, for: choice)
      return SteepestDescent(c)
    case .sgd, .momentum, .nesterov, .adam, .adamw:
      return gradientDescent(choice)
    case .annealing:
      return annealing()
    case .basinHopping:
      return basinHopping()
    default:
      var c = BFGS.Configuration()
      c.stopping = stopping(c.stopping, for: choice)
      return BFGS(c)
    }
  }

  private func gradientDescent(_ choice: OptimizerChoice) -> GradientDescent {
    guard case .general(let base as GradientDescent) = choice.libraryDefault else {
      preconditionFailure("\(choice.rawValue) is not a gradient-descent optimizer")
    }
    var optimizer = base
    if beta1 != nil || beta2 != nil || epsilon != nil {
      optimizer.transformation = adamTransformation(optimizer.transformation)
    }
    var c = optimizer.configuration
    let eta = learningRate ?? c.learningRate.initial
    c.learningRate = (schedule.flatMap { try? ScheduleSyntax(parsing: $0) } ?? .constant)
      .schedule(initial: eta)
    if let batchSize { c.batchSize = batchSize }
    if let seed { c.seed = seed }
    if let validation { c.validationFraction = validation }
    c.stopping = stopping(c.stopping, for: choice)
    optimizer.configuration = c
    return optimizer
  }

  /// Adam's scaling with `--beta1`, `--beta2`, `--epsilon` over its defaults, inside
  /// `transformation` (``ScaleByAdam`` alone for adam, first in the chain for adamw).
  private func adamTransformation(_ transformation: any GradientTransformation)
    -> any GradientTransformation
  {
    func replaced(_ adam: ScaleByAdam) -> ScaleByAdam {
      ScaleByAdam(
        beta1: beta1 ?? adam.beta1, beta2: beta2 ?? adam.beta2, epsilon: epsilon ?? adam.epsilon)
    }
    if let adam = transformation as? ScaleByAdam { return replaced(adam) }
    if let chain = transformation as? Chain {
      return Chain(chain.transformations.map { ($0 as? ScaleByAdam).map(replaced) ?? $0 })
    }
    return transformation
  }

  /// Basin hopping: `--seed`, and `--temperature` as the fixed Metropolis temperature.
  private func basinHopping() -> BasinHopping {
    var c = BasinHopping.Configuration()
    if let seed { c.seed = seed }
    if let temperature { c.temperature = temperature }
    c.stopping = stopping(c.stopping, for: .basinHopping)
    return BasinHopping(c)
  }

  /// Annealing: `--temperature` sets T₀ (τ = T₀ divided by the default schedule's
  /// first value, so that the freezing point keeps its place relative to T₀);
  /// `--cooling` keeps the default schedule's first value and rate.
  private func annealing() -> SimulatedAnnealing {
    var c = SimulatedAnnealing.Configuration()
    var initial = c.cooling.initial
    var rate = c.cooling.value(at: 1) / initial
    if case .exponential(let first, let r) = c.cooling {
      initial = first
      rate = r
    }
    if let seed { c.seed = seed }
    if let temperature { c.temperatureScale = temperature / initial }
    switch cooling {
    case .logarithmic: c.cooling = .logarithmic(initial: initial)
    case .adaptive: c.cooling = .reduceOnPlateau(initial: initial, factor: rate, patience: 1)
    case .exponential, nil: break
    }
    c.stopping = stopping(c.stopping, for: .annealing)
    return SimulatedAnnealing(c)
  }
}
