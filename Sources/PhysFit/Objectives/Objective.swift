/// A learning criterion L(ŷ) over a model's predictions — the second element.
///
/// χ² in a physics fit and a loss function in deep learning are the same thing here:
/// an objective holds the observed data (y, σ, counts, labels, ...), and turns
/// predictions ŷ into one number to minimise plus its derivative ∂L/∂ŷ, which a
/// model's pullback carries back to the parameters.
///
/// `errorDefinition` is the change of L that corresponds to one standard deviation
/// (MINUIT's "UP"): 1 for χ²-like objectives, ½ for −log ℒ. Covariances are
/// `2·errorDefinition·H⁻¹`, never a hard-coded √diag(H⁻¹).
public protocol Objective: Sendable {
  /// Δ L for one standard deviation: 1 for χ², 0.5 for −log ℒ.
  var errorDefinition: Double { get }
  /// Number of independent data values, for ndf = dataCount − free parameters.
  var dataCount: Int { get }
  /// The shape of predictions this objective expects (rows = points, columns = outputs).
  var predictionRows: Int { get }

  /// L(ŷ).
  func value(predictions: Matrix) -> Double

  /// L(ŷ), and ∂L/∂ŷ written into `gradient` (shaped like the predictions).
  func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double
}

/// An objective of least-squares shape, L = Σᵢ rᵢ(ŷ)², where each residual rᵢ
/// depends on one prediction ŷᵢ only.
///
/// This is what trust-region least squares needs: residuals and their Jacobian
/// ∂r/∂θ = diag(∂rᵢ/∂ŷᵢ) · ∂ŷ/∂θ. Pairing a least-squares optimizer with an objective
/// that lacks this shape does not compile.
public protocol LeastSquaresObjective: Objective {
  /// Writes rᵢ for every data value, and dᵢ = ∂rᵢ/∂ŷᵢ.
  func residuals(
    predictions: Matrix, residuals: inout [Double], derivatives: inout [Double])

  /// Whether L = Σ r² is a χ² whose errors are absolute (σ given), or whether the
  /// covariance should be scaled by s² = RSS/(n − p) (no σ given: NIST and
  /// `curve_fit(absolute_sigma=False)` convention).
  var hasAbsoluteErrors: Bool { get }
}

extension LeastSquaresObjective {
  public func value(predictions: Matrix) -> Double {
    var r: [Double] = []
    var d: [Double] = []
    residuals(predictions: predictions, residuals: &r, derivatives: &d)
    return r.reduce(0) { $0 + $1 * $1 }
  }

  /// ∂/∂ŷᵢ Σ r² = 2 rᵢ dᵢ.
  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    var r: [Double] = []
    var d: [Double] = []
    residuals(predictions: predictions, residuals: &r, derivatives: &d)
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    var sum = 0.0
    for i in r.indices {
      sum += r[i] * r[i]
      gradient.elements[i] = 2 * r[i] * d[i]
    }
    return sum
  }
}
