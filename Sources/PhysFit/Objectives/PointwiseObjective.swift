/// An objective that is a sum (or mean) of per-point terms, L = Σᵢ ℓᵢ(ŷᵢ), where a
/// term depends on its own point's predictions only.
///
/// Such an objective can be evaluated on a subset of points — a mini-batch, or the
/// held-out points of a validation split — as an unbiased estimate of the whole.
public protocol PointwiseObjective: Objective {
  /// An unbiased estimate of L from the points `rows`, scaled to the whole data set
  /// (N/B · Σ_batch ℓᵢ for a sum). `predictions` holds one row per entry of `rows`, in
  /// the same order; ∂/∂ŷ of the estimate is written into `gradient` (same shape).
  func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix) -> Double
}
