extension Fit {
  /// Minimises with any optimizer — gradient methods, simplex, annealing, pipelines —
  /// and takes the covariance from the Hessian of the objective at the minimum,
  /// C = 2·UP·H⁻¹ with the objective's error definition UP.
  ///
  /// A minimum the optimizer calls converged is checked like MINUIT does: the
  /// Hessian must be positive definite and the estimated distance to the minimum,
  /// EDM = ½ gᵀH⁻¹g, at most `2·10⁻⁴·UP` (MINUIT's 0.002·tolerance·UP with its default
  /// tolerance 0.1). Otherwise the fit reports `converged == false` and why.
  public func minimize(
    using optimizer: some Optimizer, observer: IterationObserver? = nil
  ) throws -> FitResult {
    try validate()
    // χ² without σ: errors scaled by s² = χ²/ndf, as in the least-squares path.
    let absolute = (objective as? any LeastSquaresObjective)?.hasAbsoluteErrors
    return solveGeneral(
      FitProblem(model: model, inputs: inputs, objective: objective), with: optimizer,
      observer: observer, scaledErrors: absolute == false, chiSquarePValue: absolute == true)
  }

  /// Runs any optimizer on `problem` (a function of all parameters θ) through the
  /// bounds-and-fixing transform and assembles the result with the Hessian covariance
  /// and the EDM verdict. Shared by ``Fit`` and ``SimultaneousFit``.
  func solveGeneral(
    _ problem: some Minimizable, with optimizer: some Optimizer, observer: IterationObserver?,
    scaledErrors: Bool, chiSquarePValue wantsPValue: Bool
  ) -> FitResult {
    let transform = ParameterTransform(parameters)
    var outcome = optimizer.minimize(
      TransformedProblem(problem, transform: transform),
      from: transform.internalCoordinates(parameters.values), observer: observer)
    let theta = transform.external(outcome.minimum)
    let value = problem.value(at: theta)
    let ndf = objective.dataCount - transform.free.count
    let scale = scaledErrors ? (ndf > 0 ? value / Double(ndf) : .nan) : 1
    var covariance: HessianCovariance?
    if estimatesErrors {
      covariance = HessianCovariance(
        problem: problem, at: theta, free: transform.free,
        errorDefinition: objective.errorDefinition, scale: scale)
      outcome.reason = verdictFromHessian(
        outcome.reason, covariance, transform: transform, theta: theta,
        objective: { problem.value(at: $0) })
    }
    return makeResult(
      theta: theta, value: value, outcome: outcome, transform: transform,
      freeCovariance: covariance, errorsAreScaled: scaledErrors,
      pValue: wantsPValue ? chiSquarePValue(value, ndf: ndf) : nil)
  }

  /// The EDM and positive-definiteness check of a claimed convergence (parameters at
  /// a bound are exempt from the curvature test: the minimum is on the boundary).
  func verdictFromHessian(
    _ reason: StopReason, _ covariance: HessianCovariance?, transform: ParameterTransform,
    theta: [Double], objective value: ([Double]) -> Double
  ) -> StopReason {
    guard reason.isConvergence else { return reason }
    guard let covariance else {
      return .stalled("the gradient is not finite at the end point")
    }
    let atLimit = Set(
      transform.free.indices.filter {
        Self.isAtLimit(theta[transform.free[$0]], parameters[transform.free[$0]])
      })
    let undetermined = covariance.undetermined.filter { !atLimit.contains($0) }
    if !undetermined.isEmpty {
      return undeterminedReason(
        covariance, positions: undetermined, theta: theta, transform: transform,
        objective: value)
    }
    let tolerance = 2e-4 * objective.errorDefinition
    if atLimit.isEmpty, !(covariance.estimatedDistanceToMinimum <= tolerance) {
      return .stalled(
        "estimated distance to the minimum \(covariance.estimatedDistanceToMinimum) is above \(tolerance)"
      )
    }
    return reason
  }
}
