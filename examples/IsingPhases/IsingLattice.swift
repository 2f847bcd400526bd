import Foundation
import PhysFit

/// A 2-D Ising model on an L × L square lattice with periodic boundaries,
/// H = −J Σ⟨ij⟩ sᵢsⱼ with J = 1 and k_B = 1, sampled at temperature T.
///
/// Each Monte Carlo step is one Metropolis sweep (L² single-spin proposals, accepted
/// with probability min(1, e^(−ΔE/T))) followed by one Wolff cluster flip (a cluster
/// grown over equal neighbours with probability 1 − e^(−2/T), flipped as a whole).
/// Metropolis alone slows down near T_c, where the correlation length reaches L;
/// the cluster flip decorrelates the large domains there, and Metropolis the small
/// ones at high T, where Wolff clusters are tiny.
struct IsingLattice {
  let size: Int
  var spins: [Double]
  /// The four neighbours of site i (periodic) are `neighbours[4i..<4i+4]`.
  let neighbours: [Int]

  /// A random (infinite-temperature) configuration.
  init(size: Int, random: inout RandomSource) {
    self.size = size
    spins = (0..<(size * size)).map { _ in random.uniform() < 0.5 ? -1 : 1 }
    neighbours = (0..<(size * size)).flatMap { i in
      let (row, column) = (i / size, i % size)
      return [
        row * size + (column + 1) % size, row * size + (column + size - 1) % size,
        ((row + 1) % size) * size + column, ((row + size - 1) % size) * size + column,
      ]
    }
  }

  mutating func metropolisSweep(temperature: Double, random: inout RandomSource) {
    // ΔE = 2 sᵢ Σ neighbours ∈ {−8, −4, 0, 4, 8}: the two positive cases precomputed.
    let accept4 = exp(-4 / temperature)
    let accept8 = exp(-8 / temperature)
    for _ in 0..<spins.count {
      let i = Int(random.uniform() * Double(spins.count))
      let field =
        spins[neighbours[4 * i]] + spins[neighbours[4 * i + 1]] + spins[neighbours[4 * i + 2]]
        + spins[neighbours[4 * i + 3]]
      let deltaE = 2 * spins[i] * field
      if deltaE <= 0 || random.uniform() < (deltaE == 4 ? accept4 : accept8) {
        spins[i] = -spins[i]
      }
    }
  }

  mutating func wolffFlip(temperature: Double, random: inout RandomSource) {
    let addProbability = 1 - exp(-2 / temperature)
    let seed = Int(random.uniform() * Double(spins.count))
    let value = spins[seed]
    var stack = [seed]
    spins[seed] = -value
    while let i = stack.popLast() {
      for j in neighbours[(4 * i)..<(4 * i + 4)]
      where spins[j] == value && random.uniform() < addProbability {
        spins[j] = -value
        stack.append(j)
      }
    }
  }

  mutating func step(temperature: Double, random: inout RandomSource) {
    metropolisSweep(temperature: temperature, random: &random)
    wolffFlip(temperature: temperature, random: &random)
  }

  /// `count` configurations at `temperature`: `equilibration` steps from a random
  /// start, then one configuration every `spacing` steps.
  static func sample(
    size: Int, temperature: Double, count: Int, equilibration: Int, spacing: Int,
    random: inout RandomSource
  ) -> [[Double]] {
    var lattice = IsingLattice(size: size, random: &random)
    for _ in 0..<equilibration { lattice.step(temperature: temperature, random: &random) }
    var configurations: [[Double]] = []
    for _ in 0..<count {
      for _ in 0..<spacing { lattice.step(temperature: temperature, random: &random) }
      configurations.append(lattice.spins)
    }
    return configurations
  }
}
