import Foundation

/// A mixture of K Gaussians in d dimensions as a normalised density model — the
/// lecture's clustering model, fitted by an unbinned likelihood like any other model:
///
///     f(x; θ) = Σₖ wₖ N(x; μₖ, Σₖ),   N(x; μ, Σ) = exp(−½ (x − μ)ᵀΣ⁻¹(x − μ)) / √((2π)ᵈ det Σ).
///
/// **Output: ln f**, one column, computed as a log-sum-exp over the components, so a
/// point far out in the tails of every component still has a finite log-density (f
/// itself underflows to 0 at 38 σ). ``LogDensityNLL`` turns it into −Σᵢ ln f(xᵢ); the
/// density is normalised analytically over ℝᵈ, so no range or quadrature is needed.
///
/// **Parameters θ are unconstrained**, so every optimizer of the toolkit — BFGS,
/// Adam on mini-batches, annealing — moves freely and every θ is a valid density:
///
/// - weights by K − 1 softmax logits against the last component,
///   wₖ = e^ηₖ / (1 + Σⱼ e^ηⱼ) with η_K ≡ 0 (names `logit1` …). Not K logits: a common
///   shift of all K would leave f unchanged, a flat direction that makes the Hessian
///   singular.
/// - means μₖⱼ (names `mu1_x`, …);
/// - covariances by their Cholesky factor Σₖ = LₖLₖᵀ with log-diagonal: `lnL1_x` =
///   ln Lₖ,ⱼⱼ and off-diagonal entries `L1_y_x` = Lₖ,ₐᵦ (a > b) for ``CovarianceKind/full``;
///   for ``CovarianceKind/diagonal`` (and d = 1) Lₖ = diag(σₖ) and the names are
///   `lnsigma1_x` = ln σₖⱼ. The log makes widths positive without bounds; the
///   Cholesky form makes every Σₖ positive definite.
///
/// The covariance of a fit is therefore on θ. Because the maximum-likelihood
/// estimate is invariant under reparametrisation and the Hessian at a stationary point
/// transforms with the Jacobian, the errors of the natural parameters — weights,
/// means, widths σ = √Σⱼⱼ, correlations — follow by linear error propagation,
/// C_nat = J C_θ Jᵀ (``GaussianMixtureResult`` does it; ``naturalParameters(_:)`` is
/// the map). The component order is a label: any permutation is the same density.
///
/// Derivatives are analytic: with rₖ = x − μₖ, zₖ = Lₖ⁻¹rₖ, uₖ = Lₖ⁻ᵀzₖ = Σₖ⁻¹rₖ and
/// responsibilities γₖ = wₖNₖ/f,
///
///     ∂ ln f/∂ηₘ = γₘ − wₘ,   ∂ ln f/∂μₖ = γₖ uₖ,
///     ∂ ln f/∂ ln Lₖ,ⱼⱼ = γₖ (uⱼ zⱼ Lⱼⱼ − 1),   ∂ ln f/∂Lₖ,ₐᵦ = γₖ uₐ zᵦ.
public struct GaussianMixture: Model {
  /// The shape of each component's covariance.
  public enum CovarianceKind: String, Sendable, Hashable, CaseIterable {
    /// A full symmetric positive-definite Σₖ: d(d + 1)/2 parameters per component
    /// (ellipses at any angle).
    case full
    /// Σₖ = diag(σₖ²): d parameters per component (axis-aligned ellipses).
    case diagonal
  }

  /// K, the number of components.
  public let componentCount: Int
  /// The d observables, one model input each.
  public let inputNames: [String]
  /// Full or diagonal covariances (the same for d = 1).
  public let covarianceKind: CovarianceKind
  public let parameterNames: [String]

  /// A mixture of `components` Gaussians over the observables `inputs`.
  /// With one input the covariance kind is ``CovarianceKind/diagonal`` (the two agree
  /// in 1-D; the names are then `lnsigma…`).
  /// - Throws: ``ClusteringError/invalidSetting(_:)`` for fewer than one component,
  ///   no inputs, or names that repeat.
  public init(components: Int, inputs: [String], covariance: CovarianceKind = .full)
    throws(ClusteringError)
  {
    guard components >= 1 else {
      throw .invalidSetting("a mixture needs at least 1 component, not \(components)")
    }
    guard !inputs.isEmpty else { throw .invalidSetting("a mixture needs at least one input") }
    guard Set(inputs).count == inputs.count else {
      throw .invalidSetting("the mixture's input names repeat: \(inputs.joined(separator: ", "))")
    }
    self.componentCount = components
    self.inputNames = inputs
    self.covarianceKind = inputs.count == 1 ? .diagonal : covariance
    self.parameterNames = Self.names(
      components: components, inputs: inputs, kind: self.covarianceKind)
    guard Set(parameterNames).count == parameterNames.count else {
      throw .invalidSetting(
        "the input names \(inputs.joined(separator: ", ")) give repeated parameter names")
    }
  }

  /// d, the number of observables.
  public var dimension: Int { inputNames.count }

  /// Off-diagonal Cholesky entries per component: d(d − 1)/2 for full, 0 for diagonal.
  var offDiagonalCount: Int {
    covarianceKind == .full ? dimension * (dimension - 1) / 2 : 0
  }

  /// Parameters per component: d means, d log-widths, the off-diagonal entries.
  var componentParameterCount: Int { 2 * dimension + offDiagonalCount }

  /// Position in θ of component k's first parameter (its first mean).
  func offset(ofComponent k: Int) -> Int { componentCount - 1 + k * componentParameterCount }

  private static func names(components: Int, inputs: [String], kind: CovarianceKind)
    -> [String]
  {
    var names = (1..<max(components, 1)).map { "logit\($0)" }
    for k in 1...components {
      names += inputs.map { "mu\(k)_\($0)" }
      names += inputs.map { kind == .full ? "lnL\(k)_\($0)" : "lnsigma\(k)_\($0)" }
      if kind == .full {
        for a in 1..<max(inputs.count, 1) {
          for b in 0..<a { names.append("L\(k)_\(inputs[a])_\(inputs[b])") }
        }
      }
    }
    return names
  }

  // MARK: Model

  public func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    precondition(inputs.columns == dimension, "GaussianMixture reads \(dimension) input(s)")
    let n = inputs.rows
    output.resize(rows: n, columns: 1)
    let layout = MixtureLayout(self)
    workspace.withScratch(count: layout.count) { s in
      inputs.elements.withUnsafeBufferPointer { x in
        output.elements.withUnsafeMutableBufferPointer { out in
          guard prepare(parameters, s, layout) else {
            for i in 0..<n { out[i] = .nan }
            return
          }
          for i in 0..<n { out[i] = logDensity(row: i, x, rows: n, s, layout) }
        }
      }
    }
  }

  /// ∂L/∂θⱼ = Σᵢ vᵢ ∂ ln f(xᵢ)/∂θⱼ, analytic (see the type's formulas).
  public func pullback(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace
  ) {
    precondition(inputs.columns == dimension, "GaussianMixture reads \(dimension) input(s)")
    let n = inputs.rows
    let p = parameterCount
    if gradient.count != p { gradient = Array(repeating: 0, count: p) }
    let layout = MixtureLayout(self)
    workspace.withScratch(count: layout.count) { s in
      inputs.elements.withUnsafeBufferPointer { x in
        cotangent.elements.withUnsafeBufferPointer { v in
          gradient.withUnsafeMutableBufferPointer { g in
            guard prepare(parameters, s, layout) else {
              for j in 0..<p { g[j] = .nan }
              return
            }
            for j in 0..<p { g[j] = 0 }
            for i in 0..<n {
              let f = logDensity(row: i, x, rows: n, s, layout)
              writePointGradient(logDensity: f, s, layout)
              for j in 0..<p { g[j] += v[i] * s[layout.gradient + j] }
            }
          }
        }
      }
    }
  }

  /// ∂ ln f(xᵢ)/∂θⱼ, an n × p matrix, analytic.
  public func jacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    precondition(inputs.columns == dimension, "GaussianMixture reads \(dimension) input(s)")
    let n = inputs.rows
    let p = parameterCount
    jacobian.resize(rows: n, columns: p)
    let layout = MixtureLayout(self)
    workspace.withScratch(count: layout.count) { s in
      inputs.elements.withUnsafeBufferPointer { x in
        jacobian.elements.withUnsafeMutableBufferPointer { jac in
          guard prepare(parameters, s, layout) else {
            for e in 0..<(n * p) { jac[e] = .nan }
            return
          }
          for i in 0..<n {
            let f = logDensity(row: i, x, rows: n, s, layout)
            writePointGradient(logDensity: f, s, layout)
            for j in 0..<p { jac[i + j * n] = s[layout.gradient + j] }
          }
        }
      }
    }
  }

  // MARK: Responsibilities

  /// The posterior probability γᵢₖ = wₖN(xᵢ; μₖ, Σₖ)/f(xᵢ) that point i belongs to
  /// component k, an n × K matrix (rows sum to 1; NaN rows where θ gives no density).
  public func responsibilities(_ inputs: Matrix, parameters: [Double]) -> Matrix {
    var gamma = Matrix(rows: 0, columns: 0)
    var workspace = ModelWorkspace()
    _ = posterior(inputs, parameters: parameters, into: &gamma, workspace: &workspace)
    return gamma
  }

  /// The most probable component of every point (0-based), argmaxₖ γᵢₖ.
  public func assignments(_ inputs: Matrix, parameters: [Double]) -> [Int] {
    Self.mostProbable(responsibilities(inputs, parameters: parameters))
  }

  /// argmaxₖ of each row of an n × K matrix (the first on ties).
  static func mostProbable(_ gamma: Matrix) -> [Int] {
    (0..<gamma.rows).map { i in
      var best = 0
      for k in 1..<max(gamma.columns, 1) where gamma[i, k] > gamma[i, best] { best = k }
      return best
    }
  }

  /// Writes γ (n × K) and returns the log-likelihood Σᵢ ln f(xᵢ) (−∞ or NaN when θ
  /// gives no density).
  func posterior(
    _ inputs: Matrix, parameters: [Double], into gamma: inout Matrix,
    workspace: inout ModelWorkspace
  ) -> Double {
    precondition(inputs.columns == dimension, "GaussianMixture reads \(dimension) input(s)")
    let n = inputs.rows
    let kCount = componentCount
    gamma.resize(rows: n, columns: kCount)
    let layout = MixtureLayout(self)
    return workspace.withScratch(count: layout.count) { s in
      inputs.elements.withUnsafeBufferPointer { x in
        gamma.elements.withUnsafeMutableBufferPointer { g in
          guard prepare(parameters, s, layout) else {
            for e in 0..<(n * kCount) { g[e] = .nan }
            return Double.nan
          }
          var sum = 0.0
          for i in 0..<n {
            let f = logDensity(row: i, x, rows: n, s, layout)
            sum += f
            for k in 0..<kCount { g[i + k * n] = exp(s[layout.ell + k] - f) }
          }
          return sum
        }
      }
    }
  }
}
