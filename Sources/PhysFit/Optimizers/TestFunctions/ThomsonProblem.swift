/// The Thomson problem: N unit charges on the unit sphere, placed to minimise their
/// Coulomb energy
///
///     E = Σᵢ<ⱼ 1/‖pᵢ − pⱼ‖,   pᵢ = xᵢ/‖xᵢ‖,
///
/// over 3N unconstrained coordinates x = (x₁, y₁, z₁, x₂, …): each charge is the
/// direction of its 3-vector, so every x is feasible and no angle has a pole. The
/// gradient is the tangential part of the Coulomb force, scaled by 1/‖xᵢ‖:
/// ∂E/∂xᵢ = (Gᵢ − (Gᵢ·pᵢ) pᵢ)/‖xᵢ‖ with Gᵢ = −Σⱼ (pᵢ − pⱼ)/‖pᵢ − pⱼ‖³.
/// E does not change along xᵢ (radially) nor under rotations, so the Hessian is
/// singular at every minimum.
///
/// A vector xᵢ = 0 or two coincident charges give +∞ (a point optimizers reject).
public final class ThomsonProblem: BenchmarkFunction {
  /// Number of charges N.
  public let charges: Int
  public let name: String
  /// 3N.
  public let dimension: Int
  /// The cube [−1, 1]³ᴺ random starts are drawn from (its directions cover the sphere).
  public let lowerBounds: [Double]
  public let upperBounds: [Double]
  public private(set) var evaluations = EvaluationCounts()

  /// N charges; needs N ≥ 2.
  public init(charges: Int) throws {
    guard charges >= 2 else {
      throw TestFunctionError(function: "thomson", dimension: charges, minimumDimension: 2)
    }
    self.charges = charges
    self.name = "thomson-\(charges)"
    self.dimension = 3 * charges
    lowerBounds = Array(repeating: -1, count: 3 * charges)
    upperBounds = Array(repeating: 1, count: 3 * charges)
  }

  public var knownMinimum: Double? { Self.knownMinima[charges] }

  /// Minimum energies for N = 2…12 (Wikipedia, "Thomson problem", table of
  /// configurations, after Wales & Ulker 2006). N = 2, 3, 4, 6 and 12 are the
  /// antipodal pair, equilateral triangle, tetrahedron, octahedron and icosahedron
  /// (the tests compute those in closed form).
  public static let knownMinima: [Int: Double] = [
    2: 0.5,
    3: 1.732050808,
    4: 3.674234614,
    5: 6.474691495,
    6: 9.985281374,
    7: 14.452977414,
    8: 19.675287861,
    9: 25.759986531,
    10: 32.716949460,
    11: 40.596450510,
    12: 49.165253058,
  ]

  /// Sets the evaluation counts to zero.
  public func resetEvaluations() {
    evaluations = EvaluationCounts()
  }

  /// Unit vectors pᵢ, lengths ‖xᵢ‖ and forces, reused between calls.
  private var directions: [Double] = []
  private var lengths: [Double] = []
  private var forces: [Double] = []

  public func value(at x: [Double]) -> Double {
    precondition(x.count == dimension, "\(name): expected \(dimension) coordinates, got \(x.count)")
    evaluations.values += 1
    return energy(x, withForces: false)
  }

  public func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
    precondition(x.count == dimension, "\(name): expected \(dimension) coordinates, got \(x.count)")
    evaluations.values += 1
    evaluations.gradients += 1
    if gradient.count != dimension { gradient = Array(repeating: 0, count: dimension) }
    let e = energy(x, withForces: true)
    guard e.isFinite else {
      for k in 0..<dimension { gradient[k] = .nan }
      return e
    }
    for i in 0..<charges {
      var radial = 0.0
      for c in 0..<3 { radial += forces[3 * i + c] * directions[3 * i + c] }
      for c in 0..<3 {
        gradient[3 * i + c] = (forces[3 * i + c] - radial * directions[3 * i + c]) / lengths[i]
      }
    }
    return e
  }

  /// E(x); with `withForces`, also Gᵢ = ∂E/∂pᵢ = −Σⱼ (pᵢ − pⱼ)/‖pᵢ − pⱼ‖³ into `forces`.
  private func energy(_ x: [Double], withForces: Bool) -> Double {
    let n = charges
    if directions.count != 3 * n {
      directions = Array(repeating: 0, count: 3 * n)
      forces = Array(repeating: 0, count: 3 * n)
      lengths = Array(repeating: 0, count: n)
    }
    for i in 0..<n {
      let r = (x[3 * i] * x[3 * i] + x[3 * i + 1] * x[3 * i + 1] + x[3 * i + 2] * x[3 * i + 2])
        .squareRoot()
      guard r > 0 else { return .infinity }
      lengths[i] = r
      for c in 0..<3 { directions[3 * i + c] = x[3 * i + c] / r }
    }
    if withForces { for k in 0..<(3 * n) { forces[k] = 0 } }
    var e = 0.0
    for i in 0..<n {
      for j in (i + 1)..<n {
        let dx = directions[3 * i] - directions[3 * j]
        let dy = directions[3 * i + 1] - directions[3 * j + 1]
        let dz = directions[3 * i + 2] - directions[3 * j + 2]
        let d2 = dx * dx + dy * dy + dz * dz
        guard d2 > 0 else { return .infinity }
        let inverse = 1 / d2.squareRoot()
        e += inverse
        if withForces {
          let f = inverse * inverse * inverse
          forces[3 * i] -= f * dx
          forces[3 * i + 1] -= f * dy
          forces[3 * i + 2] -= f * dz
          forces[3 * j] += f * dx
          forces[3 * j + 1] += f * dy
          forces[3 * j + 2] += f * dz
        }
      }
    }
    return e
  }
}
