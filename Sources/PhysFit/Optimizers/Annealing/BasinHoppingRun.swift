import Foundation

/// The state of one basin-hopping run: the chain's local minimum, the trial, the best
/// minimum, the step and the counters, with every buffer allocated once.
struct BasinHoppingRun<P: Minimizable> {
  typealias Configuration = BasinHopping.Configuration
  let problem: P
  let configuration: Configuration
  let n: Int
  var random: RandomSource
  var descent: LimitedMemoryDescent
  let firstEvaluation: EvaluationCounts
  let clock = ContinuousClock.now

  var best: [Double] = []
  var bestValue = Double.infinity
  /// ℓᵢ: the length a step is a fraction of (box width, or max(|x₀ᵢ|, 1)).
  var lengths: [Double] = []

  init(_ problem: P, configuration: Configuration) {
    self.problem = problem
    self.configuration = configuration
    self.n = problem.dimension
    self.random = RandomSource(seed: configuration.seed)
    self.descent = LimitedMemoryDescent(dimension: problem.dimension, memory: configuration.memory)
    self.firstEvaluation = problem.evaluations
  }

  /// Evaluations so far, as ``StoppingRule/maxEvaluations`` counts them.
  var used: Int { (problem.evaluations - firstEvaluation).total }
  var remaining: Int { (configuration.stopping.maxEvaluations ?? .max) - used }
  var elapsed: Double { (ContinuousClock.now - clock).seconds }

  mutating func run(from start: [Double], observer: IterationObserver?, name: String)
    -> OptimizationResult
  {
    let stopping = configuration.stopping
    func result(_ reason: StopReason, _ hops: Int) -> OptimizationResult {
      OptimizationResult(
        minimum: best.isEmpty ? start : best, value: bestValue, reason: reason, iterations: hops,
        evaluations: problem.evaluations - firstEvaluation, method: name)
    }
    var x = start
    var g = [Double](repeating: 0, count: n)
    var gy = g
    var y = x
    guard remaining >= 2 else { return result(.maxEvaluations, 0) }
    var f = problem.valueAndGradient(at: x, gradient: &g)
    guard f.isFinite else { return result(.nonFiniteStart, 0) }
    let box = SearchBox(problem)
    lengths = (0..<n).map { i in
      let w = box.width(i)
      return w.isFinite && w > 0 ? w : max(abs(start[i]), 1)
    }
    // The local descent's first step (before L-BFGS has curvature to scale it): s·s₀·ℓ̄,
    // a fraction s of the first hop's length s₀·ℓ̄. Shorter than the hop itself, since a
    // displaced point is mostly near a basin's bottom; on LJ13 this costs 82 evaluations
    // per hop on average, against 83 with the full hop length.
    let firstStep = configuration.initialStep * (lengths.reduce(0, +) / Double(max(n, 1)))
    _ = descend(&x, &f, &g, firstStep: firstStep)
    best = x
    bestValue = f.isFinite ? f : bestValue
    guard f.isFinite else { return result(.failed("the first local minimisation failed"), 0) }
    guard n > 0 else { return result(.noFurtherProgress, 0) }

    var step = configuration.initialStep
    var uphillSum = 0.0
    var uphillCount = 0
    var acceptedSinceAdapt = 0
    var sinceImprovement = 0
    var nonFiniteInARow = 0
    var hop = 0
    while true {
      hop += 1
      // Trial: every coordinate displaced, then minimised to convergence.
      for i in 0..<n { y[i] = x[i] + step * lengths[i] * (2 * random.uniform() - 1) }
      let u = random.uniform()
      var fy = Double.nan
      if remaining >= 2 {
        fy = problem.valueAndGradient(at: y, gradient: &gy)
        if fy.isFinite { _ = descend(&y, &fy, &gy, firstStep: step * firstStep) }
      }
      var moved = 0.0
      if fy.isFinite {
        nonFiniteInARow = 0
        let delta = fy - f
        if delta > 0 {
          uphillSum += delta
          uphillCount += 1
        }
        let temperature =
          configuration.temperature
          ?? configuration.relativeTemperature * uphillSum / Double(max(uphillCount, 1))
        if delta <= 0 || u < exp(-delta / temperature) {
          for k in 0..<n { moved += (y[k] - x[k]) * (y[k] - x[k]) }
          swap(&x, &y)
          swap(&g, &gy)
          f = fy
          acceptedSinceAdapt += 1
        }
      } else {
        nonFiniteInARow += 1
      }
      let tolerance = stopping.valueTolerance * max(abs(bestValue), 1)
      sinceImprovement = bestValue - f > tolerance ? 0 : sinceImprovement + 1
      if f < bestValue {
        bestValue = f
        for k in 0..<n { best[k] = x[k] }
      }
      if hop % max(configuration.stepInterval, 1) == 0 {
        let ratio = Double(acceptedSinceAdapt) / Double(max(configuration.stepInterval, 1))
        step = ratio > configuration.targetAcceptance ? step / 0.9 : step * 0.9
        acceptedSinceAdapt = 0
      }
      var gradientNorm = 0.0
      for k in 0..<n { gradientNorm += g[k] * g[k] }
      observer?(
        IterationReport(
          iteration: hop, evaluations: problem.evaluations - firstEvaluation, value: f,
          gradientNorm: gradientNorm.squareRoot(), stepNorm: moved.squareRoot(),
          elapsed: elapsed))

      if let budget = stopping.maxEvaluations, used + 2 > budget {
        return result(.maxEvaluations, hop)
      }
      if let limit = stopping.timeLimit, elapsed >= limit { return result(.timeLimit, hop) }
      if let patience = configuration.patience, sinceImprovement >= patience {
        return result(.valueTolerance, hop)
      }
      if nonFiniteInARow >= 20 {
        return result(.stalled("20 hops in a row ended at non-finite values"), hop)
      }
      if hop >= stopping.maxIterations { return result(.maxIterations, hop) }
    }
  }

  /// A full local minimisation from (point, value, gradient), within the budget and
  /// the evaluation limit.
  mutating func descend(
    _ point: inout [Double], _ value: inout Double, _ gradient: inout [Double], firstStep: Double
  ) -> LimitedMemoryDescent.Outcome {
    descent.minimize(
      problem, x: &point, f: &value, g: &gradient, iterations: configuration.localIterations,
      gradientTolerance: configuration.localGradientTolerance,
      valueTolerance: configuration.localValueTolerance, firstStep: firstStep,
      budget: remaining
    ).outcome
  }
}
