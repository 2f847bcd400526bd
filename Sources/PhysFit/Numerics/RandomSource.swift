import Foundation

/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna 2018), state
/// filled from the seed by SplitMix64.
///
/// Reproducible bit for bit for a given seed on every platform, fast, and a value
/// type, so a stochastic optimizer owns its own stream and runs in parallel without
/// sharing state. Period 2²⁵⁶ − 1.
public struct RandomSource: RandomNumberGenerator, Sendable, Hashable {
  private var s0, s1, s2, s3: UInt64
  /// A second normal deviate from the last Box–Muller pair.
  private var spareNormal: Double?

  /// A generator whose whole stream is fixed by `seed`.
  public init(seed: UInt64) {
    var z = seed
    func splitMix() -> UInt64 {
      z &+= 0x9E37_79B9_7F4A_7C15
      var x = z
      x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
      x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
      return x ^ (x >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// Uniform in [0, 1), 53 random bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform in [a, b).
  public mutating func uniform(_ a: Double, _ b: Double) -> Double {
    a + (b - a) * uniform()
  }

  /// Standard normal deviate (Box–Muller; the pair's second value is kept for the
  /// next call).
  public mutating func normal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    var u = uniform()
    while u == 0 { u = uniform() }
    let v = uniform()
    let r = (-2 * Foundation.log(u)).squareRoot()
    spareNormal = r * Foundation.sin(2 * Double.pi * v)
    return r * Foundation.cos(2 * Double.pi * v)
  }

  /// An independent stream for task `index` (e.g. a start point or a shard):
  /// the seed mixed with the index, so results do not depend on scheduling.
  public static func stream(seed: UInt64, index: Int) -> RandomSource {
    RandomSource(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
  }
}

extension RandomSource {
  /// The generator's whole state — the four xoshiro words and the spare normal deviate
  /// (NaN when there is none) — for checkpoints: a generator rebuilt from it continues
  /// the same stream.
  public var savedState: (words: [UInt64], spareNormal: Double) {
    ([s0, s1, s2, s3], spareNormal ?? .nan)
  }

  /// The generator saved as ``savedState``; nil unless there are four words, not all 0.
  public init?(words: [UInt64], spareNormal: Double) {
    guard words.count == 4, words.contains(where: { $0 != 0 }) else { return nil }
    self.init(seed: 0)
    (s0, s1, s2, s3) = (words[0], words[1], words[2], words[3])
    self.spareNormal = spareNormal.isNaN ? nil : spareNormal
  }
}
