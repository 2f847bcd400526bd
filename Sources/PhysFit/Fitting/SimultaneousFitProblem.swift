/// The sum of several fits' objectives over the union of their parameters, plus
/// Gaussian constraint terms: L(θ) = Σ_parts L_p(θ restricted to part p) + Σ_c L_c(θ).
///
/// `maps[p][j]` is the position in θ of part p's j-th parameter. Buffers for the
/// parts' own θ and gradients are kept, so an optimizer loop allocates nothing after
/// the first call.
final class SimultaneousProblem: Minimizable {
  let parts: [any Minimizable]
  let maps: [[Int]]
  /// The constraints and the positions in θ of their parameters.
  let constraints: [(constraint: GaussianConstraint, index: Int)]
  let errorDefinition: Double
  let dimension: Int
  fileprivate(set) var evaluations = EvaluationCounts()

  fileprivate var local: [[Double]]
  private var localGradient: [Double] = []

  init(
    parts: [any Minimizable], maps: [[Int]],
    constraints: [(constraint: GaussianConstraint, index: Int)], errorDefinition: Double,
    dimension: Int
  ) {
    self.parts = parts
    self.maps = maps
    self.constraints = constraints
    self.errorDefinition = errorDefinition
    self.dimension = dimension
    self.local = maps.map { Array(repeating: 0, count: $0.count) }
  }

  /// Copies part p's parameters out of θ.
  fileprivate func gather(_ p: Int, _ theta: [Double]) {
    for (j, i) in maps[p].enumerated() { local[p][j] = theta[i] }
  }

  func value(at theta: [Double]) -> Double {
    evaluations.values += 1
    var sum = 0.0
    for p in parts.indices {
      gather(p, theta)
      sum += parts[p].value(at: local[p])
    }
    for (c, i) in constraints { sum += c.value(theta[i], errorDefinition: errorDefinition) }
    return sum
  }

  func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double {
    evaluations.values += 1
    evaluations.gradients += 1
    if gradient.count != dimension { gradient = Array(repeating: 0, count: dimension) }
    for i in gradient.indices { gradient[i] = 0 }
    var sum = 0.0
    for p in parts.indices {
      gather(p, theta)
      sum += parts[p].valueAndGradient(at: local[p], gradient: &localGradient)
      for (j, i) in maps[p].enumerated() { gradient[i] += localGradient[j] }
    }
    for (c, i) in constraints {
      sum += c.value(theta[i], errorDefinition: errorDefinition)
      gradient[i] += c.derivative(theta[i], errorDefinition: errorDefinition)
    }
    return sum
  }
}

/// The least-squares form of a ``SimultaneousProblem`` whose parts are all
/// least-squares: the parts' residuals stacked, then one residual √UP·(θ − μ)/σ per
/// constraint; the Jacobian stacks the parts' Jacobians into the columns of their
/// parameters.
final class SimultaneousLeastSquaresProblem: LeastSquaresMinimizable {
  let base: SimultaneousProblem
  let parts: [any LeastSquaresMinimizable]
  let residualCount: Int

  private var partResiduals: [Double] = []
  private var partJacobian = Matrix(rows: 0, columns: 0)

  init(_ base: SimultaneousProblem, parts: [any LeastSquaresMinimizable]) {
    self.base = base
    self.parts = parts
    self.residualCount = parts.reduce(0) { $0 + $1.residualCount } + base.constraints.count
  }

  var dimension: Int { base.dimension }
  var evaluations: EvaluationCounts { base.evaluations }

  func value(at theta: [Double]) -> Double { base.value(at: theta) }

  func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double {
    base.valueAndGradient(at: theta, gradient: &gradient)
  }

  func residuals(at theta: [Double], into r: inout [Double]) {
    base.evaluations.values += 1
    if r.count != residualCount { r = Array(repeating: 0, count: residualCount) }
    var offset = 0
    for p in parts.indices {
      base.gather(p, theta)
      parts[p].residuals(at: base.local[p], into: &partResiduals)
      for k in partResiduals.indices { r[offset + k] = partResiduals[k] }
      offset += partResiduals.count
    }
    for (c, i) in base.constraints {
      r[offset] = c.residual(theta[i], errorDefinition: base.errorDefinition)
      offset += 1
    }
  }

  func jacobian(at theta: [Double], into j: inout Matrix) {
    base.evaluations.jacobians += 1
    j.resize(rows: residualCount, columns: dimension)
    for k in j.elements.indices { j.elements[k] = 0 }
    var offset = 0
    for p in parts.indices {
      base.gather(p, theta)
      parts[p].jacobian(at: base.local[p], into: &partJacobian)
      let m = partJacobian.rows
      for (column, i) in base.maps[p].enumerated() {
        for row in 0..<m { j[offset + row, i] = partJacobian[row, column] }
      }
      offset += m
    }
    for (c, i) in base.constraints {
      j[offset, i] = base.errorDefinition.squareRoot() / c.sigma
      offset += 1
    }
  }
}
