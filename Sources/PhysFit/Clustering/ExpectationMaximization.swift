import Foundation

/// Expectation–maximisation for a ``GaussianMixture``: the specialised optimizer of
/// the mixture likelihood (Dempster, Laird & Rubin 1977).
///
/// - E-step: responsibilities γᵢₖ = wₖN(xᵢ; μₖ, Σₖ)/f(xᵢ) at the current parameters;
/// - M-step: wₖ, μₖ, Σₖ ← the γ-weighted sample statistics (`MixtureStatistics`),
///   each variance raised by `varianceFloor`·(the data's variance), which keeps a
///   component from collapsing onto one point where the likelihood is unbounded.
///
/// Every iteration increases ln ℒ, needs no step size and keeps every parameter valid,
/// so EM is robust from a rough start; but it converges only linearly (slowly when
/// components overlap) and gives no errors.
///
/// **Why not an ``Optimizer``.** An `Optimizer` sees a ``Minimizable``: θ ↦ value and
/// gradient, nothing else. EM needs the per-point responsibilities and the data
/// themselves, which that interface does not expose (and should not: it would then
/// serve one model only). So EM is this dedicated type with its own ``Result``, whose
/// ``Result/parameters`` are θ of the mixture model: hand them to a generic fit as the
/// start, and a gradient optimizer polishes the minimum (without the variance floor)
/// and gives the Hessian covariance — what ``GaussianMixture/fit(_:expectationMaximization:polish:observer:)``
/// does.
///
/// **Start.** Each of `restarts` runs starts from k-means (k-means++ seeds and
/// `kMeansRestarts` Lloyd restarts, seeded from `seed` and the run's index); the
/// clusters' statistics are the first parameters. The run with the highest ln ℒ wins.
/// Components come out sorted by their means (first coordinate, then the next) so
/// that labels do not depend on the seeds.
public struct ExpectationMaximization: Sendable {
  /// The settings of an EM run: stopping rule, seeds and restarts, variance floor.
  public struct Configuration: Sendable, Hashable {
    /// Stops when ln ℒ changes by at most `valueTolerance`·|ln ℒ| over an iteration,
    /// when no parameter moves by more than `stepTolerance`·(|θᵢ| + `stepTolerance`),
    /// or at the iteration or time limit. Defaults: 1000 iterations and a value
    /// tolerance of 10⁻¹⁰ — EM is linear, each further digit as expensive as the
    /// last, and the fit that follows polishes the minimum anyway; 10⁻¹⁰ leaves ln ℒ
    /// within ~10⁻⁶ of its maximum for n in the thousands, far inside Δ ln ℒ = ½.
    public var stopping: StoppingRule
    /// Seed of the k-means starts; a fixed seed reproduces the result bit for bit.
    /// Default 0.
    public var seed: UInt64
    /// Independent EM runs from different k-means starts; the highest ln ℒ wins.
    /// Default 1: k-means with restarts is already a good start for separated
    /// clusters; raise it for strongly overlapping components.
    public var restarts: Int
    /// Lloyd restarts of the k-means start of each run. Default 10, as ``KMeans``.
    public var kMeansRestarts: Int
    /// Added to every variance in the M-step, relative to the data's variance in
    /// that column. Default 10⁻⁶ (scikit-learn's `reg_covar`, made scale-free): far
    /// below any real width, large enough to keep Σₖ invertible.
    public var varianceFloor: Double

    /// EM settings; every default is explained at its property.
    public init(
      stopping: StoppingRule = StoppingRule(maxIterations: 1000, valueTolerance: 1e-10),
      seed: UInt64 = 0, restarts: Int = 1, kMeansRestarts: Int = 10,
      varianceFloor: Double = 1e-6
    ) {
      self.stopping = stopping
      self.seed = seed
      self.restarts = restarts
      self.kMeansRestarts = kMeansRestarts
      self.varianceFloor = varianceFloor
    }
  }

  /// What EM found.
  public struct Result: Sendable {
    /// The components, sorted by their means.
    public var components: [MixtureComponent]
    /// θ of the mixture model for these components: the start of a generic fit.
    public var parameters: [Double]
    /// ln ℒ = Σᵢ ln f(xᵢ) at the end.
    public var logLikelihood: Double
    /// γᵢₖ, n × K.
    public var responsibilities: Matrix
    /// The most probable component of every point (0-based).
    public var assignments: [Int]
    /// EM iterations of the winning run.
    public var iterations: Int
    /// Why the winning run stopped.
    public var reason: StopReason
    /// The final ln ℒ of every run, in order.
    public var restartLogLikelihoods: [Double]

    /// Whether the winning run met a tolerance.
    public var converged: Bool { reason.isConvergence }
  }

  /// The settings this EM runs with.
  public var configuration: Configuration

  /// EM with the given settings (defaults: one run from k-means starts, seed 0).
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// A short name for reports.
  public var name: String { "em" }

  /// Runs EM for `mixture` on the points `data` (n × d, one column per mixture input),
  /// from k-means starts, or from `start` when given (then once). The observer hears
  /// every iteration (value = −ln ℒ, step = ‖Δθ‖, iterations counted across runs).
  /// - Throws: ``ClusteringError`` for data that do not fit the mixture (columns,
  ///   fewer points than components, non-finite values, a column without spread), a bad
  ///   start or setting.
  public func fit(
    _ mixture: GaussianMixture, to data: Matrix, from start: [MixtureComponent]? = nil,
    observer: IterationObserver? = nil
  ) throws(ClusteringError) -> Result {
    let k = mixture.componentCount
    try ClusteringData.check(data, clusters: k)
    guard data.columns == mixture.dimension else {
      throw .degenerate(
        "the mixture reads \(mixture.dimension) input(s) but the data have \(data.columns) column(s)"
      )
    }
    guard configuration.restarts >= 1, configuration.kMeansRestarts >= 1 else {
      throw .invalidSetting("EM needs at least 1 restart and 1 k-means restart")
    }
    guard configuration.varianceFloor >= 0, configuration.varianceFloor.isFinite else {
      throw .invalidSetting("the variance floor must be ≥ 0, not \(configuration.varianceFloor)")
    }
    let variance = ClusteringData.moments(data).variance
    if let j = variance.firstIndex(where: { !($0 > 0) }) {
      throw .degenerate("column \(j + 1) of the data has no spread: a density cannot be fitted")
    }
    let floor = variance.map { configuration.varianceFloor * $0 }
    var run = Run(
      mixture: mixture, data: data, floor: floor, stopping: configuration.stopping,
      observer: observer)
    var best: Result?
    var logLikelihoods: [Double] = []
    let starts = start == nil ? configuration.restarts : 1
    for r in 0..<starts {
      let first: [Double]
      if let start {
        first = try mixture.parameters(for: start)
      } else {
        var random = RandomSource.stream(seed: configuration.seed, index: r)
        let clusters = try KMeans(
          clusterCount: k,
          configuration: .init(restarts: configuration.kMeansRestarts, seed: random.next())
        ).cluster(data)
        first = try mixture.parameters(
          for: clusters.mixtureComponents(data, varianceFloor: configuration.varianceFloor))
      }
      let result = run.iterate(from: first)
      logLikelihoods.append(result.logLikelihood)
      if best == nil || result.logLikelihood > best!.logLikelihood { best = result }
    }
    guard var best else { throw .invalidSetting("EM ran no start") }
    best.restartLogLikelihoods = logLikelihoods
    return best.logLikelihood.isFinite ? try run.sorted(best) : best
  }
}
