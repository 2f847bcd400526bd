import Foundation

/// The MINUIT-style map between a fit's external parameters θ (with bounds and
/// fixed values) and the unconstrained internal coordinates u an optimizer moves in.
///
/// Fixed parameters are left out of u. Bounded ones are mapped so that every u ∈ ℝ
/// lands inside the bounds:
/// - lower and upper: θ = a + (b − a)(sin u + 1)/2
/// - lower only:      θ = a − 1 + √(u² + 1)
/// - upper only:      θ = b + 1 − √(u² + 1)
/// - free:            θ = u
/// One transform serves every optimizer, so a bound means the same thing to all.
public struct ParameterTransform: Sendable {
  /// The external parameters with their bounds and fixing.
  public let parameters: ParameterSet
  /// Positions in θ of the free (not fixed) parameters, in order: u[k] ↔ θ[free[k]].
  public let free: [Int]
  /// Whether the transform is the identity (no bounds on free parameters): then θ = u on
  /// the free positions and dθ/du = 1, without reading each parameter's bounds (a
  /// network's millions of weights are all free and unbounded).
  public let isIdentity: Bool

  /// The transform for `parameters` (fixed ones are left out of u).
  public init(_ parameters: ParameterSet) {
    self.parameters = parameters
    let free = parameters.indices.filter { !parameters[$0].isFixed }
    self.free = free
    self.isIdentity = free.allSatisfy { !parameters[$0].isBounded }
  }

  /// Dimension of u.
  public var dimension: Int { free.count }

  /// θ for internal coordinates u (fixed parameters keep their values).
  public func external(_ u: [Double]) -> [Double] {
    var theta = parameters.values
    externalInPlace(u, into: &theta)
    return theta
  }

  /// Writes θ for u into `theta` (which must hold all parameter values).
  public func externalInPlace(_ u: [Double], into theta: inout [Double]) {
    if isIdentity, free.count == theta.count, u.count == theta.count {
      theta.withUnsafeMutableBufferPointer { t in
        u.withUnsafeBufferPointer { source in
          if let base = t.baseAddress, let from = source.baseAddress {
            base.update(from: from, count: source.count)
          }
        }
      }
      return
    }
    for (k, i) in free.enumerated() {
      theta[i] = Self.toExternal(u[k], parameters[i])
    }
  }

  /// Internal coordinates of θ. Values on or beyond a bound are moved just inside,
  /// because at a bound the sine map has zero slope and an optimizer would stick.
  public func internalCoordinates(_ theta: [Double]) -> [Double] {
    free.map { Self.toInternal(theta[$0], parameters[$0]) }
  }

  /// dθ/du for each free parameter (the chain-rule factor for gradients and Jacobians).
  public func derivatives(_ u: [Double], into d: inout [Double]) {
    if d.count != free.count { d = Array(repeating: 1, count: free.count) }
    if isIdentity {
      d.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
      return
    }
    for (k, i) in free.enumerated() {
      let p = parameters[i]
      switch (p.lower, p.upper) {
      case (let a?, let b?): d[k] = 0.5 * (b - a) * cos(u[k])
      case (_?, nil): d[k] = u[k] / (u[k] * u[k] + 1).squareRoot()
      case (nil, _?): d[k] = -u[k] / (u[k] * u[k] + 1).squareRoot()
      case (nil, nil): d[k] = 1
      }
    }
  }

  static func toExternal(_ u: Double, _ p: Parameter) -> Double {
    switch (p.lower, p.upper) {
    case (let a?, let b?): a + 0.5 * (b - a) * (sin(u) + 1)
    case (let a?, nil): a - 1 + (u * u + 1).squareRoot()
    case (nil, let b?): b + 1 - (u * u + 1).squareRoot()
    case (nil, nil): u
    }
  }

  static func toInternal(_ theta: Double, _ p: Parameter) -> Double {
    switch (p.lower, p.upper) {
    case (let a?, let b?):
      // Keep a margin of 1e-8 of the range away from the bounds.
      let margin = 1e-8 * (b - a)
      let t = min(max(theta, a + margin), b - margin)
      return asin(2 * (t - a) / (b - a) - 1)
    case (let a?, nil):
      let t = max(theta, a + 1e-8 * max(abs(a), 1))
      let s = t - a + 1
      return (s * s - 1).squareRoot()
    case (nil, let b?):
      let t = min(theta, b - 1e-8 * max(abs(b), 1))
      let s = b - t + 1
      return (s * s - 1).squareRoot()
    case (nil, nil):
      return theta
    }
  }
}
