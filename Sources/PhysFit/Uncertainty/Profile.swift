/// The profile of one parameter as data: Δ(θᵢ) = min_{others} L − L(θ̂) at given values.
public struct Profile: Sendable {
  /// The profiled parameter.
  public var parameter: String
  /// θ̂, where Δ = 0.
  public var minimum: Double
  /// Δ of one standard deviation, UP (times s² for scaled errors): a 1σ interval is
  /// where Δ = `errorUnit`, a kσ one where Δ = k²·`errorUnit`.
  public var errorUnit: Double
  /// The points, by increasing value.
  public var points: [ProfilePoint]
}

/// One point of a ``Profile``.
public struct ProfilePoint: Sendable, Hashable {
  /// The value the parameter was held at.
  public var value: Double
  /// Δ = L − L(θ̂) at the minimum of the others; NaN when that minimisation failed.
  public var delta: Double
  /// All parameters at that minimum (empty when it failed).
  public var parameters: [Double]
  /// Why the minimisation failed; nil when it converged.
  public var failure: String?

  /// Whether the minimisation of the others converged.
  public var converged: Bool { failure == nil }
}
