import Foundation
import XCTest

@testable import PhysFit

/// The Lennard-Jones cluster and the Thomson problem: gradients against central
/// differences, and known minima against geometries built in closed form, relaxed by
/// a local optimizer.
final class PhysicsBenchmarkTests: XCTestCase {
  /// Analytic gradient against central differences at random points of the box.
  private func checkGradient(
    _ function: some BenchmarkFunction, points: Int = 5, seed: UInt64,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    var random = RandomSource(seed: seed)
    for _ in 0..<points {
      let x = (0..<function.dimension).map {
        random.uniform(function.lowerBounds[$0], function.upperBounds[$0])
      }
      var gradient: [Double] = []
      let f = function.valueAndGradient(at: x, gradient: &gradient)
      XCTAssertEqual(f, function.value(at: x), accuracy: 1e-12 * max(abs(f), 1))
      for i in 0..<function.dimension {
        let h = 1e-6 * max(abs(x[i]), 1)
        var plus = x
        var minus = x
        plus[i] += h
        minus[i] -= h
        let numeric = (function.value(at: plus) - function.value(at: minus)) / (2 * h)
        // Truncation ~h²·f''' plus rounding ~ε·|f|/h.
        let tolerance = 1e-6 * max(abs(numeric), 1) + 1e-9 * abs(f)
        XCTAssertEqual(
          gradient[i], numeric, accuracy: tolerance, "\(function.name) ∂/∂x\(i + 1)",
          file: file, line: line)
      }
    }
  }

  func testLennardJonesGradientMatchesCentralDifferences() throws {
    // Random starts can put two atoms close together (large, steep energies): use a
    // moderately compact box so the numbers stay within double precision's reach.
    for n in [2, 3, 5, 8] {
      checkGradient(try LennardJonesCluster(atoms: n), seed: UInt64(n))
    }
  }

  func testThomsonGradientMatchesCentralDifferences() throws {
    for n in [2, 3, 5, 12] {
      checkGradient(try ThomsonProblem(charges: n), seed: UInt64(100 + n))
    }
  }

  /// Closed forms: a dimer at r has E = 4(r⁻¹² − r⁻⁶), minimum −1 at r = 2^(1/6).
  func testLennardJonesDimerClosedForm() throws {
    let dimer = try LennardJonesCluster(atoms: 2)
    XCTAssertEqual(dimer.value(at: [0, 0, 0, 1, 0, 0]), 0, accuracy: 1e-15)
    let r = pow(2.0, 1.0 / 6)
    XCTAssertEqual(dimer.value(at: [0, 0, 0, 0, 0, r]), -1, accuracy: 1e-14)
    XCTAssertEqual(
      dimer.value(at: [0, 0, 0, 0, 0, 2]), 4 * (pow(2.0, -12) - pow(2.0, -6)), accuracy: 1e-15)
    XCTAssertEqual(dimer.value(at: [1, 1, 1, 1, 1, 1]), .infinity)
  }

  /// The Thomson energy of the regular solids, in closed form from their edge lengths:
  /// pair, triangle (edge √3), tetrahedron (6 edges of √(8/3)), octahedron (12 edges
  /// of √2 and 3 diameters of 2), and the tabulated values for N = 2, 3, 4, 6.
  func testThomsonRegularSolidsClosedForm() throws {
    let sqrt2: Double = 2.0.squareRoot()
    let sqrt3: Double = 3.0.squareRoot()
    let tetrahedronEdge: Double = (8.0 / 3).squareRoot()
    let closedForm: [Int: Double] = [
      2: 0.5,
      3: 3 / sqrt3,
      4: 6 / tetrahedronEdge,
      6: 12 / sqrt2 + 1.5,
    ]
    let pair: [Double] = [0, 0, 1, 0, 0, -1]
    let s: Double = sqrt3 / 2
    let triangle: [Double] = [1, 0, 0, -0.5, s, 0, -0.5, -s, 0]
    let tetrahedron: [Double] = [1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1]
    let octahedron: [Double] = [1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1]
    for (n, x) in [(2, pair), (3, triangle), (4, tetrahedron), (6, octahedron)] {
      let problem = try ThomsonProblem(charges: n)
      // Scaled points: the energy uses only directions.
      let e = problem.value(at: x.map { 3 * $0 })
      XCTAssertEqual(e, closedForm[n]!, accuracy: 1e-12, "N = \(n)")
      XCTAssertEqual(problem.knownMinimum!, closedForm[n]!, accuracy: 1e-9, "table N = \(n)")
    }
    // The icosahedron's 12 vertices: 30 edges, 30 at the second distance, 6 diameters.
    let icosahedron = try ThomsonProblem(charges: 12)
    XCTAssertEqual(
      icosahedron.value(at: Self.icosahedron().flatMap { $0 }), 49.165253058, accuracy: 1e-8)
  }

  /// The 12 vertices of a regular icosahedron on the unit sphere:
  /// the cyclic permutations of (0, ±1, ±φ), normalised.
  static func icosahedron() -> [[Double]] {
    let phi: Double = (1 + 5.0.squareRoot()) / 2
    var vertices: [[Double]] = []
    let pairs: [(Double, Double)] = [(1, phi), (-1, phi), (1, -phi), (-1, -phi)]
    for (a, b) in pairs {
      vertices += [[0, a, b], [a, b, 0], [b, 0, a]]
    }
    let norm: Double = (1 + phi * phi).squareRoot()
    return vertices.map { $0.map { $0 / norm } }
  }

  /// Relaxes `x` with BFGS and returns the energy.
  private func relax(_ function: some Minimizable, from x: [Double]) -> Double {
    var configuration = BFGS.Configuration()
    configuration.stopping.maxIterations = 5000
    let result = BFGS(configuration).minimize(function, from: x, observer: nil)
    return function.value(at: result.minimum)
  }

  /// LJ13: the Mackay icosahedron (a centre atom and an icosahedral shell at radius
  /// 1.1), relaxed locally, reaches the tabulated −44.326801.
  func testLennardJones13IcosahedronRelaxesToKnownMinimum() throws {
    let cluster = try LennardJonesCluster(atoms: 13)
    let shell: [Double] = Self.icosahedron().flatMap { vertex in vertex.map { 1.1 * $0 } }
    let x: [Double] = [0, 0, 0] + shell
    XCTAssertEqual(relax(cluster, from: x), cluster.knownMinimum!, accuracy: 1e-6)
  }

  /// LJ38: the fcc truncated octahedron — the 38 lattice points (i, j, k) with i + j + k
  /// odd and i² + j² + k² ≤ 5 (6 + 8 + 24 sites around an octahedral hole), scaled to a
  /// nearest-neighbour distance of 1.1 — relaxed locally, reaches −173.928427.
  func testLennardJones38TruncatedOctahedronRelaxesToKnownMinimum() throws {
    var sites: [Double] = []
    for i in -3...3 {
      for j in -3...3 {
        for k in -3...3 where (i + j + k) & 1 != 0 && i * i + j * j + k * k <= 5 {
          sites += [i, j, k].map { Double($0) * 1.1 / 2.0.squareRoot() }
        }
      }
    }
    XCTAssertEqual(sites.count, 38 * 3)
    let cluster = try LennardJonesCluster(atoms: 38)
    XCTAssertEqual(relax(cluster, from: sites), cluster.knownMinimum!, accuracy: 1e-6)
  }

  /// Small clusters from their known geometries: tetrahedron (LJ4, exact −6), trigonal
  /// bipyramid (LJ5), octahedron (LJ6), pentagonal bipyramid (LJ7).
  func testSmallLennardJonesClustersRelaxToKnownMinima() throws {
    let r: Double = 1.12
    let tetrahedron: [Double] = [1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1].map {
      $0 * r / 8.0.squareRoot()
    }
    let h: Double = r * (2.0 / 3).squareRoot()
    let c: Double = r / 3.0.squareRoot()
    let bipyramid: [Double] = [
      c, 0, 0, -c / 2, r / 2, 0, -c / 2, -r / 2, 0, 0, 0, h, 0, 0, -h,
    ]
    let octahedron: [Double] = [1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1].map {
      $0 * r / 2.0.squareRoot()
    }
    // Pentagon of edge r and two apices.
    let radius: Double = r / (2 * sin(Double.pi / 5))
    var pentagonal: [Double] = []
    for k in 0..<5 {
      let a: Double = 2 * Double.pi * Double(k) / 5
      pentagonal += [radius * cos(a), radius * sin(a), 0]
    }
    let apex: Double = (r * r - radius * radius).squareRoot()
    pentagonal += [0, 0, apex, 0, 0, -apex]
    for (n, x) in [(4, tetrahedron), (5, bipyramid), (6, octahedron), (7, pentagonal)] {
      let cluster = try LennardJonesCluster(atoms: n)
      XCTAssertEqual(relax(cluster, from: x), cluster.knownMinimum!, accuracy: 1e-6, "LJ\(n)")
    }
  }

  /// Thomson N = 5 and 12 from random starts: BFGS from a few starts finds the
  /// tabulated minima (N = 5: the triangular bipyramid).
  func testThomsonMinimaFromRandomStarts() throws {
    for n in [5, 12] {
      let problem = try FunctionComparisonProblem { try ThomsonProblem(charges: n) }
      let function = try ThomsonProblem(charges: n)
      let best = (0..<5).map { k in
        relax(function, from: problem.startPoint(index: k, seed: 7))
      }.min()!
      XCTAssertEqual(best, function.knownMinimum!, accuracy: 1e-8, "Thomson N = \(n)")
    }
  }

  func testSizesBelowTwoThrow() {
    XCTAssertThrowsError(try LennardJonesCluster(atoms: 1))
    XCTAssertThrowsError(try ThomsonProblem(charges: 0))
  }
}
