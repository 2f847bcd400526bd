/// The trust-region subproblem solvers of GSL's `gsl_multifit_nlinear`.
public enum TrustRegionMethod: String, Sendable, CaseIterable, Codable {
  /// Levenberg–Marquardt.
  case levenbergMarquardt = "lm"
  /// Levenberg–Marquardt with geodesic acceleration (second-order correction along
  /// the curved path of the model; helps on long narrow valleys).
  case geodesicLevenbergMarquardt = "lmaccel"
  /// Powell's dogleg.
  case dogleg = "dogleg"
  /// Double dogleg (biased toward the Gauss–Newton step).
  case doubleDogleg = "ddogleg"
  /// Minimisation over the 2-D subspace spanned by the Gauss–Newton and gradient steps.
  case subspace2D = "subspace2d"
}

/// How the trust region is scaled in parameter space (the matrix D in ‖D δ‖ ≤ Δ).
public enum TrustRegionScaling: String, Sendable, CaseIterable, Codable {
  /// Moré: D = diag of the largest column norms of J seen so far. Invariant to the
  /// units of the parameters; the robust default.
  case more
  /// Levenberg: D = I. Not scale invariant.
  case levenberg
  /// Marquardt: D = diag of the current column norms of J.
  case marquardt
}

/// How the linear least-squares system of each step is solved.
public enum TrustRegionSolver: String, Sendable, CaseIterable, Codable {
  /// QR decomposition of J: accurate, the default.
  case qr
  /// Cholesky of JᵀJ: fastest, squares the condition number.
  case cholesky
  /// SVD of J: slowest, most robust for nearly singular J.
  case svd
}
