import Foundation

/// Poisson binned negative log-likelihood for counts, in the Baker–Cousins
/// likelihood-ratio form:
///
///     χ²_λ = 2 Σᵢ [ŷᵢ − nᵢ + nᵢ ln(nᵢ/ŷᵢ)]      (terms with nᵢ = 0 are 2ŷᵢ)
///
/// It is 2·(−ln ℒ) plus a constant that depends on the counts only, so it has the
/// same minimum as the Poisson likelihood; the constant makes each term vanish when
/// ŷᵢ = nᵢ, so the minimum value is a goodness-of-fit statistic that follows χ²(ndf)
/// asymptotically (Baker & Cousins, NIM 221 (1984) 437).
///
/// **Error definition 1**: as a χ²-like quantity (2·(−ln ℒ)), one standard deviation
/// is Δχ²_λ = 1 — the convention of iminuit's cost functions, which also return
/// 2·(−ln ℒ) with `errordef = 1`.
///
/// **Least squares**: the deviance residuals rᵢ = sign(nᵢ − ŷᵢ)·√dᵢ with
/// dᵢ = 2[ŷᵢ − nᵢ + nᵢ ln(nᵢ/ŷᵢ)] give Σ rᵢ² = χ²_λ, so trust-region least squares
/// minimises the likelihood directly. Their Gauss–Newton curvature JᵀJ is the
/// *expected* (Fisher) information, not the Hessian of χ²_λ; the two differ by
/// (nᵢ − ŷᵢ)/ŷᵢ per bin, so ``Fit`` takes this objective's covariance from the
/// Hessian on every path (see ``HessianCovarianceObjective``), as MINUIT's HESSE does.
///
/// **Infeasible predictions**: ŷᵢ < 0, or ŷᵢ = 0 with nᵢ > 0, has zero likelihood:
/// the value is +∞ (residual +∞, derivative NaN), which trust-region least squares
/// and line searches treat as a rejected step.
public struct PoissonNLL: LeastSquaresObjective, PointwiseObjective,
  HessianCovarianceObjective
{
  /// Counts per bin nᵢ ≥ 0 (not necessarily integers, e.g. for weighted histograms).
  public let counts: [Double]

  /// The Poisson likelihood ratio χ²_λ (Baker–Cousins) of the observed counts per bin.
  ///
  /// - Parameter counts: counts per bin; finite and ≥ 0. Throws otherwise.
  public init(counts: [Double]) throws(ObjectiveError) {
    try ObjectiveError.check(counts, "counts", expected: "≥ 0") { $0 >= 0 }
    self.counts = counts
  }

  public var errorDefinition: Double { 1 }
  public var dataCount: Int { counts.count }
  public var predictionRows: Int { counts.count }
  /// χ²_λ is absolute (no s² scaling): the Poisson variance is fixed by ŷ.
  public var hasAbsoluteErrors: Bool { true }

  /// The deviance residual of one bin and its derivative with respect to ŷ.
  ///
  /// With t = (ŷ − n)/n, dᵢ = 2n·(t − ln(1 + t)). Writing h(t) = √(2(t − ln(1+t)))/|t|
  /// (h → 1 as t → 0, by its series for |t| < 10⁻³), r = −√n·t·h and
  /// ∂r/∂ŷ = −1/(√n·(1 + t)·h): no cancellation and no 0/0 at r = 0, where the
  /// derivative is −1/√n.
  @inlinable
  public static func devianceResidual(count n: Double, prediction mu: Double) -> (
    residual: Double, derivative: Double
  ) {
    guard mu.isFinite, mu >= 0, !(mu == 0 && n > 0) else { return (.infinity, .nan) }
    if n == 0 {
      // d = 2ŷ; the derivative's limit at ŷ = 0 is −∞: keep it finite.
      let s = (2 * Swift.max(mu, Double.leastNormalMagnitude)).squareRoot()
      return (-(2 * mu).squareRoot(), -1 / s)
    }
    let t = (mu - n) / n
    let ratio: Double  // (t − ln(1 + t))/t²
    if Swift.abs(t) < 1e-3 {
      ratio = 0.5 + t * (-1.0 / 3 + t * (0.25 + t * (-0.2 + t * (1.0 / 6 - t / 7))))
    } else {
      ratio = (t - Foundation.log1p(t)) / (t * t)
    }
    let h = (2 * ratio).squareRoot()
    let rootN = n.squareRoot()
    return (-rootN * t * h, -1 / (rootN * (1 + t) * h))
  }

  /// One bin's term dᵢ = rᵢ² and ∂dᵢ/∂ŷᵢ = 2(1 − nᵢ/ŷᵢ).
  @inlinable
  static func term(count n: Double, prediction mu: Double) -> (value: Double, slope: Double) {
    let (r, _) = devianceResidual(count: n, prediction: mu)
    guard r.isFinite else { return (.infinity, .nan) }
    return (r * r, n == 0 ? 2 : 2 * (1 - n / mu))
  }

  public func residuals(
    predictions: Matrix, residuals r: inout [Double], derivatives d: inout [Double]
  ) {
    let n = counts.count
    if r.count != n { r = Array(repeating: 0, count: n) }
    if d.count != n { d = Array(repeating: 0, count: n) }
    counts.withUnsafeBufferPointer { c in
      predictions.elements.withUnsafeBufferPointer { mu in
        for i in 0..<n {
          (r[i], d[i]) = Self.devianceResidual(count: c[i], prediction: mu[i])
        }
      }
    }
  }

  public func value(predictions: Matrix) -> Double {
    var sum = 0.0
    counts.withUnsafeBufferPointer { c in
      predictions.elements.withUnsafeBufferPointer { mu in
        for i in 0..<c.count { sum += Self.term(count: c[i], prediction: mu[i]).value }
      }
    }
    return sum
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    var sum = 0.0
    counts.withUnsafeBufferPointer { c in
      predictions.elements.withUnsafeBufferPointer { mu in
        gradient.elements.withUnsafeMutableBufferPointer { g in
          for i in 0..<c.count {
            let (v, s) = Self.term(count: c[i], prediction: mu[i])
            sum += v
            g[i] = s
          }
        }
      }
    }
    return sum
  }

  /// N/B · Σ over the batch, the unbiased estimate of χ²_λ.
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix)
    -> Double
  {
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let scale = rows.isEmpty ? 0 : Double(counts.count) / Double(rows.count)
    var sum = 0.0
    for (k, i) in rows.enumerated() {
      let (v, s) = Self.term(count: counts[i], prediction: predictions.elements[k])
      sum += v
      gradient.elements[k] = scale * s
    }
    return scale * sum
  }
}
