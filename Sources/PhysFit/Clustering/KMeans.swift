import Foundation

/// k-means clustering: K centres cₖ minimising the inertia Σᵢ minₖ ‖xᵢ − cₖ‖² by
/// Lloyd's algorithm (assign every point to its nearest centre, move every centre to
/// the mean of its points, repeat), from k-means++ seeds, with several seeded restarts
/// of which the lowest inertia wins.
///
/// **A limit of the Gaussian mixture.** k-means is EM for a mixture of K Gaussians
/// with equal weights and one common spherical covariance σ²I, in the limit σ → 0,
/// where each responsibility becomes 0 or 1 (a hard assignment). It therefore
/// assumes round clusters of similar size and spread; elongated, overlapping or
/// unequal clusters are what ``GaussianMixture`` is for. It has no likelihood, so no
/// errors: ``Result/mixtureComponents(_:varianceFloor:)`` turns its clusters into a
/// start for a mixture fit.
///
/// Lloyd never increases the inertia and reaches a fixed point of the assignments
/// in finitely many steps; that point is a local minimum, hence the restarts. A
/// cluster that loses all its points is re-seeded with the point farthest from its
/// own centre.
public struct KMeans: Sendable {
  /// The settings of k-means: Lloyd restarts, stopping rule and seed.
  public struct Configuration: Sendable, Hashable {
    /// Independent k-means++ starts; the lowest inertia wins. Default 10 (the
    /// classic scikit-learn `n_init`): each start costs a few Lloyd passes, cheap
    /// against a wrong local minimum.
    public var restarts: Int
    /// Lloyd iterations per start (`maxIterations`, default 300 as in scikit-learn —
    /// a start normally reaches its fixed point in ten to thirty) and the time limit.
    /// Convergence is the exact fixed point (no assignment changes), reported as
    /// ``StopReason/stepTolerance`` (the centres did not move); the tolerances are not
    /// used.
    public var stopping: StoppingRule
    /// Seed of the k-means++ draws; start r uses `RandomSource.stream(seed:index: r)`,
    /// so a fixed seed reproduces the result bit for bit. Default 0.
    public var seed: UInt64

    /// k-means settings; every default is explained at its property.
    public init(
      restarts: Int = 10, stopping: StoppingRule = StoppingRule(maxIterations: 300),
      seed: UInt64 = 0
    ) {
      self.restarts = restarts
      self.stopping = stopping
      self.seed = seed
    }
  }

  /// What k-means found.
  public struct Result: Sendable {
    /// Centres, K × d (row k is centre k), sorted by their coordinates (first, then
    /// second, ...) so that labels do not depend on the seeds' order.
    public var centers: Matrix
    /// The centre of every point (0-based), n values.
    public var assignments: [Int]
    /// Points per cluster.
    public var clusterSizes: [Int]
    /// Σᵢ ‖xᵢ − c_assignment(i)‖² of the best start.
    public var inertia: Double
    /// The final inertia of every start, in order.
    public var restartInertias: [Double]
    /// The start that won (0-based).
    public var bestRestart: Int
    /// Lloyd iterations of the best start.
    public var iterations: Int
    /// Why the best start stopped.
    public var reason: StopReason

    /// Whether the best start reached a fixed point.
    public var converged: Bool { reason.isConvergence }

    /// The clusters as Gaussian mixture components — weight nₖ/n, mean cₖ and the
    /// within-cluster covariance (1/nₖ normalised), each variance at least
    /// `varianceFloor`·(the data's variance in that column) — a start for a mixture
    /// fit. `data` must be the clustered points.
    public func mixtureComponents(_ data: Matrix, varianceFloor: Double = 1e-6)
      -> [MixtureComponent]
    {
      let k = centers.rows
      var gamma = Matrix(rows: data.rows, columns: k)
      for (i, a) in assignments.enumerated() { gamma[i, a] = 1 }
      let floor = ClusteringData.moments(data).variance.map { varianceFloor * max($0, 0) }
      return MixtureStatistics.components(
        data, responsibilities: gamma, diagonalOnly: false, varianceFloor: floor)
    }
  }

  /// K, the number of clusters.
  public var clusterCount: Int
  /// The settings this k-means runs with.
  public var configuration: Configuration

  /// k-means for `clusterCount` clusters with the given settings.
  public init(clusterCount: Int, configuration: Configuration = Configuration()) {
    self.clusterCount = clusterCount
    self.configuration = configuration
  }

  /// Clusters the rows of `data` (n points × d coordinates). The observer hears every
  /// Lloyd iteration of every start (value = inertia, iterations counted across
  /// starts).
  /// - Throws: ``ClusteringError`` for K < 1, fewer points than clusters, no columns,
  ///   a non-finite value, or fewer than one restart.
  public func cluster(_ data: Matrix, observer: IterationObserver? = nil)
    throws(ClusteringError) -> Result
  {
    try ClusteringData.check(data, clusters: clusterCount)
    guard configuration.restarts >= 1 else {
      throw .invalidSetting("k-means needs at least 1 restart, not \(configuration.restarts)")
    }
    guard configuration.stopping.maxIterations >= 1 else {
      throw .invalidSetting("k-means needs at least 1 iteration")
    }
    let clock = ContinuousClock.now
    var lloyd = Lloyd(data: data, clusterCount: clusterCount)
    var best: (run: Lloyd.Run, restart: Int)?
    var inertias: [Double] = []
    var reported = 0
    for restart in 0..<configuration.restarts {
      var random = RandomSource.stream(seed: configuration.seed, index: restart)
      let seeds = KMeansPlusPlus.seeds(data, count: clusterCount, random: &random)
      let run = lloyd.run(
        from: seeds, stopping: configuration.stopping, started: clock
      ) { inertia, shift in
        reported += 1
        observer?(
          IterationReport(
            iteration: reported, evaluations: EvaluationCounts(values: reported),
            value: inertia, gradientNorm: .nan, stepNorm: shift,
            elapsed: Self.seconds(since: clock)))
      }
      inertias.append(run.inertia)
      if best == nil || run.inertia < best!.run.inertia { best = (run, restart) }
      if case .timeLimit = run.reason { break }
    }
    guard let best else { throw .invalidSetting("k-means ran no start") }
    return Self.canonical(best.run, restart: best.restart, inertias: inertias)
  }

  /// The result with centres sorted by their coordinates and labels renamed to match.
  static func canonical(_ run: Lloyd.Run, restart: Int, inertias: [Double]) -> Result {
    let k = run.centers.rows
    let d = run.centers.columns
    let order = (0..<k).sorted { a, b in
      for j in 0..<d where run.centers[a, j] != run.centers[b, j] {
        return run.centers[a, j] < run.centers[b, j]
      }
      return a < b
    }
    var label = Array(repeating: 0, count: k)
    for (new, old) in order.enumerated() { label[old] = new }
    var centers = Matrix(rows: k, columns: d)
    for (new, old) in order.enumerated() {
      for j in 0..<d { centers[new, j] = run.centers[old, j] }
    }
    let assignments = run.assignments.map { label[$0] }
    var sizes = Array(repeating: 0, count: k)
    for a in assignments { sizes[a] += 1 }
    return Result(
      centers: centers, assignments: assignments, clusterSizes: sizes, inertia: run.inertia,
      restartInertias: inertias, bestRestart: restart, iterations: run.iterations,
      reason: run.reason)
  }

  static func seconds(since start: ContinuousClock.Instant) -> Double {
    (ContinuousClock.now - start).seconds
  }
}
