/// Covariance of least-squares estimates from the Jacobian of the residuals.
///
/// For L = Σ rᵢ², the Hessian is H ≈ 2JᵀJ and the covariance 2·UP·H⁻¹ = UP·(JᵀJ)⁻¹,
/// with UP the objective's error definition (1 for χ²). (JᵀJ)⁻¹ is formed as V Σ⁻² Vᵀ
/// from the SVD of J, which keeps the digits that forming JᵀJ would lose.
/// Without absolute errors it is scaled by s² = L/(m − p), as NIST StRD and
/// `curve_fit(absolute_sigma=False)` do.
/// A covariance over the free parameters, with what went wrong where.
protocol FreeParameterCovariance {
  /// p_free × p_free.
  var matrix: Matrix { get }
  /// Whether the curvature had full rank (positive definite).
  var isPositiveDefinite: Bool { get }
  /// Free-parameter positions not determined by the data.
  var undetermined: [Int] { get }
  /// Unit vectors over the free parameters spanning the directions the data do not
  /// determine (empty when positive definite).
  var nullDirections: [[Double]] { get }
}

struct LeastSquaresCovariance: FreeParameterCovariance {
  /// p × p over the columns of J (free parameters).
  var matrix: Matrix
  /// Whether J had full column rank.
  var isPositiveDefinite: Bool
  /// Free-parameter positions (columns of J) not determined by the data.
  var undetermined: [Int]
  /// The right singular vectors of J's zero singular values.
  var nullDirections: [[Double]]

  init?(jacobian j: Matrix, errorDefinition: Double, scale: Double) {
    let p = j.columns
    if p == 0 {
      matrix = Matrix(rows: 0, columns: 0)
      isPositiveDefinite = true
      undetermined = []
      nullDirections = []
      return
    }
    guard let svd = SingularValueDecomposition(j) else { return nil }
    let rank = svd.rank()
    var c = svd.inverseGram(rank: rank)
    let factor = errorDefinition * scale
    for k in c.elements.indices { c.elements[k] *= factor }
    matrix = c
    isPositiveDefinite = rank == p
    undetermined = rank == p ? [] : StationarityCheck.undeterminedParameters(svd, rank: rank)
    nullDirections = (rank..<p).map { k in (0..<p).map { svd.v[$0, k] } }
  }
}

extension Matrix {
  /// The correlation matrix ρᵢⱼ = Cᵢⱼ/√(CᵢᵢCⱼⱼ) of a covariance matrix (0 where a
  /// variance is 0 or not finite).
  func correlationFromCovariance() -> Matrix {
    var rho = Matrix(rows: rows, columns: columns)
    for i in 0..<rows {
      for j in 0..<columns {
        let d = self[i, i] * self[j, j]
        rho[i, j] = d > 0 && d.isFinite ? self[i, j] / d.squareRoot() : 0
      }
    }
    return rho
  }
}
