import PhysFit

/// The model curve and its ±1σ band from the parameter covariance, by linear error
/// propagation through the model's Jacobian:
///
///   σ_f(x)² = J(x) C J(x)ᵀ = Σⱼₖ ∂f/∂θⱼ · Cⱼₖ · ∂f/∂θₖ.
///
/// This is the first-order (delta-method) band that MINUIT, ROOT's
/// `TFitResult::GetConfidenceIntervals` and lmfit's `eval_uncertainty` draw: exact for
/// models linear in θ, an approximation where f curves within ±σ of the parameters.
/// The covariance already carries the error definition and, for fits without σ, the
/// √(χ²/ndf) scaling, so σ_f is in the units of f.
public struct ModelCurve: Sendable {
  /// f at each evaluation point.
  public var values: [Double]
  /// σ_f at each point; nil when the fit has no usable covariance.
  public var sigmas: [Double]?

  /// Evaluates `model` at the rows of `inputs` with the fitted parameters of `result`,
  /// matched by name (so a model with fewer parameters than the fit — the mean of a fit
  /// that also fitted a noise σ — takes its own).
  public init<M: Model>(model: M, result: FitResult, inputs: Matrix) {
    let (values, covariance) = ModelCurve.parameters(of: model, in: result)
    self.init(model: model, parameters: values, covariance: covariance, inputs: inputs)
  }

  /// Evaluates f and σ_f with explicit parameters and covariance (p × p, or nil).
  public init<M: Model>(model: M, parameters: [Double], covariance: Matrix?, inputs: Matrix) {
    precondition(model.outputCount == 1, "ModelCurve draws one-output models")
    let f = model.evaluate(inputs, parameters: parameters)
    values = Array(f.elements.prefix(inputs.rows))
    guard let c = covariance, c.rows == parameters.count, c.columns == parameters.count,
      c.elements.allSatisfy(\.isFinite), !parameters.isEmpty
    else {
      sigmas = nil
      return
    }
    let j = model.jacobian(inputs, parameters: parameters)
    let n = inputs.rows
    let p = parameters.count
    var out = [Double](repeating: 0, count: n)
    var row = [Double](repeating: 0, count: p)
    for i in 0..<n {
      for a in 0..<p { row[a] = j.elements[i + a * n] }
      var s = 0.0
      for a in 0..<p where row[a] != 0 {
        var t = 0.0
        for b in 0..<p { t += c[a, b] * row[b] }
        s += row[a] * t
      }
      out[i] = max(s, 0).squareRoot()
    }
    sigmas = out
  }

  /// The fitted values of `model`'s parameters and their covariance sub-matrix (nil when
  /// the fit estimated no covariance). A parameter missing from the result is a
  /// programmer error.
  public static func parameters<M: Model>(of model: M, in result: FitResult) -> (
    values: [Double], covariance: Matrix?
  ) {
    let indices = model.parameterNames.map { name -> Int in
      guard let k = result.parameters.firstIndex(where: { $0.name == name }) else {
        preconditionFailure("the fit result has no parameter '\(name)'")
      }
      return k
    }
    let values = indices.map { result.parameters[$0].value }
    let full = result.covariance
    guard full.rows == result.parameters.count, full.rows > 0 else { return (values, nil) }
    var sub = Matrix(rows: indices.count, columns: indices.count)
    for (a, i) in indices.enumerated() {
      for (b, k) in indices.enumerated() { sub[a, b] = full[i, k] }
    }
    return (values, sub)
  }
}
