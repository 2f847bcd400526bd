/// The profile of a fit's objective: for fixed values of one or two parameters, the
/// minimum over all the others, Δ(θ_P) = min_{θ_others} L(θ) − L(θ̂).
///
/// It gives asymmetric confidence intervals (``interval(for:level:)``, MINOS-style),
/// profile curves (``profile(of:at:)``) and 2-D contours
/// (``contour(_:_:level:points:)``), for any model and any objective:
///
/// ```swift
/// let result = try fit.minimize()
/// let profile = try ProfileLikelihood(
///   fit: fit, minimum: result, minimizer: .leastSquares(LeastSquares()))
/// let mu = try profile.interval(for: "mu", level: .oneSigma)
/// print(mu.lower.error, mu.upper.error, mu.parabolicError)
/// ```
///
/// Every profile point is a complete minimisation of the others with the profiled
/// parameters fixed (their bounds and the fit's own fixing respected), started from
/// the solution of the nearest point already computed. Points where that
/// minimisation does not converge are never used silently: the edge or contour point
/// is flagged (see ``EdgeStatus``).
///
/// For a χ² without σ, whose errors are scaled by s² = χ²_min/ndf, every threshold is
/// scaled by s² as well, so that the profile interval of a linear model equals its
/// (scaled) parabolic error.
public struct ProfileLikelihood<M: Model, O: Objective>: Sendable {
  /// The fit's set-up: start values (ignored), bounds and fixing.
  public let fit: Fit<M, O>
  /// The fit's result at its minimum θ̂, where Δ = 0.
  public let minimum: FitResult
  /// How each profile point is minimised.
  public let minimizer: FitMinimizer<M, O>
  /// The tuning of the crossing searches.
  public var configuration: Configuration

  /// Tuning of the crossing searches.
  public struct Configuration: Sendable, Hashable {
    /// Accuracy of a crossing, relative to its parabolic distance from the minimum
    /// (kσ): the root search stops when the crossing is bracketed to within
    /// `tolerance`·kσ, or when |Δ − Δ_target| ≤ `tolerance`·Δ_target (which places it
    /// within about `tolerance`/2 of kσ). Default 10⁻⁶: far below any statistical
    /// meaning, reached in 1–5 Brent steps for a smooth profile, and well above the
    /// noise of the inner minimisations (EDM ≤ 2·10⁻⁴·UP shifts a crossing by
    /// ≲ 10⁻⁴σ for general optimizers; least squares is far more precise).
    public var tolerance = 1e-6
    /// Profile minimisations allowed while searching outwards for a bracket. Steps
    /// grow by a factor 1.3–4 each, so the default 40 reaches far beyond any bound.
    public var maxBracketSteps = 40
    /// Brent iterations allowed once the crossing is bracketed. Bisection alone needs
    /// about 20 to reach the default tolerance; the default 60 leaves a margin.
    public var maxRootIterations = 60
    /// Δ below −`newMinimumTolerance`·UP means the profile went below the minimum: a
    /// lower minimum exists and the interval is flagged. Default 2·10⁻³, ten times the
    /// EDM a converged fit may have left.
    public var newMinimumTolerance = 2e-3
    /// Consecutive failed profile minimisations tolerated, each retried half-way back
    /// towards the last point that worked (with that point's solution as the start).
    /// Default 3.
    public var retries = 3

    /// The default tuning (see each property).
    public init() {}
  }

  /// A profile of `fit` around `minimum`, the result of minimising it.
  /// - Throws: ``UncertaintyError/invalidMinimum(_:)`` when the result does not belong to
  ///   the fit or is not a verified minimum (a profile needs Δ = 0 at a true minimum),
  ///   or when the errors are scaled but χ²/ndf is not a positive number.
  public init(
    fit: Fit<M, O>, minimum: FitResult, minimizer: FitMinimizer<M, O>,
    configuration: Configuration = Configuration()
  ) throws(UncertaintyError) {
    guard minimum.parameters.map(\.name) == fit.parameters.names else {
      throw .invalidMinimum(
        "the result's parameters (\(minimum.parameters.map(\.name).joined(separator: ", "))) are not the fit's (\(fit.parameters.names.joined(separator: ", ")))"
      )
    }
    guard minimum.converged else {
      throw .invalidMinimum(
        "the fit did not converge (\(minimum.reason)): a profile needs a verified minimum")
    }
    guard minimum.objectiveValue.isFinite else {
      throw .invalidMinimum("the objective at the minimum is not finite")
    }
    if minimum.errorsAreScaled {
      let s2 = minimum.reducedObjective
      guard s2 > 0, s2.isFinite else {
        throw .invalidMinimum(
          "the errors are scaled by χ²/ndf, which is \(s2) here: no threshold can be scaled by it")
      }
    }
    self.fit = fit
    self.minimum = minimum
    self.minimizer = minimizer
    self.configuration = configuration
  }

  /// The objective's error definition UP, times s² = χ²_min/ndf when the errors are
  /// scaled: Δ for one standard deviation of one parameter.
  public var errorUnit: Double {
    minimum.errorDefinition * (minimum.errorsAreScaled ? minimum.reducedObjective : 1)
  }

  /// The position of a free parameter; throws for unknown or fixed ones.
  func freeIndex(_ name: String) throws(UncertaintyError) -> Int {
    guard let i = fit.parameters.index(of: name) else {
      throw .unknownParameter(name, known: fit.parameters.names)
    }
    guard !fit.parameters[i].isFixed else { throw .fixedParameter(name) }
    return i
  }

  /// The names of the free parameters, in model order.
  public var freeParameterNames: [String] {
    fit.parameters.filter { !$0.isFixed }.map(\.name)
  }
}
