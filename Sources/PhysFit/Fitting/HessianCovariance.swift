/// Covariance of any minimum from the Hessian of the objective: C = 2·UP·H⁻¹.
///
/// H is formed by central differences of the analytic gradient, Hᵢⱼ = (gᵢ(θ + hⱼeⱼ) −
/// gᵢ(θ − hⱼeⱼ))/2hⱼ, and symmetrised. The steps come in two passes: first
/// hⱼ = ∛ε·max(|θⱼ|, 1); then, from that Hessian's σⱼ = √(2·UP/Hⱼⱼ), the step
/// hⱼ = ∛ε·max(|θⱼ|, σⱼ), which follows the parameter's own scale even where θⱼ ≈ 0.
/// At a minimum the Hessian must be positive definite; when it is not, the
/// covariance is flagged and the errors of the parameters involved are NaN —
/// never silently returned. The estimated distance to the minimum,
/// EDM = ½ gᵀH⁻¹g (MINUIT's convergence measure), is computed with it.
struct HessianCovariance: FreeParameterCovariance {
  var matrix: Matrix
  var isPositiveDefinite: Bool
  /// Free-parameter positions along non-positive curvature directions.
  var undetermined: [Int]
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
    self.isPositiveDefinite = eigen.isPositiveDefinite()
    self.undetermined = self.isPositiveDefinite ? [] : eigen.badDirections()
    let g = free.map { gradient[$0] }
    var edm = 0.0
    for i in 0..<p {
      for j in 0..<p { edm += g[i] * inverse[i, j] * g[j] }
    }
    self.estimatedDistanceToMinimum = 0.5 * edm
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
