/// A fit: a model, a learning criterion and data, minimised by an optimizer.
///
/// ```swift
/// var fit = try Fit(model: ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"]),
///                   x: t, y: counts, sigma: errors)
/// try fit.set("tau", value: 2, lower: 0)
/// let result = try fit.minimize()
/// print(result["tau"]!.value, result["tau"]!.error)
/// ```
///
/// `Fit` is a value: change parameters, bounds or fixing and minimise again.
public struct Fit<M: Model, O: Objective>: Sendable {
  /// The model f(x; θ) — the first element.
  public var model: M
  /// n × d inputs, one column per model input.
  public var inputs: Matrix
  /// The learning criterion with the observed data — the second element.
  public var objective: O
  /// Start values, bounds and fixing of every model parameter.
  public var parameters: ParameterSet
  /// Whether a minimisation ends with the covariance of the parameters (and the
  /// convergence verdict that comes with it). The general path's Hessian costs 2p
  /// gradient evaluations, more than training itself for a network's thousands of
  /// weights, which have no meaningful individual errors: so it defaults to `false`
  /// for models that allow more parameters than data (networks) and `true` otherwise.
  /// Without it, errors are NaN and the optimizer's own stopping reason stands.
  public var estimatesErrors: Bool

  /// A fit of `model` to `objective`'s data at `inputs`. All parameters start at 1.
  public init(model: M, inputs: Matrix, objective: O) throws {
    guard inputs.columns == model.inputNames.count else {
      throw FitError.inputMismatch(
        "the model reads \(model.inputNames.count) input(s) (\(model.inputNames.joined(separator: ", "))) but \(inputs.columns) column(s) were given"
      )
    }
    guard inputs.rows == objective.predictionRows else {
      throw FitError.lengthMismatch(
        "inputs have \(inputs.rows) rows but the data have \(objective.predictionRows)")
    }
    for j in 0..<inputs.columns {
      for i in 0..<inputs.rows where !inputs[i, j].isFinite {
        throw FitError.nonFiniteData(what: "input '\(model.inputNames[j])'", row: i + 1)
      }
    }
    self.model = model
    self.inputs = inputs
    self.objective = objective
    self.parameters = model.makeParameters()
    self.estimatesErrors = !model.allowsMoreParametersThanData
  }

  /// Sets a parameter's start value and, optionally, its bounds and fixing.
  /// Throws for an unknown name or inconsistent bounds.
  public mutating func set(
    _ name: String, value: Double? = nil, lower: Double? = nil, upper: Double? = nil,
    fixed: Bool? = nil
  ) throws {
    guard var p = parameters[name] else {
      throw FitError.unknownParameter(name, known: parameters.names)
    }
    if let value { p.value = value }
    if let lower { p.lower = lower }
    if let upper { p.upper = upper }
    if let fixed { p.isFixed = fixed }
    parameters[name] = p
  }

  /// Checks the set-up before a minimisation: bounds, start values, at least one free
  /// parameter (when the model has any), and no more free parameters than data values.
  public func validate() throws {
    for p in parameters {
      guard p.value.isFinite else {
        throw FitError.invalidBounds("start value of '\(p.name)' is not finite")
      }
      if let a = p.lower, let b = p.upper, !(a < b) {
        throw FitError.invalidBounds("bounds of '\(p.name)' are empty: \(a) is not below \(b)")
      }
      if let a = p.lower, p.value < a {
        throw FitError.invalidBounds(
          "start value \(p.value) of '\(p.name)' is below its lower bound \(a)")
      }
      if let b = p.upper, p.value > b {
        throw FitError.invalidBounds(
          "start value \(p.value) of '\(p.name)' is above its upper bound \(b)")
      }
    }
    let free = parameters.filter { !$0.isFixed }.count
    guard free > 0 || parameters.isEmpty else {
      throw FitError.noFreeParameters(parameters.names)
    }
    guard objective.dataCount >= free || model.allowsMoreParametersThanData else {
      throw FitError.tooFewPoints(points: objective.dataCount, freeParameters: free)
    }
  }
}

extension Fit where O == ChiSquare {
  /// A χ² fit of `model` to y at `inputs` (n × d), with absolute errors σ or none.
  public init(model: M, inputs: Matrix, y: [Double], sigma: [Double]? = nil) throws {
    guard y.count == inputs.rows else {
      throw FitError.lengthMismatch(
        "y has \(y.count) values but the inputs have \(inputs.rows) rows")
    }
    if let i = y.firstIndex(where: { !$0.isFinite }) {
      throw FitError.nonFiniteData(what: "y", row: i + 1)
    }
    if let sigma {
      guard sigma.count == y.count else {
        throw FitError.lengthMismatch("sigma has \(sigma.count) values but y has \(y.count)")
      }
      if let i = sigma.firstIndex(where: { !$0.isFinite }) {
        throw FitError.nonFiniteData(what: "sigma", row: i + 1)
      }
      if let i = sigma.firstIndex(where: { $0 <= 0 }) {
        throw FitError.nonPositiveSigma(row: i + 1, value: sigma[i])
      }
    }
    try self.init(model: model, inputs: inputs, objective: ChiSquare(y: y, sigma: sigma))
  }

  /// A χ² fit of a one-input `model` to points (x, y), with absolute errors σ or none.
  public init(model: M, x: [Double], y: [Double], sigma: [Double]? = nil) throws {
    try self.init(model: model, inputs: Matrix(column: x), y: y, sigma: sigma)
  }
}

extension Fit where O: LeastSquaresObjective {
  /// Minimises with PhysFit's default least-squares optimizer (``LeastSquares``).
  public func minimize(observer: IterationObserver? = nil) throws -> FitResult {
    try minimize(using: LeastSquares(), observer: observer)
  }

  /// Minimises with a least-squares optimizer, then computes the covariance from
  /// the Jacobian of the residuals at the minimum (from the Hessian for objectives
  /// whose Gauss–Newton curvature is not their Hessian, such as Poisson deviances).
  public func minimize(
    using optimizer: some LeastSquaresOptimizer, observer: IterationObserver? = nil
  ) throws -> FitResult {
    try validate()
    return solveLeastSquares(
      FitProblem(model: model, inputs: inputs, objective: objective), with: optimizer,
      observer: observer, absoluteErrors: objective.hasAbsoluteErrors,
      hessianCovariance: objective is any HessianCovarianceObjective)
  }
}

extension Fit {
  /// Runs a least-squares optimizer on `problem` (a function of all parameters θ)
  /// through the bounds-and-fixing transform, and assembles the result: covariance
  /// UP·(JᵀJ)⁻¹ from ∂r/∂θ over the free parameters in external coordinates (or
  /// 2·UP·H⁻¹ when `hessianCovariance`), scaled by s² = Σr²/ndf unless the errors are
  /// absolute; the verdict restated for bounds; the χ² p-value for absolute errors.
  /// Shared by ``Fit`` and ``SimultaneousFit``, whose objective carries UP and n.
  func solveLeastSquares(
    _ problem: some LeastSquaresMinimizable, with optimizer: some LeastSquaresOptimizer,
    observer: IterationObserver?, absoluteErrors: Bool, hessianCovariance: Bool
  ) -> FitResult {
    let transform = ParameterTransform(parameters)
    var outcome = optimizer.minimize(
      TransformedProblem(problem, transform: transform),
      from: transform.internalCoordinates(parameters.values), observer: observer)
    let theta = transform.external(outcome.minimum)

    var full = Matrix(rows: 0, columns: 0)
    var r: [Double] = []
    problem.residuals(at: theta, into: &r)
    problem.jacobian(at: theta, into: &full)
    let value = r.reduce(0) { $0 + $1 * $1 }
    var j = Matrix(rows: full.rows, columns: transform.free.count)
    for (k, i) in transform.free.enumerated() {
      for row in 0..<full.rows { j[row, k] = full[row, i] }
    }
    let ndf = objective.dataCount - transform.free.count
    let scale = absoluteErrors ? 1 : (ndf > 0 ? value / Double(ndf) : .nan)
    var covariance: (any FreeParameterCovariance)?
    if estimatesErrors && hessianCovariance {
      covariance = HessianCovariance(
        problem: problem, at: theta, free: transform.free,
        errorDefinition: objective.errorDefinition, scale: scale)
    } else if estimatesErrors {
      covariance = LeastSquaresCovariance(
        jacobian: j, errorDefinition: objective.errorDefinition, scale: scale)
    }
    outcome.reason = verdictWithBounds(
      outcome.reason, theta: theta, residuals: r, jacobian: j, transform: transform,
      covariance: covariance, objective: { problem.value(at: $0) })
    return makeResult(
      theta: theta, value: value, outcome: outcome, transform: transform,
      freeCovariance: covariance, errorsAreScaled: !absoluteErrors,
      pValue: absoluteErrors ? chiSquarePValue(value, ndf: ndf) : nil)
  }
}

extension Fit {
  /// Restates the optimizer's verdict in terms of the fit's parameters.
  ///
  /// At a bound the internal coordinate's slope dθ/du vanishes, so the optimizer sees
  /// a rank-deficient Jacobian there. A minimum on a bound is still a minimum: the
  /// point is re-checked with the parameters at their limits held fixed, and
  /// accepted if the others are stationary (the result flags the limit). An
  /// undetermined direction is reported by the names of the parameters involved and,
  /// where it has one, the combination the data determine (see
  /// ``undeterminedReason(_:positions:theta:transform:objective:)``).
  func verdictWithBounds(
    _ reason: StopReason, theta: [Double], residuals r: [Double], jacobian j: Matrix,
    transform: ParameterTransform, covariance: (any FreeParameterCovariance)?,
    objective: ([Double]) -> Double
  ) -> StopReason {
    guard !reason.isConvergence else { return reason }
    let atLimit = transform.free.indices.filter {
      Self.isAtLimit(theta[transform.free[$0]], parameters[transform.free[$0]])
    }
    if !atLimit.isEmpty {
      let keep = transform.free.indices.filter { !atLimit.contains($0) }
      var reduced = Matrix(rows: j.rows, columns: keep.count)
      for (c, k) in keep.enumerated() {
        for row in 0..<j.rows { reduced[row, c] = j[row, k] }
      }
      let verdict = StationarityCheck().check(
        residuals: r, jacobian: reduced, at: keep.map { theta[transform.free[$0]] })
      if keep.isEmpty { return .noFurtherProgress }
      if case .stationary = verdict { return .noFurtherProgress }
    }
    if case .undetermined = reason, let covariance, !covariance.undetermined.isEmpty {
      return undeterminedReason(
        covariance, positions: covariance.undetermined, theta: theta, transform: transform,
        objective: objective)
    }
    return reason
  }

  /// `.undetermined` with the names of the free parameters at `positions` and, when the
  /// covariance has a single null direction with two parameters in it, the combination
  /// they form (``ParameterDegeneracy``, read with `objective`, a function of all θ).
  func undeterminedReason(
    _ covariance: any FreeParameterCovariance, positions: [Int], theta: [Double],
    transform: ParameterTransform, objective: ([Double]) -> Double
  ) -> StopReason {
    let names = positions.map { parameters[transform.free[$0]].name }
    guard covariance.nullDirections.count == 1, let direction = covariance.nullDirections.first
    else { return .undetermined(names) }
    let degeneracy = ParameterDegeneracy(
      direction: direction, values: transform.free.map { theta[$0] },
      names: transform.free.map { parameters[$0].name }
    ) { free in
      var point = theta
      for (k, i) in transform.free.enumerated() { point[i] = free[k] }
      return objective(point)
    }
    guard degeneracy.involved == positions, let combination = degeneracy.combination else {
      return .undetermined(names)
    }
    return .undetermined(names, combination: combination)
  }

  /// Assembles a ``FitResult`` from a minimisation outcome and a covariance over
  /// the free parameters.
  func makeResult(
    theta: [Double], value: Double, outcome: OptimizationResult, transform: ParameterTransform,
    freeCovariance: (any FreeParameterCovariance)?, errorsAreScaled: Bool, pValue: Double?
  ) -> FitResult {
    let p = parameters.count
    // Without a covariance (errors not estimated) the matrices stay empty: p × p
    // zeros for a network's millions of weights would not fit in memory.
    let size = freeCovariance == nil ? 0 : p
    var covariance = Matrix(rows: size, columns: size)
    let undetermined = Set((freeCovariance?.undetermined ?? []).map { transform.free[$0] })
    if let c = freeCovariance?.matrix {
      for (a, i) in transform.free.enumerated() {
        for (b, k) in transform.free.enumerated() { covariance[i, k] = c[a, b] }
      }
    }
    let results = parameters.enumerated().map { i, spec in
      var error = spec.isFixed || size == 0 ? 0 : covariance[i, i].squareRoot()
      if !spec.isFixed && (freeCovariance == nil || undetermined.contains(i)) { error = .nan }
      return ParameterResult(
        name: spec.name, value: theta[i], error: error, lower: spec.lower, upper: spec.upper,
        isFixed: spec.isFixed, isAtLimit: !spec.isFixed && Self.isAtLimit(theta[i], spec))
    }
    return FitResult(
      parameters: results, covariance: covariance,
      correlation: covariance.correlationFromCovariance(), objectiveValue: value,
      errorDefinition: objective.errorDefinition, dataCount: objective.dataCount,
      freeParameterCount: transform.free.count, errorsAreScaled: errorsAreScaled,
      pValue: pValue, reason: outcome.reason,
      covarianceIsPositiveDefinite: freeCovariance?.isPositiveDefinite ?? false,
      iterations: outcome.iterations, evaluations: outcome.evaluations, method: outcome.method)
  }

  /// Within 1e-6 of the bounds' range (two-sided) or of max(|bound|, 1) (one-sided)
  /// of a bound: closer than any error bar a bounded fit can honestly report.
  static func isAtLimit(_ value: Double, _ p: Parameter) -> Bool {
    let width: Double
    if let a = p.lower, let b = p.upper {
      width = 1e-6 * (b - a)
    } else {
      width = 1e-6 * max(abs(p.lower ?? p.upper ?? 0), 1)
    }
    if let a = p.lower, value - a <= width { return true }
    if let b = p.upper, b - value <= width { return true }
    return false
  }
}
