/// A profile-likelihood (MINOS-style) confidence interval of one parameter: where the
/// profile Δ(θᵢ) = min_{others} L − L(θ̂) rises to UP·k² on either side of θ̂, beside
/// the parabolic interval θ̂ ± kσ of the covariance matrix.
///
/// The two sides are searched independently and each carries its own
/// ``IntervalEdge/status``; an interval is ``isValid`` only when both crossings were
/// found.
public struct ProfileInterval: Sendable {
  /// The parameter's name.
  public var parameter: String
  /// θ̂, the value at the minimum.
  public var value: Double
  /// σ, the parabolic (covariance) standard error; the parabolic interval is ±kσ.
  public var parabolicError: Double
  /// The confidence level.
  public var level: ConfidenceLevel
  /// Δ at the edges: UP·k² (times s² for scaled errors).
  public var threshold: Double
  /// The side below θ̂.
  public var lower: IntervalEdge
  /// The side above θ̂.
  public var upper: IntervalEdge

  /// k = Φ⁻¹((1 + CL)/2).
  public var standardDeviations: Double { level.standardDeviations }
  /// kσ, the half-width of the parabolic interval at this level.
  public var parabolicHalfWidth: Double { standardDeviations * parabolicError }
  /// Whether both crossings were found.
  public var isValid: Bool { lower.status.isFound && upper.status.isFound }
}

/// One side of a ``ProfileInterval``.
public struct IntervalEdge: Sendable {
  /// The crossing (``EdgeStatus/found``) or the bound that was reached first
  /// (``EdgeStatus/beyondLimit(delta:)``); nil otherwise.
  public var bound: Double?
  /// `bound` − θ̂: negative on the lower side, as MINOS reports it; nil with `bound`.
  public var error: Double?
  /// The furthest value known to lie inside the interval (the crossing itself when it
  /// was found): with a failed search, the interval reaches at least this far.
  public var reached: Double
  /// How the search ended.
  public var status: EdgeStatus
  /// All parameters at the minimum of the profile at `reached` (the others' values
  /// along the valley).
  public var parameters: [Double]
  /// Profile minimisations used.
  public var minimizations: Int
}
