/// A simultaneous fit of several datasets: the sum of several fits' objectives, whose
/// parameters are shared by name, plus optional Gaussian constraints on parameters.
///
/// ```swift
/// let a = try Fit(model: line, x: x1, y: y1, sigma: s1)      // parameters m, b1
/// let b = try Fit(model: line2, x: x2, y: y2, sigma: s2)     // parameters m, b2
/// var joint = try SimultaneousFit([a, b])                    // parameters m, b1, b2
/// try joint.constrain("b1", mean: 0.3, sigma: 0.1)
/// let result = try joint.minimize()                          // least squares
/// ```
///
/// The joint objective is L(θ) = Σₚ Lₚ(θ) + Σ_c UP·((θ_c − μ_c)/σ_c)². Its parameters
/// are the union of the parts' by name, in order of first appearance; a parameter's
/// start value, bounds and fixing come from the first part that has it (change them
/// with ``set(_:value:lower:upper:fixed:)``). All parts must share one error
/// definition — adding a χ² (UP = 1) to a −ln ℒ (UP = ½) would weigh them wrongly,
/// so it is an error. Parts are assembled at run time (for instance by the CLI), so
/// whether the least-squares optimizers apply is checked when minimising: it needs
/// every part to have a least-squares objective, and throws otherwise.
///
/// The result's covariance comes from the stacked residual Jacobian for least
/// squares, from the Hessian of the summed objective otherwise (as for a single
/// ``Fit``); ndf = Σ data values + number of constraints − free parameters.
public struct SimultaneousFit: Sendable {
  /// The parts, in order.
  public let parts: [any FitComponent]
  /// The Gaussian constraints.
  public private(set) var constraints: [GaussianConstraint] = []
  /// The union of the parts' parameters: start values, bounds and fixing.
  public var parameters: ParameterSet {
    get { ledger.parameters }
    set { ledger.parameters = newValue }
  }

  /// Bookkeeping as a single fit over the union (see ``ParameterLedger``).
  private var ledger: Fit<ParameterLedger, JointSummary>

  /// Joins `parts`; throws when there are none or their error definitions differ.
  public init(_ parts: [any FitComponent]) throws {
    guard let first = parts.first else {
      throw FitError.lengthMismatch("a simultaneous fit needs at least one part")
    }
    for (k, part) in parts.enumerated() {
      let a = first.errorDefinition
      let b = part.errorDefinition
      guard abs(a - b) <= 1e-12 * max(abs(a), abs(b)) else {
        throw FitError.inputMismatch(
          "the parts of a simultaneous fit must share one error definition: part 1 (\(first.componentDescription)) has \(a), part \(k + 1) (\(part.componentDescription)) has \(b)"
        )
      }
    }
    var union: [Parameter] = []
    var seen: Set<String> = []
    for part in parts {
      for p in part.parameters where !seen.contains(p.name) {
        seen.insert(p.name)
        union.append(p)
      }
    }
    self.parts = parts
    let summary = JointSummary(
      errorDefinition: first.errorDefinition, dataCount: parts.reduce(0) { $0 + $1.dataCount })
    self.ledger = try Fit(
      model: ParameterLedger(parameterNames: union.map(\.name)),
      inputs: Matrix(rows: 0, columns: 0), objective: summary)
    self.ledger.parameters = ParameterSet(union)
  }

  /// Joins `parts` and adds `constraints`.
  public init(_ parts: [any FitComponent], constraints: [GaussianConstraint]) throws {
    try self.init(parts)
    for c in constraints { try add(c) }
  }

  /// The common error definition of the parts.
  public var errorDefinition: Double { ledger.objective.errorDefinition }
  /// Σ data values of the parts + one per constraint.
  public var dataCount: Int { ledger.objective.dataCount }

  /// Sets a shared parameter's start value, bounds or fixing (for every part).
  public mutating func set(
    _ name: String, value: Double? = nil, lower: Double? = nil, upper: Double? = nil,
    fixed: Bool? = nil
  ) throws {
    try ledger.set(name, value: value, lower: lower, upper: upper, fixed: fixed)
  }

  /// Adds the Gaussian constraint θ = mean ± sigma on parameter `name`
  /// (the term UP·((θ − mean)/sigma)², see ``GaussianConstraint``).
  public mutating func constrain(_ name: String, mean: Double, sigma: Double) throws {
    try add(GaussianConstraint(name, mean: mean, sigma: sigma))
  }

  /// Adds a Gaussian constraint; throws for a parameter no part has.
  public mutating func add(_ constraint: GaussianConstraint) throws {
    guard parameters[constraint.parameter] != nil else {
      throw FitError.unknownParameter(constraint.parameter, known: parameters.names)
    }
    constraints.append(constraint)
    ledger.objective = JointSummary(
      errorDefinition: errorDefinition, dataCount: ledger.objective.dataCount + 1)
  }

  /// Minimises with any optimizer; covariance C = 2·UP·H⁻¹ from the Hessian of the
  /// summed objective, with the same convergence verdict (positive-definite Hessian,
  /// EDM ≤ 2·10⁻⁴·UP) as ``Fit/minimize(using:observer:)-(Optimizer,_)``.
  public func minimize(
    using optimizer: some Optimizer, observer: IterationObserver? = nil
  ) throws -> FitResult {
    try ledger.validate()
    let scale = try errorScale()
    return ledger.solveGeneral(
      makeProblem(), with: optimizer, observer: observer, scaledErrors: scale == true,
      chiSquarePValue: scale == false)
  }

  /// Minimises with PhysFit's default least-squares optimizer (``LeastSquares``);
  /// throws unless every part is least-squares.
  public func minimize(observer: IterationObserver? = nil) throws -> FitResult {
    try minimize(using: LeastSquares(), observer: observer)
  }

  /// Minimises Σ r² of the stacked residuals (parts, then constraints) with a
  /// least-squares optimizer; covariance UP·(JᵀJ)⁻¹ from the stacked Jacobian at the
  /// minimum, scaled by s² = χ²/ndf when no part has σ (from the Hessian instead when
  /// a part is a ``HessianCovarianceObjective``, as for a single ``Fit``). Throws
  /// unless every part is least-squares.
  public func minimize(
    using optimizer: some LeastSquaresOptimizer, observer: IterationObserver? = nil
  ) throws -> FitResult {
    try ledger.validate()
    let problem = try makeLeastSquaresProblem(for: optimizer.name)
    let scaled = try errorScale() ?? false
    return ledger.solveLeastSquares(
      problem, with: optimizer, observer: observer, absoluteErrors: !scaled,
      hessianCovariance: parts.contains(where: \.prefersHessianCovariance))
  }

  /// Whether the errors are to be scaled by χ²/ndf: nil when some part is not
  /// least-squares (never scaled), true when no least-squares part has σ, false when
  /// all have σ. A mix has no common scale, and a constraint has no meaning next to
  /// a χ² without σ: both throw.
  private func errorScale() throws -> Bool? {
    let absolute = parts.map(\.leastSquaresErrorsAreAbsolute)
    let unscaled = absolute.filter { $0 == false }.count
    if unscaled == 0 {
      return absolute.contains { $0 == nil } ? nil : false
    }
    guard unscaled == parts.count else {
      throw FitError.inputMismatch(
        "a χ² without σ (errors scaled by χ²/ndf) cannot be joined to parts with absolute errors")
    }
    guard constraints.isEmpty else {
      throw FitError.inputMismatch(
        "a Gaussian constraint needs parts with absolute errors, but no part has σ")
    }
    return true
  }

  /// The stacked least-squares problem; throws when a part has no least-squares form.
  func makeLeastSquaresProblem(for optimizerName: String = "least squares") throws
    -> SimultaneousLeastSquaresProblem
  {
    if let k = parts.firstIndex(where: { $0.leastSquaresErrorsAreAbsolute == nil }) {
      throw FitError.inputMismatch(
        "\(optimizerName) needs least-squares objectives, but part \(k + 1) (\(parts[k].componentDescription)) has none"
      )
    }
    let base = makeProblem()
    let leastSquaresParts = base.parts.compactMap { $0 as? any LeastSquaresMinimizable }
    precondition(leastSquaresParts.count == parts.count, "a least-squares part without residuals")
    return SimultaneousLeastSquaresProblem(base, parts: leastSquaresParts)
  }

  /// The summed problem over the union of the parameters, in its order.
  private func makeProblem() -> SimultaneousProblem {
    let names = parameters.names
    var index: [String: Int] = [:]
    for (i, name) in names.enumerated() { index[name] = i }
    let maps = parts.map { part in part.parameters.names.map { index[$0] ?? 0 } }
    return SimultaneousProblem(
      parts: parts.map { $0.makeProblem() }, maps: maps,
      constraints: constraints.map { ($0, index[$0.parameter] ?? 0) },
      errorDefinition: errorDefinition, dimension: names.count)
  }
}
