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
    let problem = FitProblem(model: model, inputs: inputs, objective: objective)
    let transform = ParameterTransform(parameters)
    let internalProblem = TransformedProblem(problem, transform: transform)
    var outcome = optimizer.minimize(
      internalProblem, from: transform.internalCoordinates(parameters.values), observer: observer)
    let theta = transform.external(outcome.minimum)
    let value = problem.value(at: theta)

    // χ² without σ: errors scaled by s² = χ²/ndf, as in the least-squares path.
    let ndf = objective.dataCount - transform.free.count
    let leastSquares = objective as? any LeastSquaresObjective
    let scaled = leastSquares.map { !$0.hasAbsoluteErrors } ?? false
    let scale = scaled ? (ndf > 0 ? value / Double(ndf) : .nan) : 1
    let covariance = HessianCovariance(
      problem: problem, at: theta, free: transform.free,
      errorDefinition: objective.errorDefinition, scale: scale)
    outcome.reason = verdictFromHessian(
      outcome.reason, covariance, transform: transform, theta: theta)
    let pValue = leastSquares.flatMap {
      $0.hasAbsoluteErrors ? chiSquarePValue(value, ndf: ndf) : nil
    }
    return makeResult(
      theta: theta, value: value, outcome: outcome, transform: transform,
      freeCovariance: covariance, errorsAreScaled: scaled, pValue: pValue)
  }

  /// The EDM and positive-definiteness check of a claimed convergence (parameters at
  /// a bound are exempt from the curvature test: the minimum is on the boundary).
  func verdictFromHessian(
    _ reason: StopReason, _ covariance: HessianCovariance?, transform: ParameterTransform,
    theta: [Double]
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
      return .undetermined(undetermined.map { parameters[transform.free[$0]].name })
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
