import Foundation

/// How the search for one crossing Δ = Δ_target ended: one side of an interval, or one
/// ray of a contour. Anything but ``found`` means the edge is not a crossing and is
/// reported as such, never returned silently as if it were.
public enum EdgeStatus: Sendable, Hashable, CustomStringConvertible {
  /// The crossing was found to the configured tolerance.
  case found
  /// A bound of a profiled parameter was reached with Δ = `delta` still below the
  /// target: the region extends to the bound (which is reported as the edge).
  case beyondLimit(delta: Double)
  /// The minimisation of the other parameters failed at the profiled value(s) `at`.
  case minimizerFailed(at: [Double], reason: String)
  /// The bracket or root search used up its iterations.
  case maxIterations
  /// The profile fell `delta` below the minimum at `at`: the fit's minimum is not the
  /// lowest, so no interval around it is meaningful (refit from there).
  case newMinimum(at: [Double], delta: Double)

  /// Whether the crossing was found.
  public var isFound: Bool { self == .found }

  /// A stable identifier for JSON: found, beyondLimit, minimizerFailed,
  /// maxIterations, newMinimum.
  public var code: String {
    switch self {
    case .found: "found"
    case .beyondLimit: "beyondLimit"
    case .minimizerFailed: "minimizerFailed"
    case .maxIterations: "maxIterations"
    case .newMinimum: "newMinimum"
    }
  }

  public var description: String {
    switch self {
    case .found: "found"
    case .beyondLimit(let delta):
      "the bound is reached first (Δ = \(Self.short(delta)) there): the region extends to the bound"
    case .minimizerFailed(let at, let reason):
      "the profile minimisation failed at \(Self.list(at)): \(reason)"
    case .maxIterations: "the crossing search used up its iterations"
    case .newMinimum(let at, let delta):
      "a lower minimum (Δ = \(Self.short(delta))) was found at \(Self.list(at)): refit from there"
    }
  }

  private static func list(_ values: [Double]) -> String {
    values.count == 1 ? short(values[0]) : "(\(values.map(short).joined(separator: ", ")))"
  }

  /// Six significant digits.
  private static func short(_ x: Double) -> String { String(format: "%.6g", x) }
}
