/// A full local minimisation by limited-memory BFGS (L-BFGS, Nocedal 1980; Liu &
/// Nocedal 1989): the local stage of ``BasinHopping``, run to convergence after every
/// hop.
///
/// The search direction is d = −H g with H the inverse-Hessian approximation built by
/// the two-loop recursion from the last `memory` pairs sₖ = xₖ₊₁ − xₖ,
/// yₖ = ∇fₖ₊₁ − ∇fₖ, scaled by γ = sᵀy/yᵀy of the newest pair. The step α along d
/// starts at 1 (at the first iteration at `firstStep`/‖g‖∞) and backtracks by
/// safeguarded quadratic interpolation until Armijo's condition
/// f(x + αd) ≤ f(x) + 10⁻⁴ α ∇f·d holds; a pair with sᵀy ≤ 10⁻¹⁰‖s‖‖y‖ is not stored, so
/// H stays positive definite without a Wolfe line search. Memory O(m·n) and O(m·n)
/// work per iteration, against O(n²) of a full BFGS: in the 39 dimensions of LJ13 an
/// iteration costs one evaluation of value and gradient, mostly.
///
/// Converged when the scaled gradient max |gᵢ|·max(|xᵢ|, 1) ≤ gradientTolerance·max(|f|, 1),
/// or when an iteration lowers f by at most valueTolerance·max(|f|, 1).
/// All buffers are allocated once.
struct LimitedMemoryDescent {
  /// How a descent ended.
  enum Outcome: Equatable {
    /// A tolerance was met.
    case converged
    /// The iteration limit was reached.
    case iterationLimit
    /// The evaluation budget would have been exceeded.
    case budget
    /// No decrease could be found along the steepest-descent direction either
    /// (non-finite values, or rounding at the bottom of the basin).
    case stalled
  }

  let dimension: Int
  let memory: Int
  private var sPairs: [Double]
  private var yPairs: [Double]
  private var rho: [Double]
  private var alpha: [Double]
  private var stored = 0
  private var newest = -1
  private var direction: [Double]
  private var trial: [Double]
  private var trialGradient: [Double]

  init(dimension n: Int, memory m: Int) {
    dimension = n
    memory = max(m, 1)
    sPairs = Array(repeating: 0, count: n * memory)
    yPairs = sPairs
    rho = Array(repeating: 0, count: memory)
    alpha = rho
    direction = Array(repeating: 0, count: n)
    trial = direction
    trialGradient = direction
  }

  /// Descends from (x, f, g) — f and g already evaluated at x — until convergence,
  /// `iterations` iterations, or `budget` more evaluations as
  /// ``StoppingRule/maxEvaluations`` counts them (a value with its gradient is two).
  /// Returns how it ended and the calls of value-and-gradient made; `x`, `f`, `g`
  /// hold the end point.
  mutating func minimize(
    _ problem: some Minimizable, x: inout [Double], f: inout Double, g: inout [Double],
    iterations: Int, gradientTolerance: Double, valueTolerance: Double, firstStep: Double,
    budget: Int
  ) -> (outcome: Outcome, calls: Int) {
    let n = dimension
    var calls = 0
    let first = problem.evaluations.total
    stored = 0
    newest = -1
    guard f.isFinite else { return (.stalled, 0) }
    if isStationary(x, f, g, gradientTolerance) { return (.converged, 0) }
    for _ in 0..<iterations {
      var slope = searchDirection(g)
      var fromMemory = stored > 0
      if !(slope < 0) {
        stored = 0
        slope = searchDirection(g)
        fromMemory = false
        if !(slope < 0) { return (.stalled, calls) }
      }
      var step = 1.0
      if !fromMemory {
        var largest = 0.0
        for i in 0..<n { largest = max(largest, abs(g[i])) }
        step = largest > 0 ? min(1, firstStep / largest) : 1
      }
      var accepted = false
      var value = Double.nan
      for _ in 0..<40 {
        if problem.evaluations.total - first + 2 > budget { return (.budget, calls) }
        for i in 0..<n { trial[i] = x[i] + step * direction[i] }
        value = problem.valueAndGradient(at: trial, gradient: &trialGradient)
        calls += 1
        if value.isFinite, value <= f + 1e-4 * step * slope {
          accepted = true
          break
        }
        if value.isFinite {
          // Minimum of the quadratic through f, the slope and the trial value,
          // kept within [0.1, 0.5] of the step.
          let curvature = value - f - step * slope
          let next = curvature > 0 ? -slope * step * step / (2 * curvature) : 0.5 * step
          step = min(max(next, 0.1 * step), 0.5 * step)
        } else {
          step *= 0.1
        }
      }
      guard accepted else {
        if fromMemory {
          stored = 0
          continue
        }
        return (.stalled, calls)
      }
      store(x: x, g: g)
      let previous = f
      swap(&x, &trial)
      swap(&g, &trialGradient)
      f = value
      if isStationary(x, f, g, gradientTolerance)
        || previous - f <= valueTolerance * max(abs(f), 1)
      {
        return (.converged, calls)
      }
    }
    return (.iterationLimit, calls)
  }

  /// Whether max |gᵢ|·max(|xᵢ|, 1) ≤ tolerance·max(|f|, 1).
  private func isStationary(_ x: [Double], _ f: Double, _ g: [Double], _ tolerance: Double)
    -> Bool
  {
    var largest = 0.0
    for i in 0..<dimension { largest = max(largest, abs(g[i]) * max(abs(x[i]), 1)) }
    return largest <= tolerance * max(abs(f), 1)
  }

  /// d = −H g by the two-loop recursion (d = −g without stored pairs); returns ∇f·d.
  private mutating func searchDirection(_ g: [Double]) -> Double {
    let n = dimension
    for i in 0..<n { direction[i] = -g[i] }
    guard stored > 0 else { return dot(direction, g) }
    var k = newest
    for _ in 0..<stored {
      var a = 0.0
      for i in 0..<n { a += sPairs[k * n + i] * direction[i] }
      a *= rho[k]
      alpha[k] = a
      for i in 0..<n { direction[i] -= a * yPairs[k * n + i] }
      k = (k - 1 + memory) % memory
    }
    var yy = 0.0
    for i in 0..<n { yy += yPairs[newest * n + i] * yPairs[newest * n + i] }
    let gamma = 1 / (rho[newest] * yy)
    for i in 0..<n { direction[i] *= gamma }
    k = (newest - stored + 1 + memory) % memory
    for _ in 0..<stored {
      var b = 0.0
      for i in 0..<n { b += yPairs[k * n + i] * direction[i] }
      b *= rho[k]
      for i in 0..<n { direction[i] += (alpha[k] - b) * sPairs[k * n + i] }
      k = (k + 1) % memory
    }
    return dot(direction, g)
  }

  /// Stores s = trial − x, y = ∇f(trial) − g when sᵀy is safely positive.
  private mutating func store(x: [Double], g: [Double]) {
    let n = dimension
    var sy = 0.0
    var ss = 0.0
    var yy = 0.0
    for i in 0..<n {
      let s = trial[i] - x[i]
      let y = trialGradient[i] - g[i]
      sy += s * y
      ss += s * s
      yy += y * y
    }
    guard sy > 1e-10 * (ss * yy).squareRoot(), sy > 0 else { return }
    let slot = (newest + 1) % memory
    for i in 0..<n {
      sPairs[slot * n + i] = trial[i] - x[i]
      yPairs[slot * n + i] = trialGradient[i] - g[i]
    }
    rho[slot] = 1 / sy
    newest = slot
    stored = min(stored + 1, memory)
  }

  private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<dimension { s += a[i] * b[i] }
    return s
  }
}
