/// Nonlinear conjugate gradients (GSL `conjugate_fr`, `conjugate_pr`): needs values
/// and gradients.
///
/// Each search direction is the negative gradient plus β times the previous direction,
/// followed by a line minimisation: β = ‖gₖ‖²/‖gₖ₋₁‖² (Fletcher–Reeves) or
/// gₖ·(gₖ − gₖ₋₁)/‖gₖ₋₁‖² (Polak–Ribière). O(n) memory, no matrix: the method for
/// many parameters. Polak–Ribière usually converges faster; Fletcher–Reeves has the
/// stronger global convergence theory.
public struct ConjugateGradient: Optimizer {
  /// The formula for β.
  public enum Variant: String, Sendable, Hashable, CaseIterable {
    /// Fletcher–Reeves: β = ‖gₖ₊₁‖²/‖gₖ‖².
    case fletcherReeves = "fr"
    /// Polak–Ribière: β = gₖ₊₁ᵀ(gₖ₊₁ − gₖ)/‖gₖ‖², which restarts itself when progress stalls.
    case polakRibiere = "pr"
  }

  /// The settings of conjugate gradient; every default is explained at its property.
  public struct Configuration: Sendable, Hashable {
    /// The formula for β.
    public var variant: Variant
    /// First trial step of each line search, `initialStep·max(‖x₀‖∞, 1)`. 0.01 is
    /// GSL's recommendation: a small step that the line search enlarges as needed.
    public var initialStep: Double
    /// GSL's line-search `tol`: the line minimisation stops when |p·g| ≤ tol·‖p‖‖g‖.
    /// Conjugacy needs near-exact line minimisations: 10⁻⁴ (GSL's example value)
    /// rather than the 0.1 that suffices for BFGS.
    public var lineSearchTolerance: Double
    /// Stops on the scaled gradient test (`gradientTolerance`), `valueTolerance` when
    /// positive, and the iteration, evaluation and time limits; `stepTolerance` is
    /// not used (a short step is not a stationary point for a gradient method).
    ///
    /// Defaults: gradient tolerance 10⁻¹⁰ relative to max(|f|, 1) — near where the
    /// rounding of an analytic gradient leaves off, and far below the MINUIT EDM
    /// test of a fit — and 10 000 iterations (CG restarts every n iterations and can
    /// zig-zag on curved valleys).
    public var stopping: StoppingRule
    /// When GSL reports no progress (GSL_ENOPROG: no decrease of f found along the
    /// search direction), the point still counts as a minimum if its scaled gradient
    /// is ≤ this. 10⁻⁴: on a χ² fit with large curvature the remaining decrease
    /// |g|²/2h falls below the rounding of f while the scaled gradient is still
    /// ~10⁻⁶…10⁻⁵; a larger gradient means the line search failed for another reason
    /// (a stall). Fits check the end point again by MINUIT's EDM test.
    public var stationaryGradientTolerance: Double

    /// Conjugate-gradient settings; every default is explained at its property.
    public init(
      variant: Variant = .polakRibiere, initialStep: Double = 0.01,
      lineSearchTolerance: Double = 1e-4,
      stopping: StoppingRule = StoppingRule(maxIterations: 10_000, gradientTolerance: 1e-10),
      stationaryGradientTolerance: Double = 1e-4
    ) {
      self.variant = variant
      self.initialStep = initialStep
      self.lineSearchTolerance = lineSearchTolerance
      self.stopping = stopping
      self.stationaryGradientTolerance = stationaryGradientTolerance
    }
  }

  /// The settings this optimizer runs with.
  public var configuration: Configuration

  /// Conjugate gradient with the given settings.
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Conjugate gradients with the given β formula and default settings otherwise.
  public init(variant: Variant) {
    self.init(Configuration(variant: variant))
  }

  public var name: String { "cg-\(configuration.variant.rawValue)" }

  public func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    let settings = MultiminSettings(
      name: name, stopping: configuration.stopping, initialStep: configuration.initialStep,
      lineSearchTolerance: configuration.lineSearchTolerance,
      stationaryGradientTolerance: configuration.stationaryGradientTolerance)
    let method: MultiminGradientMethod =
      configuration.variant == .fletcherReeves ? .fletcherReeves : .polakRibiere
    return MultiminDriver(problem).runGradient(method, from: start, settings, observer: observer)
  }
}
