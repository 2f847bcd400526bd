/// A robust loss ρ(z) of the squared, scaled residual z = (r/c)², as in
/// `scipy.optimize.least_squares(loss=..., f_scale=c)`.
///
/// Both losses equal z for small residuals (ρ(z) ≈ z, ρ'(0) = 1), so inliers count as
/// in χ², and grow only linearly in |r| for large ones, so outliers pull less.
public enum RobustLoss: String, Sendable, Hashable, CaseIterable {
  /// ρ(z) = 2(√(1 + z) − 1): smooth everywhere, linear in |r| for |r| ≫ c.
  case softL1 = "soft-l1"
  /// ρ(z) = z for z ≤ 1, 2√z − 1 beyond: exactly χ² inside |r| ≤ c, linear outside;
  /// the second derivative jumps at |r| = c.
  case huber

  /// The robust residual r̃ = c·sign(r)·√ρ(z) for a scaled residual u = r/c (so the
  /// factor c is applied by the caller), and dr̃/dr.
  ///
  /// Written without cancellation: soft-L1 r̃/r = √(2/(√(1+z) + 1)),
  /// dr̃/dr = √((√(1+z) + 1)/2)/√(1+z); Huber beyond c: r̃ = c·sign(u)·√(2|u| − 1),
  /// dr̃/dr = 1/√(2|u| − 1).
  @inlinable
  public func residual(scaled u: Double) -> (factor: Double, derivative: Double) {
    switch self {
    case .softL1:
      let root = (1 + u * u).squareRoot()
      return ((2 / (root + 1)).squareRoot(), ((root + 1) / 2).squareRoot() / root)
    case .huber:
      let a = Swift.abs(u)
      if a <= 1 { return (1, 1) }
      let s = (2 * a - 1).squareRoot()
      return (s / a, 1 / s)
    }
  }
}
