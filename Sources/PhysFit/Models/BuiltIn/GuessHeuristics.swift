import Foundation

/// Small estimators behind the built-in models' initial guesses.
///
/// They aim at a start inside the basin of attraction, not at precision: a peak's
/// height and width from its half-maximum points, a frequency from a periodogram,
/// exponents from log-linear least squares.
enum GuessHeuristics {
  /// The points ordered by x.
  static func sortedByX(_ x: [Double], _ y: [Double]) -> ([Double], [Double]) {
    let order = x.indices.sorted { x[$0] < x[$1] }
    return (order.map { x[$0] }, order.map { y[$0] })
  }

  /// Weighted least squares `y ≈ a + b·x`; nil when x has no spread.
  static func line(_ x: [Double], _ y: [Double], weights: [Double]? = nil) -> (
    a: Double, b: Double
  )? {
    var sw = 0.0
    var sx = 0.0
    var sy = 0.0
    for i in x.indices {
      let w = weights?[i] ?? 1
      sw += w
      sx += w * x[i]
      sy += w * y[i]
    }
    guard sw > 0 else { return nil }
    let mx = sx / sw
    let my = sy / sw
    var sxx = 0.0
    var sxy = 0.0
    for i in x.indices {
      let w = weights?[i] ?? 1
      sxx += w * (x[i] - mx) * (x[i] - mx)
      sxy += w * (x[i] - mx) * (y[i] - my)
    }
    guard sxx > 0 else { return nil }
    let b = sxy / sxx
    return (my - b * mx, b)
  }

  /// Least-squares polynomial coefficients c₀…c_N of `y ≈ Σ cₖ xᵏ`.
  ///
  /// Solved by modified Gram–Schmidt QR in the scaled variable t = (x − m)/s ∈ [−1, 1]
  /// (the Vandermonde matrix in x itself is hopelessly ill-conditioned for large
  /// degrees or offsets), then expanded back to powers of x.
  static func polynomial(_ x: [Double], _ y: [Double], degree: Int) -> [Double]? {
    let n = x.count
    guard n > degree, let lo = x.min(), let hi = x.max() else { return nil }
    let m = (lo + hi) / 2
    let s = hi > lo ? (hi - lo) / 2 : 1
    let columns = degree + 1
    var q = [[Double]](repeating: [Double](repeating: 1, count: n), count: columns)
    for k in 1..<columns {
      for i in 0..<n { q[k][i] = q[k - 1][i] * (x[i] - m) / s }
    }
    var r = [[Double]](repeating: [Double](repeating: 0, count: columns), count: columns)
    for k in 0..<columns {
      for j in 0..<k {
        var dot = 0.0
        for i in 0..<n { dot += q[j][i] * q[k][i] }
        r[j][k] = dot
        for i in 0..<n { q[k][i] -= dot * q[j][i] }
      }
      var norm = 0.0
      for i in 0..<n { norm += q[k][i] * q[k][i] }
      norm = norm.squareRoot()
      guard norm > 1e-12 * Double(n).squareRoot() else { return nil }
      r[k][k] = norm
      for i in 0..<n { q[k][i] /= norm }
    }
    var qty = [Double](repeating: 0, count: columns)
    for k in 0..<columns {
      for i in 0..<n { qty[k] += q[k][i] * y[i] }
    }
    var a = [Double](repeating: 0, count: columns)
    for k in stride(from: columns - 1, through: 0, by: -1) {
      var v = qty[k]
      for j in (k + 1)..<columns { v -= r[k][j] * a[j] }
      a[k] = v / r[k][k]
    }
    // Σ aₖ ((x − m)/s)ᵏ = Σₖ aₖ s⁻ᵏ Σⱼ C(k, j) xʲ (−m)^(k−j)
    var c = [Double](repeating: 0, count: columns)
    for k in 0..<columns {
      let scale = a[k] / Foundation.pow(s, Double(k))
      var binomial = 1.0
      for j in 0...k {
        c[j] += scale * binomial * Foundation.pow(-m, Double(k - j))
        binomial = binomial * Double(k - j) / Double(j + 1)
      }
    }
    return c
  }

  /// The integral of y over x by the trapezoid rule (x sorted).
  static func area(_ x: [Double], _ y: [Double]) -> Double {
    var sum = 0.0
    for i in 1..<max(x.count, 1) where i < x.count {
      sum += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2
    }
    return sum
  }

  /// A single peak (or dip) in sorted data.
  struct Peak {
    /// Index of the extremum.
    var index: Int
    /// Signed height above the baseline (negative for a dip).
    var height: Double
    /// The level far from the peak: the data's minimum (maximum for a dip).
    var baseline: Double
    /// Full width at half height, from interpolated crossings.
    var fullWidth: Double
    var position: Double
  }

  /// Finds the dominant peak: a maximum if it stands further from the median than
  /// the minimum does, else a dip. The width comes from the half-height crossings on
  /// each side (twice one side when the other runs off the data; the second moment
  /// when neither is found).
  static func peak(_ x: [Double], _ y: [Double]) -> Peak? {
    guard x.count >= 3, let maxIndex = y.indices.max(by: { y[$0] < y[$1] }),
      let minIndex = y.indices.min(by: { y[$0] < y[$1] })
    else { return nil }
    let median = y.sorted()[y.count / 2]
    let isDip = median - y[minIndex] > y[maxIndex] - median
    let index = isDip ? minIndex : maxIndex
    let baseline = isDip ? y[maxIndex] : y[minIndex]
    let height = y[index] - baseline
    guard height != 0 else { return nil }
    let half = baseline + height / 2
    func above(_ i: Int) -> Bool { (y[i] - half) * height > 0 }
    func crossing(_ i: Int, _ j: Int) -> Double {
      let t = (half - y[i]) / (y[j] - y[i])
      return x[i] + t * (x[j] - x[i])
    }
    var left: Double?
    var i = index
    while i > 0 {
      if !above(i - 1) {
        left = crossing(i - 1, i)
        break
      }
      i -= 1
    }
    var right: Double?
    i = index
    while i < x.count - 1 {
      if !above(i + 1) {
        right = crossing(i, i + 1)
        break
      }
      i += 1
    }
    let position = x[index]
    var width: Double
    switch (left, right) {
    case (let l?, let r?): width = r - l
    case (let l?, nil): width = 2 * (position - l)
    case (nil, let r?): width = 2 * (r - position)
    case (nil, nil):
      var w = 0.0
      var mean = 0.0
      for k in x.indices {
        w += (y[k] - baseline) / height
        mean += x[k] * (y[k] - baseline) / height
      }
      mean /= w
      var variance = 0.0
      for k in x.indices { variance += (x[k] - mean) * (x[k] - mean) * (y[k] - baseline) / height }
      width = 2.3548 * (variance / w).squareRoot()
    }
    if !(width > 0), let lo = x.first, let hi = x.last {
      width = (hi - lo) / 10
    }
    return Peak(
      index: index, height: height, baseline: baseline, fullWidth: width, position: position)
  }

  /// Running mean over `2·half + 1` points (shorter at the ends).
  static func smoothed(_ y: [Double], half: Int) -> [Double] {
    guard half > 0 else { return y }
    var out = y
    for i in y.indices {
      let lo = max(0, i - half)
      let hi = min(y.count - 1, i + half)
      var s = 0.0
      for k in lo...hi { s += y[k] }
      out[i] = s / Double(hi - lo + 1)
    }
    return out
  }

  /// The x where sorted, smoothed data first crosses `level`, interpolated.
  static func firstCrossing(_ x: [Double], _ y: [Double], level: Double) -> Double? {
    for i in 1..<max(x.count, 1) where i < x.count {
      let a = y[i - 1] - level
      let b = y[i] - level
      if a == 0 { return x[i - 1] }
      if a * b < 0 { return x[i - 1] + a / (a - b) * (x[i] - x[i - 1]) }
    }
    return nil
  }

  /// A step's lower level, signed height, and the x of its 25 %, 50 % and 75 %
  /// crossings (sorted data, smoothed over about 5 % of the points).
  static func step(_ x: [Double], _ y: [Double]) -> (
    base: Double, height: Double, x25: Double, x50: Double, x75: Double
  )? {
    let n = x.count
    guard n >= 4, let lo = x.first, let hi = x.last, hi > lo else { return nil }
    let s = smoothed(y, half: max(1, n / 40))
    let edge = max(1, n / 10)
    let start = s[0..<edge].reduce(0, +) / Double(edge)
    let end = s[(n - edge)..<n].reduce(0, +) / Double(edge)
    let height = end - start
    guard height != 0 else { return nil }
    let x50 = firstCrossing(x, s, level: start + 0.5 * height) ?? (lo + hi) / 2
    var x25 = firstCrossing(x, s, level: start + 0.25 * height) ?? x50
    var x75 = firstCrossing(x, s, level: start + 0.75 * height) ?? x50
    if !(x75 > x25) {
      // A step sharper than the sampling: one spacing.
      x25 = x50 - (hi - lo) / Double(2 * n)
      x75 = x50 + (hi - lo) / Double(2 * n)
    }
    return (start, height, x25, x50, x75)
  }

  /// The angular frequency with the largest periodogram power |Σ (yᵢ − ȳ) e^(−iωxᵢ)|²,
  /// on a grid of spacing 2π/(4·span) up to the Nyquist frequency of the median
  /// spacing (at most 4000 frequencies), refined by a parabola through the peak.
  /// Works for uneven spacing and noisy data.
  static func dominantFrequency(_ x: [Double], _ y: [Double]) -> Double? {
    let n = x.count
    guard n >= 4, let lo = x.first, let hi = x.last, hi > lo else { return nil }
    let span = hi - lo
    var spacings: [Double] = []
    for i in 1..<n where x[i] > x[i - 1] { spacings.append(x[i] - x[i - 1]) }
    guard !spacings.isEmpty else { return nil }
    spacings.sort()
    let nyquist = Double.pi / spacings[spacings.count / 2]
    let step = 2 * Double.pi / (4 * span)
    let count = min(4000, max(4, Int(nyquist / step)))
    let mean = y.reduce(0, +) / Double(n)
    // e^(−i k Δω x) by rotation: per point, a current phasor and a step phasor.
    var cr = [Double](repeating: 1, count: n)
    var ci = [Double](repeating: 0, count: n)
    var sr = [Double](repeating: 0, count: n)
    var si = [Double](repeating: 0, count: n)
    for i in 0..<n {
      sr[i] = Foundation.cos(step * (x[i] - lo))
      si[i] = -Foundation.sin(step * (x[i] - lo))
    }
    var power = [Double](repeating: 0, count: count + 1)
    for k in 1...count {
      var re = 0.0
      var im = 0.0
      for i in 0..<n {
        let r = cr[i] * sr[i] - ci[i] * si[i]
        let m = cr[i] * si[i] + ci[i] * sr[i]
        cr[i] = r
        ci[i] = m
        re += (y[i] - mean) * r
        im += (y[i] - mean) * m
      }
      power[k] = re * re + im * im
    }
    var best = 1
    for k in 1...count where power[k] > power[best] { best = k }
    var offset = 0.0
    if best > 1 && best < count {
      let a = power[best - 1]
      let b = power[best]
      let c = power[best + 1]
      let denominator = a - 2 * b + c
      if denominator < 0 { offset = 0.5 * (a - c) / denominator }
    }
    return (Double(best) + offset) * step
  }

  /// Least squares y ≈ e(x)·(a cos ωx + b sin ωx) for a fixed envelope e.
  static func harmonic(
    _ x: [Double], _ y: [Double], omega: Double, envelope: (Double) -> Double = { _ in 1 }
  ) -> (a: Double, b: Double)? {
    var cc = 0.0
    var cs = 0.0
    var ss = 0.0
    var cy = 0.0
    var sy = 0.0
    for i in x.indices {
      let e = envelope(x[i])
      let c = e * Foundation.cos(omega * x[i])
      let s = e * Foundation.sin(omega * x[i])
      cc += c * c
      cs += c * s
      ss += s * s
      cy += c * y[i]
      sy += s * y[i]
    }
    let det = cc * ss - cs * cs
    guard det > 1e-12 * max(cc * ss, .leastNormalMagnitude) else { return nil }
    return ((ss * cy - cs * sy) / det, (cc * sy - cs * cy) / det)
  }

  /// The decay time of an oscillation's envelope: √2 × RMS in windows of one period,
  /// fitted log-linearly against the window centres. Nil when the data span fewer
  /// than two periods or the envelope does not decay.
  static func envelopeDecayTime(_ x: [Double], _ y: [Double], omega: Double) -> Double? {
    guard omega > 0, let lo = x.first, let hi = x.last else { return nil }
    let period = 2 * Double.pi / omega
    let windows = Int((hi - lo) / period)
    guard windows >= 2 else { return nil }
    var centres: [Double] = []
    var amplitudes: [Double] = []
    var k = 0
    for w in 0..<windows {
      let a = lo + Double(w) * period
      var sum = 0.0
      var count = 0
      while k < x.count && x[k] < a + period {
        sum += y[k] * y[k]
        count += 1
        k += 1
      }
      if count > 0 && sum > 0 {
        centres.append(a + period / 2)
        amplitudes.append(Foundation.log((2 * sum / Double(count)).squareRoot()))
      }
    }
    guard centres.count >= 2, let fit = line(centres, amplitudes), fit.b < 0 else { return nil }
    return -1 / fit.b
  }
}
