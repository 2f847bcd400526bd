/// Steepest descent (GSL `steepest_descent`): needs values and gradients.
///
/// Steps along −g/‖g‖; a step that lowers f is accepted and the next trial step
/// doubled, one that does not is shrunk by `stepReduction` and retried. The
/// textbook baseline: it converges only linearly, with a rate set by the condition
/// number of the Hessian, and zig-zags in curved valleys (Rosenbrock's needs
/// thousands of iterations). Use it to teach or to compare, not to fit.
public struct SteepestDescent: Optimizer {
  /// The settings of steepest descent; every default is explained at its property.
  public struct Configuration: Sendable, Hashable {
    /// First trial step, `initialStep·max(‖x₀‖∞, 1)`; 0.01, as for the other
    /// gradient methods. The step adapts by doubling and shrinking.
    public var initialStep: Double
    /// The factor a rejected step is multiplied by (GSL's `tol` for this method);
    /// 0.1 shrinks fast enough to find a descent step in a few tries.
    public var stepReduction: Double
    /// Stops on the scaled gradient test (`gradientTolerance`), `valueTolerance` when
    /// positive, and the iteration, evaluation and time limits.
    ///
    /// Defaults: gradient tolerance 10⁻⁸ relative to max(|f|, 1) — looser than the
    /// other gradient methods because the last digits cost linear-rate iterations —
    /// and 200 000 iterations, the budget it needs on ill-conditioned valleys.
    public var stopping: StoppingRule
    /// When GSL reports no progress (GSL_ENOPROG: no decrease of f found along the
    /// search direction), the point still counts as a minimum if its scaled gradient
    /// is ≤ this. 10⁻⁴: on a χ² fit with large curvature the remaining decrease
    /// |g|²/2h falls below the rounding of f while the scaled gradient is still
    /// ~10⁻⁶…10⁻⁵; a larger gradient means the line search failed for another reason
    /// (a stall). Fits check the end point again by MINUIT's EDM test.
    public var stationaryGradientTolerance: Double

    /// Steepest descent settings; every default is explained at its property.
    public init(
      initialStep: Double = 0.01, stepReduction: Double = 0.1,
      stopping: StoppingRule = StoppingRule(maxIterations: 200_000, gradientTolerance: 1e-8),
      stationaryGradientTolerance: Double = 1e-4
    ) {
      self.initialStep = initialStep
      self.stepReduction = stepReduction
      self.stopping = stopping
      self.stationaryGradientTolerance = stationaryGradientTolerance
    }
  }

  /// The settings this optimizer runs with.
  public var configuration: Configuration

  /// Steepest descent with the given settings.
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  public var name: String { "steepest-descent" }

  public func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    let settings = MultiminSettings(
      name: name, stopping: configuration.stopping, initialStep: configuration.initialStep,
      lineSearchTolerance: configuration.stepReduction,
      stationaryGradientTolerance: configuration.stationaryGradientTolerance)
    return MultiminDriver(problem).runGradient(
      .steepestDescent, from: start, settings, observer: observer)
  }
}
