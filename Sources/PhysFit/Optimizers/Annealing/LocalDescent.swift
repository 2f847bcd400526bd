/// A short quasi-Newton descent into the bottom of the current basin: the
/// "local-descent move" of annealing over local minima.
///
/// BFGS on the inverse Hessian H, with the first step scaled to the annealing's step
/// length (H₀ = s/‖g‖ · I, then Shanno–Phua rescaling H₀ ← (yᵀs/yᵀy) I before the first
/// update) and Armijo backtracking, f(x + αd) ≤ f(x) + 10⁻⁴ ∇f·(αd), on
/// points projected into the search box. It only has to reach the basin's bottom well
/// enough to compare basins; a pipeline's polish stage finishes the last digits.
/// All buffers are allocated once per run.
struct LocalDescent {
  let dimension: Int
  private var inverseHessian: [Double]
  private var direction: [Double]
  private var trial: [Double]
  private var trialGradient: [Double]
  private var s: [Double]
  private var y: [Double]
  private var hy: [Double]
  /// Whether H holds curvature from an earlier descent, which the next one starts
  /// from: basins of one landscape tend to share their curvature, and a warm H saves
  /// the first, badly scaled steps.
  private var warm = false

  init(dimension n: Int) {
    dimension = n
    inverseHessian = Array(repeating: 0, count: n * n)
    direction = Array(repeating: 0, count: n)
    trial = direction
    trialGradient = direction
    s = direction
    y = direction
    hy = direction
  }

  /// Descends from (x, f, g) for at most `iterations` quasi-Newton steps and
  /// `budget` evaluations (values + gradients), or until an iteration lowers f by at
  /// most `tolerance`·max(|f|, 1). Returns the evaluations used.
  /// `x`, `f` and `g` hold the end point.
  mutating func descend(
    _ problem: some Minimizable, x: inout [Double], f: inout Double, g: inout [Double],
    box: SearchBox, stepScale: Double, iterations: Int, tolerance: Double, budget: Int
  ) -> Int {
    let n = dimension
    let start = problem.evaluations.total
    var used: Int { problem.evaluations.total - start }
    guard f.isFinite, iterations > 0 else { return 0 }
    var first = !warm
    if first { resetHessian(g, scale: stepScale) }
    for _ in 0..<iterations {
      // d = −H g; fall back to steepest descent if it is not a descent direction.
      var slope = 0.0
      for i in 0..<n {
        var d = 0.0
        for j in 0..<n { d -= inverseHessian[i + j * n] * g[j] }
        direction[i] = d
        slope += d * g[i]
      }
      if !(slope < 0) {
        resetHessian(g, scale: stepScale)
        slope = 0
        for i in 0..<n {
          direction[i] = -inverseHessian[i + i * n] * g[i]
          slope += direction[i] * g[i]
        }
        if !(slope < 0) { break }
      }
      var alpha = 1.0
      var accepted = false
      var trialValue = Double.nan
      for _ in 0..<30 {
        if used + 2 > budget { return used }
        var projectedSlope = 0.0
        for i in 0..<n {
          trial[i] = box.clamp(x[i] + alpha * direction[i], i)
          projectedSlope += g[i] * (trial[i] - x[i])
        }
        trialValue = problem.valueAndGradient(at: trial, gradient: &trialGradient)
        if trialValue.isFinite, trialValue <= f + 1e-4 * min(projectedSlope, 0) {
          accepted = true
          break
        }
        alpha *= 0.25
      }
      guard accepted else { break }
      var sy = 0.0
      var yy = 0.0
      var ss = 0.0
      var largestStep = 0.0
      for i in 0..<n {
        s[i] = trial[i] - x[i]
        y[i] = trialGradient[i] - g[i]
        sy += s[i] * y[i]
        yy += y[i] * y[i]
        ss += s[i] * s[i]
        largestStep = max(largestStep, abs(s[i]) / (abs(x[i]) + 1e-8))
      }
      let decrease = f - trialValue
      swap(&x, &trial)
      swap(&g, &trialGradient)
      f = trialValue
      // Curvature condition yᵀs > 0 (with a margin), else skip the update.
      if sy > 1e-10 * (ss * yy).squareRoot(), sy > 0 {
        if first {
          let gamma = sy / yy
          for k in 0..<(n * n) { inverseHessian[k] = 0 }
          for i in 0..<n { inverseHessian[i + i * n] = gamma }
        }
        updateInverseHessian(sy: sy)
      }
      first = false
      warm = true
      if decrease <= tolerance * max(abs(f), 1) || largestStep <= 1e-10 { break }
    }
    return used
  }

  private mutating func resetHessian(_ g: [Double], scale: Double) {
    let n = dimension
    var norm = 0.0
    for i in 0..<n { norm += g[i] * g[i] }
    norm = norm.squareRoot()
    let h = norm > 0 ? scale / norm : scale
    for k in 0..<(n * n) { inverseHessian[k] = 0 }
    for i in 0..<n { inverseHessian[i + i * n] = h }
  }

  /// H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1/(yᵀs), expanded as
  /// H − ρ(s(Hy)ᵀ + (Hy)sᵀ) + (ρ²·yᵀHy + ρ) ssᵀ.
  private mutating func updateInverseHessian(sy: Double) {
    let n = dimension
    let rho = 1 / sy
    var yhy = 0.0
    for i in 0..<n {
      var v = 0.0
      for j in 0..<n { v += inverseHessian[i + j * n] * y[j] }
      hy[i] = v
      yhy += y[i] * v
    }
    let c = rho * rho * yhy + rho
    for j in 0..<n {
      for i in 0..<n {
        inverseHessian[i + j * n] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + c * s[i] * s[j]
      }
    }
  }
}
