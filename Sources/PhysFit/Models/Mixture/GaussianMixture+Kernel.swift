import Foundation

/// Offsets into the scratch buffer of one ``GaussianMixture`` evaluation:
///
/// - per component k, a table of 1 + d + d² values: the constant
///   ln wₖ − Σⱼ ln Lⱼⱼ − (d/2)·ln 2π, the mean μₖ, and Lₖ row-major (lower part used);
/// - the weights wₖ;
/// - per point: zₖ = Lₖ⁻¹(x − μₖ) for every k, the log-terms ℓₖ = ln(wₖNₖ) (then the
///   responsibilities), u = Lₖ⁻ᵀzₖ, and the point's gradient ∂ ln f/∂θ.
struct MixtureLayout {
  let components: Int
  let dimension: Int
  let tableStride: Int
  let weights: Int
  let z: Int
  let ell: Int
  let u: Int
  let gradient: Int
  let count: Int

  init(_ mixture: GaussianMixture) {
    let k = mixture.componentCount
    let d = mixture.dimension
    components = k
    dimension = d
    tableStride = 1 + d + d * d
    weights = k * tableStride
    z = weights + k
    ell = z + k * d
    u = ell + k
    gradient = u + d
    count = gradient + mixture.parameterCount
  }
}

extension GaussianMixture {
  /// ½·ln 2π.
  static let halfLogTwoPi = 0.5 * log(2 * Double.pi)

  /// Fills the component tables and weights from θ. False when θ gives no valid
  /// density (a non-finite value, a width that under- or overflows).
  func prepare(
    _ theta: [Double], _ s: UnsafeMutableBufferPointer<Double>, _ layout: MixtureLayout
  ) -> Bool {
    let kCount = componentCount
    let d = dimension
    guard theta.count == parameterCount, theta.allSatisfy(\.isFinite) else { return false }
    // Softmax with the last logit fixed at 0, shifted by the largest for stability.
    var largest = 0.0
    for k in 0..<(kCount - 1) { largest = max(largest, theta[k]) }
    var sum = exp(-largest)
    for k in 0..<(kCount - 1) { sum += exp(theta[k] - largest) }
    let logSum = largest + log(sum)
    let full = covarianceKind == .full
    for k in 0..<kCount {
      let logWeight = (k < kCount - 1 ? theta[k] : 0) - logSum
      s[layout.weights + k] = exp(logWeight)
      let o = offset(ofComponent: k)
      let t = k * layout.tableStride
      var logDeterminant = 0.0
      for a in 0..<d {
        s[t + 1 + a] = theta[o + a]
        let logDiagonal = theta[o + d + a]
        logDeterminant += logDiagonal
        let diagonal = exp(logDiagonal)
        guard diagonal > 0, diagonal.isFinite else { return false }
        s[t + 1 + d + a * d + a] = diagonal
      }
      var m = 0
      for a in 1..<max(d, 1) {
        for b in 0..<a {
          s[t + 1 + d + a * d + b] = full ? theta[o + 2 * d + m] : 0
          m += 1
        }
      }
      s[t] = logWeight - logDeterminant - Double(d) * Self.halfLogTwoPi
    }
    return true
  }

  /// ln f(xᵢ) for row i of the column-major inputs `x` (n rows), leaving zₖ and
  /// ℓₖ = ln(wₖNₖ(xᵢ)) in the scratch for ``writePointGradient(logDensity:_:_:)``.
  func logDensity(
    row i: Int, _ x: UnsafeBufferPointer<Double>, rows n: Int,
    _ s: UnsafeMutableBufferPointer<Double>, _ layout: MixtureLayout
  ) -> Double {
    let d = layout.dimension
    var largest = -Double.infinity
    for k in 0..<layout.components {
      let t = k * layout.tableStride
      let l = t + 1 + d
      let zk = layout.z + k * d
      var q = 0.0
      for a in 0..<d {
        // Forward substitution L z = x − μ.
        var r = x[i + a * n] - s[t + 1 + a]
        for b in 0..<a { r -= s[l + a * d + b] * s[zk + b] }
        let za = r / s[l + a * d + a]
        s[zk + a] = za
        q += za * za
      }
      let term = s[t] - 0.5 * q
      s[layout.ell + k] = term
      if term > largest { largest = term }
    }
    guard largest.isFinite else { return largest.isNaN ? .nan : largest }
    var sum = 0.0
    for k in 0..<layout.components { sum += exp(s[layout.ell + k] - largest) }
    return largest + log(sum)
  }

  /// ∂ ln f/∂θ at the point of the last ``logDensity(row:_:rows:_:_:)`` call, written
  /// into the scratch's gradient slot. Turns ℓₖ into the responsibilities γₖ.
  func writePointGradient(
    logDensity f: Double, _ s: UnsafeMutableBufferPointer<Double>, _ layout: MixtureLayout
  ) {
    let kCount = layout.components
    let d = layout.dimension
    let g = layout.gradient
    for k in 0..<kCount { s[layout.ell + k] = exp(s[layout.ell + k] - f) }
    for m in 0..<(kCount - 1) { s[g + m] = s[layout.ell + m] - s[layout.weights + m] }
    let full = covarianceKind == .full
    for k in 0..<kCount {
      let gamma = s[layout.ell + k]
      let o = g + offset(ofComponent: k)
      let l = k * layout.tableStride + 1 + d
      let zk = layout.z + k * d
      // Back substitution Lᵀ u = z.
      for a in stride(from: d - 1, through: 0, by: -1) {
        var r = s[zk + a]
        for b in (a + 1)..<max(d, a + 1) { r -= s[l + b * d + a] * s[layout.u + b] }
        s[layout.u + a] = r / s[l + a * d + a]
      }
      for a in 0..<d {
        let ua = s[layout.u + a]
        s[o + a] = gamma * ua
        s[o + d + a] = gamma * (ua * s[zk + a] * s[l + a * d + a] - 1)
      }
      if full {
        var m = 0
        for a in 1..<max(d, 1) {
          for b in 0..<a {
            s[o + 2 * d + m] = gamma * s[layout.u + a] * s[zk + b]
            m += 1
          }
        }
      }
    }
  }
}
