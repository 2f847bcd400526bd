/// The Nelder–Mead downhill simplex (GSL `nmsimplex2`): needs values only.
///
/// A simplex of n + 1 points reflects, expands and contracts towards lower values.
/// It needs no gradient, so it works on noisy or non-smooth objectives, but it
/// converges slowly (linearly at best) and is not guaranteed to reach a stationary
/// point. `nmsimplex2` keeps the simplex size updated in O(n) per iteration.
public struct NelderMead: Optimizer {
  /// The settings of Nelder–Mead; every default is explained at its property.
  public struct Configuration: Sendable, Hashable {
    /// Initial simplex: each vertex is offset from the start by
    /// `initialStep·max(‖x₀‖∞, 1)` along one axis. 0.1 is a tenth of the start's
    /// scale: large enough to see the landscape, small enough to stay in its basin.
    public var initialStep: Double
    /// Stops when the simplex size (mean distance of the vertices from their centroid)
    /// is ≤ `stepTolerance·(‖x‖∞ + stepTolerance)` — the relative step test, applied to
    /// the simplex — or when the corner values spread by max f − min f ≤
    /// `valueTolerance·|f|`; with the default 0, when all corners have the same value
    /// to the last bit (the simplex would otherwise cycle without shrinking). The
    /// gradient test is not used (no gradients are evaluated).
    ///
    /// Defaults: step tolerance 10⁻¹⁰ (the simplex can locate a smooth minimum to
    /// about √ε ≈ 10⁻⁸ relative from values alone; 10⁻¹⁰ lets it finish shrinking
    /// there), and 20 000 iterations, since the simplex needs O(n) iterations per
    /// halving of its size and higher-dimensional problems need many.
    public var stopping: StoppingRule

    /// Nelder–Mead settings; every default is explained at its property.
    public init(
      initialStep: Double = 0.1,
      stopping: StoppingRule = StoppingRule(maxIterations: 20_000, stepTolerance: 1e-10)
    ) {
      self.initialStep = initialStep
      self.stopping = stopping
    }
  }

  /// The settings this optimizer runs with.
  public var configuration: Configuration

  /// Nelder–Mead with the given settings.
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  public var name: String { "nelder-mead" }

  public func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    let settings = MultiminSettings(
      name: name, stopping: configuration.stopping, initialStep: configuration.initialStep)
    return MultiminDriver(problem).runSimplex(from: start, settings, observer: observer)
  }
}
