import Foundation

extension RandomSource {
  /// A Poisson-distributed count with mean `mean` ≥ 0, exactly (no normal
  /// approximation).
  ///
  /// Below a mean of 10, inversion by sequential search from k = 0 (on average
  /// 1 + mean steps); from 10 on, Hörmann's transformed rejection with squeeze, PTRS
  /// (W. Hörmann, *Insurance: Mathematics and Economics* 12 (1993) 39), which needs
  /// about 1.1 pairs of uniforms per draw at any mean — the method numpy uses.
  public mutating func poisson(mean: Double) -> Int {
    precondition(mean >= 0 && mean.isFinite, "a Poisson mean must be finite and ≥ 0, not \(mean)")
    if mean == 0 { return 0 }
    return mean < 10 ? poissonByInversion(mean) : poissonByTransformedRejection(mean)
  }

  private mutating func poissonByInversion(_ mean: Double) -> Int {
    let u = uniform()
    var k = 0
    var p = exp(-mean)
    var cumulative = p
    // The cap guards the rounding of the cumulative sum (it reaches 1 − 1e-16 long
    // before k = 200 for a mean below 10).
    while u > cumulative && k < 200 {
      k += 1
      p *= mean / Double(k)
      cumulative += p
    }
    return k
  }

  private mutating func poissonByTransformedRejection(_ mean: Double) -> Int {
    let logMean = log(mean)
    let b = 0.931 + 2.53 * mean.squareRoot()
    let a = -0.059 + 0.02483 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let acceptAll = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = uniform() - 0.5
      let v = uniform()
      let us = 0.5 - abs(u)
      let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
      if us >= 0.07 && v <= acceptAll { return Int(k) }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if log(v) + log(inverseAlpha) - log(a / (us * us) + b)
        <= -mean + k * logMean - lgamma(k + 1)
      {
        return Int(k)
      }
    }
  }
}
