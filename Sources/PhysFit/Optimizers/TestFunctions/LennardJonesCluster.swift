import Foundation

/// A cluster of N atoms interacting pairwise by the Lennard-Jones potential, in reduced
/// units (ε = σ = 1):
///
///     E(x) = 4 Σᵢ<ⱼ (rᵢⱼ⁻¹² − rᵢⱼ⁻⁶),   rᵢⱼ = ‖xᵢ − xⱼ‖,
///
/// over the 3N Cartesian coordinates x = (x₁, y₁, z₁, x₂, …). The standard hard test of
/// global optimizers from physics: the number of local minima grows exponentially with
/// N (LJ13 has about 1500), and the global minimum of LJ38 sits in a narrow funnel
/// apart from the icosahedral ones. The energy is invariant under translations and
/// rotations, so its Hessian is singular (six zero eigenvalues) at every minimum.
///
/// Known global minima (``LennardJonesCluster/knownMinima``) are those of the Cambridge
/// Cluster Database. Two coincident atoms give +∞ (a point optimizers reject).
public final class LennardJonesCluster: BenchmarkFunction {
  /// Number of atoms N.
  public let atoms: Int
  public let name: String
  /// 3N.
  public let dimension: Int
  /// The cube [−L, L]³ᴺ random starts are drawn from, with L = ½ (N/ρ)^(1/3) and
  /// ρ = 0.5: atoms spread at about half the density of the cluster, so a start is
  /// compact enough to bind but rarely has two atoms on top of each other.
  public let lowerBounds: [Double]
  public let upperBounds: [Double]
  public private(set) var evaluations = EvaluationCounts()

  /// N atoms; needs N ≥ 2.
  public init(atoms: Int) throws {
    guard atoms >= 2 else {
      throw TestFunctionError(function: "lennard-jones", dimension: atoms, minimumDimension: 2)
    }
    self.atoms = atoms
    self.name = "lj-\(atoms)"
    self.dimension = 3 * atoms
    let half = 0.5 * Foundation.pow(Double(atoms) / 0.5, 1.0 / 3.0)
    lowerBounds = Array(repeating: -half, count: 3 * atoms)
    upperBounds = Array(repeating: half, count: 3 * atoms)
  }

  /// The global minimum energy of the Cambridge Cluster Database for N atoms, if tabulated.
  public var knownMinimum: Double? { Self.knownMinima[atoms] }

  /// Global minimum energies (reduced units) from the Cambridge Cluster Database
  /// (Wales & Doye 1997, http://doye.chem.ox.ac.uk/jon/structures/LJ.html), to the six
  /// decimals published there. N = 2, 3, 4 are exact (a dimer, triangle and tetrahedron
  /// at r = 2^(1/6)); N = 13 is the Mackay icosahedron, N = 38 the fcc truncated
  /// octahedron (the tests rebuild both geometries and relax them to these values).
  public static let knownMinima: [Int: Double] = [
    2: -1,
    3: -3,
    4: -6,
    5: -9.103852,
    6: -12.712062,
    7: -16.505384,
    8: -19.821489,
    9: -24.113360,
    10: -28.422532,
    11: -32.765970,
    12: -37.967600,
    13: -44.326801,
    38: -173.928427,
  ]

  /// Sets the evaluation counts to zero.
  public func resetEvaluations() {
    evaluations = EvaluationCounts()
  }

  public func value(at x: [Double]) -> Double {
    precondition(x.count == dimension, "\(name): expected \(dimension) coordinates, got \(x.count)")
    evaluations.values += 1
    return x.withUnsafeBufferPointer { Self.energy($0, nil) }
  }

  public func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
    precondition(x.count == dimension, "\(name): expected \(dimension) coordinates, got \(x.count)")
    evaluations.values += 1
    evaluations.gradients += 1
    if gradient.count != dimension { gradient = Array(repeating: 0, count: dimension) }
    let e = x.withUnsafeBufferPointer { xs in
      gradient.withUnsafeMutableBufferPointer { g in Self.energy(xs, g) }
    }
    if !e.isFinite {
      for k in 0..<dimension { gradient[k] = .nan }
    }
    return e
  }

  /// E(x), and ∇E into `g` when given. With s = 1/r²: the pair energy is
  /// 4(s⁶ − s³), and ∂E/∂xᵢ = Σⱼ (dE/dr)(xᵢ − xⱼ)/r with (1/r)·dE/dr = −24 s (2s⁶ − s³).
  static func energy(
    _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let n = x.count / 3
    if let g { for k in 0..<g.count { g[k] = 0 } }
    var e = 0.0
    for i in 0..<n {
      let (xi, yi, zi) = (x[3 * i], x[3 * i + 1], x[3 * i + 2])
      for j in (i + 1)..<n {
        let dx = xi - x[3 * j]
        let dy = yi - x[3 * j + 1]
        let dz = zi - x[3 * j + 2]
        let r2 = dx * dx + dy * dy + dz * dz
        guard r2 > 0 else { return .infinity }
        let s = 1 / r2
        let s3 = s * s * s
        let s6 = s3 * s3
        e += s6 - s3
        if let g {
          let f = -24 * s * (2 * s6 - s3)
          g[3 * i] += f * dx
          g[3 * i + 1] += f * dy
          g[3 * i + 2] += f * dz
          g[3 * j] -= f * dx
          g[3 * j + 1] -= f * dy
          g[3 * j + 2] -= f * dz
        }
      }
    }
    return 4 * e
  }
}
