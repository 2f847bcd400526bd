import Foundation

/// A Gaussian mixture fit read as a clustering: the components in their natural
/// parameters with errors, the assignment of every point, and the likelihood with
/// its information criteria.
///
/// The fit's covariance C_θ is on the model's unconstrained parameters (logits,
/// log-widths, Cholesky entries; see ``GaussianMixture``). The natural parameters
/// ν(θ) — weights, means, widths, correlations — get theirs by linear error
/// propagation, C_ν = J C_θ Jᵀ with J = ∂ν/∂θ by central differences (step
/// ∛ε·max(|θⱼ|, 1), relative accuracy ~10⁻¹⁰, far below any error's own uncertainty).
/// At the maximum-likelihood point this is the same covariance the Hessian in ν
/// would give (the likelihood's gradient vanishes there, so only J enters). All K
/// weights get an error, though only K − 1 are free: they are correlated to sum 1.
public struct GaussianMixtureResult: Sendable {
  /// The model that was fitted.
  public var mixture: GaussianMixture
  /// The fit on θ (values, errors and covariance of the model's own parameters,
  /// convergence verdict).
  public var fit: FitResult
  /// The natural parameters with propagated errors, named as
  /// ``GaussianMixture/naturalParameterNames`` (`w1`, `mu1_x`, `sigma1_x`, `rho1_x_y`).
  public var parameters: [ParameterResult]
  /// C_ν, the covariance of the natural parameters.
  public var covariance: Matrix
  /// The components at the fitted θ.
  public var components: [MixtureComponent]
  /// γᵢₖ, n × K.
  public var responsibilities: Matrix
  /// The most probable component of every point (0-based).
  public var assignments: [Int]
  /// ln ℒ = Σᵢ ln f(xᵢ) at the fitted θ.
  public var logLikelihood: Double
  /// n, the number of points.
  public var pointCount: Int
  /// The EM run that gave the start, if one did.
  public var expectationMaximization: ExpectationMaximization.Result?

  /// Reads a finished fit of `mixture` to the points `data` (the fit's inputs).
  public init(
    mixture: GaussianMixture, data: Matrix, fit: FitResult,
    expectationMaximization: ExpectationMaximization.Result? = nil
  ) {
    precondition(data.columns == mixture.dimension, "the data are the fit's inputs")
    let theta = fit.values
    let names = mixture.naturalParameterNames
    let jacobian = Self.naturalJacobian(mixture, theta)
    let m = names.count
    let p = theta.count
    var covariance = Matrix(rows: m, columns: m)
    // J C Jᵀ; C is zero in the rows and columns of fixed parameters.
    var jc = Matrix(rows: m, columns: p)
    // An empty covariance (errors not estimated) leaves J C Jᵀ at zero; errors are NaN.
    for a in 0..<m where fit.covariance.rows == p {
      for j in 0..<p {
        var s = 0.0
        for l in 0..<p { s += jacobian[a, l] * fit.covariance[l, j] }
        jc[a, j] = s
      }
    }
    for a in 0..<m {
      for b in 0..<m {
        var s = 0.0
        for j in 0..<p { s += jc[a, j] * jacobian[b, j] }
        covariance[a, b] = s
      }
    }
    let values = mixture.naturalParameters(theta)
    let usable = fit.covarianceIsPositiveDefinite
    self.parameters = names.indices.map { a in
      ParameterResult(
        name: names[a], value: values[a],
        error: usable ? max(covariance[a, a], 0).squareRoot() : .nan, lower: nil, upper: nil,
        isFixed: false, isAtLimit: false)
    }
    self.mixture = mixture
    self.fit = fit
    self.covariance = covariance
    self.components = mixture.components(theta)
    var workspace = ModelWorkspace()
    var gamma = Matrix(rows: 0, columns: 0)
    self.logLikelihood = mixture.posterior(
      data, parameters: theta, into: &gamma, workspace: &workspace)
    self.responsibilities = gamma
    self.assignments = GaussianMixture.mostProbable(gamma)
    self.pointCount = data.rows
    self.expectationMaximization = expectationMaximization
  }

  /// The natural parameter called `name` (`w2`, `mu1_x`, `sigma3_y`, `rho1_x_y`).
  public subscript(name: String) -> ParameterResult? {
    parameters.first { $0.name == name }
  }

  /// Whether the fit found a verified minimum (see ``FitResult/converged``).
  public var converged: Bool { fit.converged }
  /// Free parameters k of the fit.
  public var parameterCount: Int { fit.freeParameterCount }
  /// Points per component under ``assignments``.
  public var clusterSizes: [Int] {
    var sizes = Array(repeating: 0, count: mixture.componentCount)
    for a in assignments { sizes[a] += 1 }
    return sizes
  }
  /// Akaike's information criterion, AIC = 2k − 2 ln ℒ̂.
  public var aic: Double { 2 * Double(parameterCount) - 2 * logLikelihood }
  /// The Bayesian (Schwarz) information criterion, BIC = k ln n − 2 ln ℒ̂: the smaller,
  /// the better the number of components is supported.
  public var bic: Double { Double(parameterCount) * log(Double(pointCount)) - 2 * logLikelihood }

  /// ∂ν/∂θ by central differences, m × p.
  static func naturalJacobian(_ mixture: GaussianMixture, _ theta: [Double]) -> Matrix {
    let m = mixture.naturalParameterNames.count
    var jacobian = Matrix(rows: m, columns: theta.count)
    var point = theta
    for j in theta.indices {
      let h = 6.0554544523933395e-06 * max(abs(theta[j]), 1)  // ∛ε
      point[j] = theta[j] + h
      let plus = mixture.naturalParameters(point)
      point[j] = theta[j] - h
      let minus = mixture.naturalParameters(point)
      point[j] = theta[j]
      for a in 0..<m { jacobian[a, j] = (plus[a] - minus[a]) / (2 * h) }
    }
    return jacobian
  }
}
