/// The minimum of the other parameters with some parameters held at given values.
struct ProfileEvaluation: Sendable {
  /// All parameters: the held values and the others at their minimum.
  var theta: [Double]
  /// L(θ) − L(θ̂).
  var delta: Double
}

/// A profile minimisation that did not give a verified minimum.
struct ProfileFailure: Error {
  var reason: String
}

extension ProfileLikelihood {
  /// Minimises the objective over the other free parameters with parameter `indices[k]`
  /// held at `values[k]`, starting the others at `start` (clamped into their bounds).
  ///
  /// When nothing is left free, L is evaluated directly. A minimisation that throws,
  /// does not converge, or ends at a non-finite objective is a ``ProfileFailure``.
  func evaluate(fixing indices: [Int], at values: [Double], start: [Double]) throws(ProfileFailure)
    -> ProfileEvaluation
  {
    var parameters = fit.parameters
    for i in parameters.indices where !parameters[i].isFixed {
      parameters[i].value = Self.clamp(start[i], parameters[i])
    }
    for (i, v) in zip(indices, values) {
      parameters[i].value = Self.clamp(v, parameters[i])
      parameters[i].isFixed = true
    }
    var held = fit
    held.parameters = parameters
    if parameters.allSatisfy(\.isFixed) {
      let theta = parameters.values
      let value = FitProblem(model: held.model, inputs: held.inputs, objective: held.objective)
        .value(at: theta)
      guard value.isFinite else {
        throw ProfileFailure(reason: "the objective is not finite there")
      }
      return ProfileEvaluation(theta: theta, delta: value - minimum.objectiveValue)
    }
    let result: FitResult
    do {
      result = try minimizer(held)
    } catch {
      throw ProfileFailure(reason: "\(error)")
    }
    guard result.converged else { throw ProfileFailure(reason: result.reason.description) }
    guard result.objectiveValue.isFinite else {
      throw ProfileFailure(reason: "the objective is not finite at the end point")
    }
    return ProfileEvaluation(
      theta: result.values, delta: result.objectiveValue - minimum.objectiveValue)
  }

  /// `value` moved into the parameter's bounds.
  static func clamp(_ value: Double, _ p: Parameter) -> Double {
    var v = value
    if let a = p.lower, v < a { v = a }
    if let b = p.upper, v > b { v = b }
    return v
  }
}
