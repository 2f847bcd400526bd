/// Covariance of any minimum from the Hessian of the objective: C = 2·UP·H⁻¹.
///
/// H is formed by central differences of the analytic gradient, Hᵢⱼ = (gᵢ(θ + hⱼeⱼ) −
/// gᵢ(θ − hⱼeⱼ))/2hⱼ, and symmetrised. The steps come in two passes: first
/// hⱼ = ∛ε·max(|θⱼ|, 1); then, from that Hessian's σⱼ = √(2·UP/Hⱼⱼ), the step
/// hⱼ = ∛ε·max(|θⱼ|, σⱼ), which follows the parameter's own scale even where θⱼ ≈ 0.
/// At a minimum the Hessian must be positive definite; when it is not, the
/// covariance is flagged and the errors of the parameters involved are NaN —
/// never silently returned. So is a Hessian that is singular within the precision of
/// its differences: after scaling to unit diagonal, S = D^(−1/2) H D^(−1/2) (which
/// makes the test independent of the parameters' units), an eigenvalue of S below
/// 10⁻⁹ — a correlation within 10⁻⁹ of ±1 — is a direction the data do not
/// determine (a model `a*b*x`, whose Hessian differences leave a ~10⁻¹² remainder
/// where the exact Hessian is singular). The estimated distance to the minimum,
/// EDM = ½ gᵀH⁻¹g (MINUIT's convergence measure), is computed with it.
struct HessianCovariance: FreeParameterCovariance {
  var matrix: Matrix
  var isPositiveDefinite: Bool
  /// Free-parameter positions along non-positive curvature directions.
  var undetermined: [Int]
  /// Unit vectors over the free parameters of those directions.
  var nullDirections: [[Double]]
  /// The smallest accepted eigenvalue of the unit-diagonal Hessian (see above).
  static let scaledTolerance = 1e-9
  /// ½ gᵀ H⁻¹ g at θ, in units of the objective.
  var estimatedDistanceToMinimum: Double

  /// - Parameters:
  ///   - free: positions in θ of the parameters to differentiate (the free ones).
  ///   - scale: multiplies the covariance (s² for χ² without σ, else 1).
  init?(
    problem: some Minimizable, at theta: [Double], free: [Int], errorDefinition: Double,
    scale: Double
  ) {
    let p = free.count
    guard p > 0 else {
      self.matrix = Matrix(rows: 0, columns: 0)
      self.isPositiveDefinite = true
      self.undetermined = []
      self.nullDirections = []
      self.estimatedDistanceToMinimum = 0
      return
    }
    var gradient: [Double] = []
    _ = problem.valueAndGradient(at: theta, gradient: &gradient)
    guard gradient.allSatisfy(\.isFinite) else { return nil }
    let cbrtEpsilon = 6.0554544523933395e-06
    var steps = free.map { cbrtEpsilon * max(abs(theta[$0]), 1) }
    var hessian = Self.differenceHessian(problem, theta, free, steps)
    if let first = hessian {
      steps = free.indices.map { k in
        let curvature = first[k, k]
        let sigma = curvature > 0 ? (2 * errorDefinition / curvature).squareRoot() : 1
        return cbrtEpsilon * max(abs(theta[free[k]]), sigma)
      }
      hessian = Self.differenceHessian(problem, theta, free, steps) ?? first
    }
    guard let h = hessian, let eigen = SymmetricEigen(h) else { return nil }
    let inverse = eigen.inverse()
    var c = inverse
    for k in c.elements.indices { c.elements[k] *= 2 * errorDefinition * scale }
    self.matrix = c
    let definite = eigen.isPositiveDefinite()
    let bad = definite ? Self.nearlySingularDirections(h) : Self.badDirectionVectors(eigen)
    self.isPositiveDefinite = bad.isEmpty
    self.nullDirections = bad
    self.undetermined = definite ? Self.involved(bad) : eigen.badDirections()
    let g = free.map { gradient[$0] }
    var edm = 0.0
    for i in 0..<p {
      for j in 0..<p { edm += g[i] * inverse[i, j] * g[j] }
    }
    self.estimatedDistanceToMinimum = 0.5 * edm
  }

  /// Eigenvectors of the non-positive (or negligible) eigenvalues.
  private static func badDirectionVectors(_ eigen: SymmetricEigen) -> [[Double]] {
    let n = eigen.values.count
    let largest = eigen.values.last ?? 0
    return (0..<n).filter { !(eigen.values[$0] > 1e-14 * largest) }.map { k in
      (0..<n).map { eigen.vectors[$0, k] }
    }
  }

  /// The directions D^(−1/2)·u of the eigenvectors u of the unit-diagonal Hessian S
  /// whose eigenvalues are below ``scaledTolerance``, normalised. H is positive definite
  /// here, so its diagonal is positive.
  private static func nearlySingularDirections(_ h: Matrix) -> [[Double]] {
    let p = h.rows
    let d = (0..<p).map { h[$0, $0] }
    guard d.allSatisfy({ $0 > 0 }) else { return [] }
    var scaled = Matrix(rows: p, columns: p)
    for i in 0..<p {
      for j in 0..<p { scaled[i, j] = h[i, j] / (d[i] * d[j]).squareRoot() }
    }
    guard let eigen = SymmetricEigen(scaled) else { return [] }
    return (0..<p).filter { eigen.values[$0] < scaledTolerance }.map { k in
      let v = (0..<p).map { eigen.vectors[$0, k] / d[$0].squareRoot() }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      return v.map { $0 / norm }
    }
  }

  /// Positions with weight above 0.1 in any of the unit `directions`.
  private static func involved(_ directions: [[Double]]) -> [Int] {
    var positions = Set<Int>()
    for v in directions {
      for (i, x) in v.enumerated() where abs(x) > 0.1 { positions.insert(i) }
    }
    return positions.sorted()
  }

  private static func differenceHessian(
    _ problem: some Minimizable, _ theta: [Double], _ free: [Int], _ steps: [Double]
  ) -> Matrix? {
    let p = free.count
    var h = Matrix(rows: p, columns: p)
    var point = theta
    var plus: [Double] = []
    var minus: [Double] = []
    for (k, j) in free.enumerated() {
      point[j] = theta[j] + steps[k]
      _ = problem.valueAndGradient(at: point, gradient: &plus)
      point[j] = theta[j] - steps[k]
      _ = problem.valueAndGradient(at: point, gradient: &minus)
      point[j] = theta[j]
      for (i, row) in free.enumerated() {
        h[i, k] = (plus[row] - minus[row]) / (2 * steps[k])
      }
    }
    guard h.elements.allSatisfy(\.isFinite) else { return nil }
    for i in 0..<p {
      for k in (i + 1)..<max(p, i + 1) {
        let mean = 0.5 * (h[i, k] + h[k, i])
        h[i, k] = mean
        h[k, i] = mean
      }
    }
    return h
  }
}
