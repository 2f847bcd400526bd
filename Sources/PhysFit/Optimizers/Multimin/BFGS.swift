/// The Broyden–Fletcher–Goldfarb–Shanno quasi-Newton method (GSL `vector_bfgs2`):
/// needs values and gradients.
///
/// Builds an approximation of the inverse Hessian from successive gradient changes
/// and searches along −H⁻¹g with Fletcher's line search (Wolfe conditions).
/// Superlinear convergence near a minimum; the default choice for smooth objectives
/// with up to a few hundred parameters.
public struct BFGS: Optimizer {
  /// The settings of BFGS; every default is explained at its property.
  public struct Configuration: Sendable, Hashable {
    /// First trial step, `initialStep·max(‖x₀‖∞, 1)`. 0.01 is GSL's recommendation;
    /// later steps use the quasi-Newton scaling.
    public var initialStep: Double
    /// GSL's line-search `tol` (Fletcher's σ, the curvature condition
    /// |p·g(x + αp)| ≤ tol·|p·g(x)|). 0.1, GSL's recommendation: BFGS needs only an
    /// approximate line minimisation.
    public var lineSearchTolerance: Double
    /// Stops on the scaled gradient test (`gradientTolerance`), `valueTolerance` when
    /// positive, and the iteration, evaluation and time limits; `stepTolerance` is
    /// not used.
    ///
    /// Defaults: gradient tolerance 10⁻¹⁰ relative to max(|f|, 1) — near where the
    /// rounding of an analytic gradient leaves off — and 1000 iterations, plenty for
    /// a superlinear method.
    public var stopping: StoppingRule
    /// When GSL reports no progress (GSL_ENOPROG: no decrease of f found along the
    /// search direction), the point still counts as a minimum if its scaled gradient
    /// is ≤ this. 10⁻⁴: on a χ² fit with large curvature the remaining decrease
    /// |g|²/2h falls below the rounding of f while the scaled gradient is still
    /// ~10⁻⁶…10⁻⁵; a larger gradient means the line search failed for another reason
    /// (a stall). Fits check the end point again by MINUIT's EDM test.
    public var stationaryGradientTolerance: Double

    /// BFGS settings; every default is explained at its property.
    public init(
      initialStep: Double = 0.01, lineSearchTolerance: Double = 0.1,
      stopping: StoppingRule = StoppingRule(maxIterations: 1000, gradientTolerance: 1e-10),
      stationaryGradientTolerance: Double = 1e-4
    ) {
      self.initialStep = initialStep
      self.lineSearchTolerance = lineSearchTolerance
      self.stopping = stopping
      self.stationaryGradientTolerance = stationaryGradientTolerance
    }
  }

  /// The settings this optimizer runs with.
  public var configuration: Configuration

  /// BFGS with the given settings.
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  public var name: String { "bfgs" }

  public func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    let settings = MultiminSettings(
      name: name, stopping: configuration.stopping, initialStep: configuration.initialStep,
      lineSearchTolerance: configuration.lineSearchTolerance,
      stationaryGradientTolerance: configuration.stationaryGradientTolerance)
    return MultiminDriver(problem).runGradient(.bfgs, from: start, settings, observer: observer)
  }
}
