/// A least-squares objective whose Gauss–Newton curvature 2JᵀJ is not the curvature of
/// the objective even for a model linear in θ — deviance residuals of a likelihood,
/// such as ``PoissonNLL``.
///
/// For χ², Σ rᵢ² is quadratic in ŷ and (JᵀJ)⁻¹ is the standard covariance. For the
/// Poisson deviance, JᵀJ is the expected (Fisher) information while MINUIT's HESSE —
/// the reference for a likelihood fit — uses the observed Hessian; they differ by
/// (nᵢ − ŷᵢ)/ŷᵢ per bin, typically 10⁻³–10⁻² in the errors. ``Fit`` therefore takes
/// the covariance of such objectives from the Hessian, C = 2·UP·H⁻¹, also after a
/// trust-region least-squares minimisation, so every optimizer reports the same errors.
public protocol HessianCovarianceObjective: LeastSquaresObjective {}
