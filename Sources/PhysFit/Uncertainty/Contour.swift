/// A 2-D confidence contour of two parameters: the curve where the profile
/// Δ(θa, θb) = min_{others} L − L(θ̂) equals the level's threshold.
public struct Contour: Sendable {
  /// The two parameters (x, y).
  public var parameters: [String]
  /// Their values at the minimum, the centre of the contour.
  public var center: [Double]
  /// Which rise of the objective the contour follows.
  public var level: ContourLevel
  /// Δ on the contour: UP·q (times s² for scaled errors), q = ``ContourLevel/quantile``.
  public var threshold: Double
  /// One point per ray, by increasing angle.
  public var points: [ContourPoint]

  /// Whether every ray found its crossing (no bound, failure or lower minimum).
  public var isClosed: Bool { points.allSatisfy(\.status.isFound) }
}

/// Where one ray from the minimum crossed the contour.
public struct ContourPoint: Sendable {
  /// φ of the ray, in radians, in the plane whitened by the parabolic covariance of
  /// the pair: the ray's direction is L·(cos φ, sin φ) with C = LLᵀ (Cholesky), so
  /// that rays at equal angles meet a parabolic contour at equal arc fractions.
  public var angle: Double
  /// (θa, θb) on the contour (``EdgeStatus/found``) or at the bound reached first
  /// (``EdgeStatus/beyondLimit(delta:)``); nil otherwise.
  public var point: [Double]?
  /// The furthest point along the ray known to lie inside the contour.
  public var reached: [Double]
  /// How the search along this ray ended.
  public var status: EdgeStatus
  /// All parameters at the profile minimum at `reached`.
  public var parameters: [Double]
  /// Profile minimisations used.
  public var minimizations: Int
}
