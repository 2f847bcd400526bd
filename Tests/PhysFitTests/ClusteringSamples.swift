import Foundation

@testable import PhysFit

/// Generated mixture samples and helpers shared by the clustering tests.
enum ClusteringSamples {
  /// A drawn sample: n × d points and the true component of each.
  struct Sample {
    var points: Matrix
    var labels: [Int]
  }

  /// n points from `components` (weights summing to 1), drawn with `seed`:
  /// the component by its weight, then x = μ + L·z with Σ = LLᵀ and z standard normal.
  static func draw(_ components: [MixtureComponent], n: Int, seed: UInt64) -> Sample {
    var random = RandomSource(seed: seed)
    let d = components[0].mean.count
    let factors = components.map { choleskyFactor($0.covariance)! }
    var points = Matrix(rows: n, columns: d)
    var labels: [Int] = []
    for i in 0..<n {
      let u = random.uniform()
      var k = 0
      var cumulative = components[0].weight
      while u >= cumulative, k < components.count - 1 {
        k += 1
        cumulative += components[k].weight
      }
      let z = (0..<d).map { _ in random.normal() }
      for a in 0..<d {
        var x = components[k].mean[a]
        for b in 0...a { x += factors[k][a, b] * z[b] }
        points[i, a] = x
      }
      labels.append(k)
    }
    return Sample(points: points, labels: labels)
  }

  /// A 2 × 2 covariance from widths and a correlation.
  static func covariance(_ sx: Double, _ sy: Double, _ rho: Double) -> Matrix {
    Matrix(columns: [[sx * sx, rho * sx * sy], [rho * sx * sy, sy * sy]])
  }

  /// The three-component 1-D truth: w = (0.5, 0.3, 0.2), μ = (−2, 1, 4), σ = (0.8, 0.5, 1).
  static let oneDimensional = [
    MixtureComponent(weight: 0.5, mean: -2, width: 0.8),
    MixtureComponent(weight: 0.3, mean: 1, width: 0.5),
    MixtureComponent(weight: 0.2, mean: 4, width: 1.0),
  ]

  /// The three-component 2-D truth, full covariances with correlations 0, 0.5, −0.4.
  static let twoDimensional = [
    MixtureComponent(weight: 0.4, mean: [-2, 4], covariance: covariance(0.7, 0.5, 0)),
    MixtureComponent(weight: 0.35, mean: [0, 0], covariance: covariance(1.0, 0.6, 0.5)),
    MixtureComponent(weight: 0.25, mean: [3, 3], covariance: covariance(0.5, 0.9, -0.4)),
  ]

  /// The true natural parameters in the mixture's order (``GaussianMixture/naturalParameters(_:)``).
  static func natural(_ components: [MixtureComponent], full: Bool) -> [Double] {
    var values = components.map(\.weight)
    for c in components {
      values += c.mean
      values += c.widths
      if full {
        for a in 1..<c.mean.count {
          for b in 0..<a { values.append(c.correlation(b, a)) }
        }
      }
    }
    return values
  }

  /// The permutation p (fitted k ↔ true p[k]) that minimises Σₖ ‖μ̂ₖ − μ_p[k]‖², over
  /// all K! orderings — the component labels of a fit are arbitrary.
  static func matching(_ fitted: [[Double]], _ truth: [[Double]]) -> [Int] {
    func permutations(_ items: [Int]) -> [[Int]] {
      guard items.count > 1 else { return [items] }
      return items.indices.flatMap { i -> [[Int]] in
        var rest = items
        let head = rest.remove(at: i)
        return permutations(rest).map { [head] + $0 }
      }
    }
    func cost(_ p: [Int]) -> Double {
      var sum = 0.0
      for k in p.indices {
        for (a, b) in zip(fitted[k], truth[p[k]]) { sum += (a - b) * (a - b) }
      }
      return sum
    }
    return permutations(Array(truth.indices)).min { cost($0) < cost($1) }!
  }

  /// The truth reordered so that true component p[k] sits at position k.
  static func permuted(_ truth: [MixtureComponent], _ p: [Int]) -> [MixtureComponent] {
    p.map { truth[$0] }
  }
}
