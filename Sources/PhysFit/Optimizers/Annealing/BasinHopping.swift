/// Basin hopping: annealing over local minima (Monte Carlo minimisation, Li & Scheraga
/// 1987; basin hopping, Wales & Doye 1997), the method that found most of the known
/// Lennard-Jones cluster minima.
///
/// Every hop displaces all coordinates at random, xᵢ + s·ℓᵢ·ξᵢ with ξᵢ uniform in
/// [−1, 1], and then minimises locally *to convergence* (limited-memory BFGS), so the
/// chain moves between the bottoms of basins: the landscape it samples is the
/// staircase Ẽ(x) = E(local minimum reached from x), with all barriers inside a basin
/// removed. The new minimum is accepted by the Metropolis test on the local-minimum
/// energies, min(1, exp(−(E′ − E)/T)), at a constant temperature T. Every
/// `stepInterval` hops the step s is adapted toward the target acceptance ratio
/// (s ← s/0.9 above it, s·0.9 below, as scipy's `basinhopping`).
///
/// Where ``SimulatedAnnealing`` with local descent runs a few quasi-Newton steps after
/// one-coordinate moves, basin hopping moves all coordinates and descends fully: in the
/// 39 coordinates of LJ13 a short descent leaves the chain on a slope, and basins
/// cannot be compared.
///
/// What an evaluation is: one call of the objective, a value or a value with its
/// gradient (scipy's `nfev` with `jac=True`) — ``EvaluationCounts/calls``, the unit of a
/// comparison's budget. Its own ``StoppingRule/maxEvaluations`` counts, like every
/// optimizer's, values + gradients (a value with its gradient is two).
///
/// A seed makes every run reproducible bit for bit. Each hop is one iteration for the
/// observer (value: the chain's current local minimum).
public struct BasinHopping: Optimizer {
  /// The settings of a basin-hopping run; every default is explained at its property.
  public struct Configuration: Sendable, Hashable {
    /// The seed of the run's ``RandomSource``; equal seeds give bit-identical runs.
    public var seed: UInt64
    /// The Metropolis temperature T, in units of the objective; nil (default) measures it:
    /// T = `relativeTemperature`·τ, with τ the mean uphill difference E′ − E > 0 between
    /// successive local minima seen so far, so that the default means the same in any
    /// units.
    public var temperature: Double?
    /// T in units of the typical uphill difference τ, when `temperature` is nil.
    /// Default 0.3: a typical uphill hop is accepted with probability e^(−1/0.3) ≈ 4 %
    /// (the starting temperature of ``SimulatedAnnealing``'s default schedule). On LJ13,
    /// τ ≈ 3ε, so T ≈ 1ε: the temperature of Wales & Doye (1997) and of scipy's default.
    public var relativeTemperature: Double
    /// The first step s, as a fraction of each coordinate's length ℓᵢ: the box width
    /// where the problem has a finite box (``BoundedMinimizable``), else max(|x₀ᵢ|, 1).
    /// Default 0.15: about 0.45σ on a Lennard-Jones cluster's start box — scipy's step
    /// of 0.5 — and a move of a few basins on Rastrigin's [−5.12, 5.12].
    public var initialStep: Double
    /// The acceptance ratio the step adapts toward. Default 0.5 (scipy's `target_accept_rate`).
    public var targetAcceptance: Double
    /// Hops between step adaptations. Default 10: often enough to tune the step within
    /// the first hundred hops, over enough hops to measure a ratio.
    public var stepInterval: Int
    /// Hops without a decrease of the best value by more than
    /// `stopping.valueTolerance`·max(|f|, 1) after which the run stops (scipy's
    /// `niter_success`); nil never stops on it. Default 200: on LJ13 the ground state
    /// is found in a median of ~40 hops, and the few runs stuck in a neighbouring
    /// funnel for longer still leave it.
    public var patience: Int?
    /// Pairs (s, y) kept by the local L-BFGS. Default 10 (Liu & Nocedal's, scipy's).
    public var memory: Int
    /// Iterations of one local minimisation. Default 1000: a local L-BFGS converges in
    /// tens to a few hundred iterations on a smooth basin; the limit only catches a
    /// descent into a valley without a bottom.
    public var localIterations: Int
    /// The local minimisation converges when max |gᵢ|·max(|xᵢ|, 1) ≤ this·max(|f|, 1).
    /// Default 10⁻⁶: the energy is then within about |g|²/(2λ) ≲ 10⁻⁸·|f| of the basin's
    /// bottom (λ the smallest curvature), far below the 10⁻⁵ that tells LJ minima apart,
    /// and comparing basins needs no more.
    public var localGradientTolerance: Double
    /// The local minimisation also converges when an iteration lowers f by at most
    /// this·max(|f|, 1). Default 10⁻¹² (scipy's L-BFGS-B `ftol` is 2.2·10⁻⁹): a
    /// backtracked step that barely moves does not stop the descent early.
    public var localValueTolerance: Double
    /// `maxIterations` counts hops (default 1000); `maxEvaluations` (values + gradients)
    /// and `timeLimit` are checked during the local minimisations too;
    /// `valueTolerance` (default 10⁻⁹) sets what counts as an improvement for
    /// `patience`.
    public var stopping: StoppingRule

    /// Basin-hopping settings; every default is explained at its property.
    public init(
      seed: UInt64 = 0, temperature: Double? = nil, relativeTemperature: Double = 0.3,
      initialStep: Double = 0.15, targetAcceptance: Double = 0.5, stepInterval: Int = 10,
      patience: Int? = 200, memory: Int = 10, localIterations: Int = 1000,
      localGradientTolerance: Double = 1e-6, localValueTolerance: Double = 1e-12,
      stopping: StoppingRule = StoppingRule(maxIterations: 1000, valueTolerance: 1e-9)
    ) {
      self.seed = seed
      self.temperature = temperature
      self.relativeTemperature = relativeTemperature
      self.initialStep = initialStep
      self.targetAcceptance = targetAcceptance
      self.stepInterval = stepInterval
      self.patience = patience
      self.memory = memory
      self.localIterations = localIterations
      self.localGradientTolerance = localGradientTolerance
      self.localValueTolerance = localValueTolerance
      self.stopping = stopping
    }
  }

  /// The settings this optimizer runs with.
  public var configuration: Configuration

  /// Basin hopping with the given settings.
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Basin hopping with the given seed, other settings at their defaults.
  public init(seed: UInt64) {
    self.init(Configuration(seed: seed))
  }

  public var name: String { "basin-hopping" }

  public func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    var run = BasinHoppingRun(problem, configuration: configuration)
    return run.run(from: start, observer: observer, name: name)
  }
}
