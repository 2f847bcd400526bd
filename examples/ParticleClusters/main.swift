// Clustering particle-like events with a Gaussian mixture: the lecture's third problem
// kind, a density model fitted by likelihood, with errors on every recovered quantity.
//
//   swift run ParticleClusters [--fast]
//
// Each event is a photon pair, measured as (m, E): the pair's invariant mass in MeV and
// its energy in GeV. Three sources are simulated with a fixed seed — π⁰ → γγ, η → γγ and
// a broad combinatorial background — each a 2-D Gaussian; the mixture fit is told only
// that there are three, and recovers their weights, means, widths and correlations.
import Foundation
import PhysFit

struct Source {
  var name: String
  var weight: Double
  var mean: [Double]  // (m, E)
  var width: [Double]
  var correlation: Double
}

// In order of mass: the fit sorts its components the same way.
let sources = [
  Source(name: "pi0", weight: 0.45, mean: [135, 2.0], width: [12, 0.6], correlation: 0),
  Source(name: "background", weight: 0.35, mean: [330, 1.2], width: [60, 0.4], correlation: 0),
  Source(name: "eta", weight: 0.20, mean: [548, 3.0], width: [25, 0.8], correlation: 0.4),
]
let fast = CommandLine.arguments.contains("--fast")
let events = fast ? 1500 : 6000

do {
  // Simulation: pick a source by its weight, then (m, E) = μ + L z with z standard
  // normal and L the Cholesky factor of the source's covariance.
  var random = RandomSource(seed: 11)
  var m: [Double] = []
  var e: [Double] = []
  for _ in 0..<events {
    var u = random.uniform()
    let s =
      sources.first {
        u -= $0.weight
        return u < 0
      } ?? sources[sources.count - 1]
    let (z1, z2) = (random.normal(), random.normal())
    let rho = s.correlation
    m.append(s.mean[0] + s.width[0] * z1)
    e.append(s.mean[1] + s.width[1] * (rho * z1 + (1 - rho * rho).squareRoot() * z2))
  }
  let data = Matrix(columns: [m, e])

  // The fit: EM from k-means starts, then the unbinned likelihood polished by BFGS,
  // which gives the covariance of all parameters.
  let mixture = try GaussianMixture(components: 3, inputs: ["m", "E"])
  let result = try mixture.fit(data, expectationMaximization: .init(.init(seed: 7)))
  print("\(events) events, converged: \(result.converged), ln L = \(result.logLikelihood)")

  print("parameter        fitted                 true     pull")
  for (k, source) in sources.enumerated() {
    let c = k + 1
    let truth: [(String, Double)] = [
      ("w\(c)", source.weight),
      ("mu\(c)_m", source.mean[0]), ("mu\(c)_E", source.mean[1]),
      ("sigma\(c)_m", source.width[0]), ("sigma\(c)_E", source.width[1]),
      ("rho\(c)_m_E", source.correlation),
    ]
    print("\(source.name):")
    for (name, value) in truth {
      guard let p = result[name] else { continue }
      print(
        "  " + name.padding(toLength: 11, withPad: " ", startingAt: 0)
          + String(
            format: " %10.4f ± %-8.4f %9.4f  %+5.2f", p.value, p.error, value,
            (p.value - value) / p.error))
    }
  }

  // How many sources? The Bayesian information criterion BIC = k ln n − 2 ln L̂ is
  // smallest for the number of components the data support.
  for k in fast ? [3] : [2, 3, 4] {
    var bic = result.bic
    if k != 3 {
      let other = try GaussianMixture(components: k, inputs: ["m", "E"])
      bic = try other.fit(data, expectationMaximization: .init(.init(seed: 7))).bic
    }
    print(String(format: "BIC with %d components: %.1f", k, bic))
  }
  print("events per cluster (most probable component): \(result.clusterSizes)")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
