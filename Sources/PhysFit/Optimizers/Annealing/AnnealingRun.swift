import Foundation

/// The state of one annealing run: chain, best point, steps, temperature and
/// counters, with every buffer allocated once.
struct AnnealingRun<P: Minimizable> {
  typealias Configuration = SimulatedAnnealing.Configuration
  let problem: P
  let configuration: Configuration
  let box: SearchBox
  let n: Int
  var random: RandomSource
  var descent: LocalDescent

  var x: [Double] = []
  var f = Double.nan
  var g: [Double] = []
  var y: [Double] = []
  var gy: [Double] = []
  var best: [Double] = []
  var bestValue = Double.infinity
  var steps: [Double] = []
  var proposed: [Int] = []
  var accepted: [Int] = []
  let firstEvaluation: EvaluationCounts

  init(_ problem: P, configuration: Configuration) {
    self.problem = problem
    self.configuration = configuration
    self.box = SearchBox(problem)
    self.n = problem.dimension
    self.random = RandomSource(seed: configuration.seed)
    self.descent = LocalDescent(dimension: problem.dimension)
    self.firstEvaluation = problem.evaluations
  }

  var used: Int { (problem.evaluations - firstEvaluation).total }
  var usesDescent: Bool { configuration.localDescentIterations > 0 }

  mutating func run(from start: [Double], observer: IterationObserver?, name: String)
    -> OptimizationResult
  {
    let clock = ContinuousClock.now
    let stopping = configuration.stopping
    x = (0..<n).map { box.clamp(start[$0], $0) }
    g = Array(repeating: 0, count: n)
    gy = g
    y = x
    f = evaluateInPlace(chain: true)
    func result(_ reason: StopReason, _ levels: Int) -> OptimizationResult {
      OptimizationResult(
        minimum: best, value: bestValue, reason: reason, iterations: levels,
        evaluations: problem.evaluations - firstEvaluation, method: name)
    }
    best = x
    bestValue = f
    guard f.isFinite else { return result(.nonFiniteStart, 0) }
    guard n > 0 else { return result(.noFurtherProgress, 0) }
    resetSteps()
    let moves = max(configuration.movesPerTemperature ?? 2 * n, 1)
    var schedule = ScheduleState(configuration.cooling)
    var scale = configuration.temperatureScale
    var reheatsLeft = configuration.reheats
    var sinceImprovement = 0
    var coordinate = 0
    var level = 0

    while true {
      level += 1
      let temperature = scale.map { $0 * schedule.value } ?? .infinity
      let levelStart = x
      let bestBefore = bestValue
      var uphill = 0.0
      var uphillCount = 0
      for i in 0..<n {
        proposed[i] = 0
        accepted[i] = 0
      }
      for _ in 0..<moves {
        let i = coordinate
        coordinate = (coordinate + 1) % n
        let fy = propose(i)
        proposed[i] += 1
        let delta = fy - f
        if delta > 0, delta.isFinite {
          uphill += delta
          uphillCount += 1
        }
        if fy.isFinite, delta <= 0 || random.uniform() < exp(-delta / temperature) {
          swap(&x, &y)
          swap(&g, &gy)
          f = fy
          accepted[i] += 1
          if f < bestValue {
            bestValue = f
            for k in 0..<n { best[k] = x[k] }
          }
        }
        if let budget = stopping.maxEvaluations, used >= budget {
          return result(.maxEvaluations, level)
        }
        if let limit = stopping.timeLimit, (ContinuousClock.now - clock).seconds >= limit {
          return result(.timeLimit, level)
        }
      }
      adaptSteps()
      if scale == nil {
        scale = uphillCount > 0 ? uphill / Double(uphillCount) : max(abs(f), 1)
      }
      schedule.advance(observing: bestValue)
      var stepNorm = 0.0
      for k in 0..<n { stepNorm += (x[k] - levelStart[k]) * (x[k] - levelStart[k]) }
      observer?(
        IterationReport(
          iteration: level, evaluations: problem.evaluations - firstEvaluation, value: f,
          gradientNorm: .nan, stepNorm: stepNorm.squareRoot(),
          elapsed: (ContinuousClock.now - clock).seconds))

      let tolerance = stopping.valueTolerance * max(abs(bestValue), 1)
      sinceImprovement = bestBefore - bestValue > tolerance ? 0 : sinceImprovement + 1
      let frozen = temperature <= configuration.finalTemperature * (scale ?? .infinity)
      if sinceImprovement >= configuration.patience, frozen {
        guard reheatsLeft > 0 else { return result(.valueTolerance, level) }
        reheatsLeft -= 1
        sinceImprovement = 0
        schedule = ScheduleState(configuration.cooling)
        x = best
        f = bestValue
        _ = problem.valueAndGradient(at: x, gradient: &g)
        resetSteps()
      }
      if level >= stopping.maxIterations { return result(.maxIterations, level) }
    }
  }

  /// f at `point`, after the local descent when it is on (which moves `point`).
  mutating func evaluate(_ point: inout [Double], gradient: inout [Double]) -> Double {
    guard usesDescent else { return problem.value(at: point) }
    var value = problem.valueAndGradient(at: point, gradient: &gradient)
    guard value.isFinite else { return value }
    let budget = (configuration.stopping.maxEvaluations ?? .max) - used
    let scale = steps.isEmpty ? 1 : steps.reduce(0, +) / Double(n)
    _ = descent.descend(
      problem, x: &point, f: &value, g: &gradient, box: box, stepScale: scale,
      iterations: configuration.localDescentIterations,
      tolerance: configuration.localDescentTolerance, budget: budget)
    return value
  }

  /// Proposes a move of coordinate i into `y` (and `gy`), returning its value.
  mutating func propose(_ i: Int) -> Double {
    for k in 0..<n { y[k] = x[k] }
    let u = random.uniform()
    let xi: Double
    switch configuration.visiting {
    case .uniform: xi = 2 * u - 1
    case .gaussian: xi = random.normal()
    case .cauchy: xi = tan(Double.pi * (u - 0.5))
    }
    y[i] = box.reflect(x[i] + steps[i] * xi, i)
    return evaluateInPlace(chain: false)
  }

  /// `evaluate` on the chain's buffers (x, g) or the proposal's (y, gy), moved out of
  /// `self` for the call (a swap, not a copy).
  mutating func evaluateInPlace(chain: Bool) -> Double {
    var point: [Double] = []
    var gradient: [Double] = []
    exchangeBuffers(&point, &gradient, chain: chain)
    let value = evaluate(&point, gradient: &gradient)
    exchangeBuffers(&point, &gradient, chain: chain)
    return value
  }

  /// Swaps `point` and `gradient` with the chain's (x, g) or the proposal's (y, gy).
  private mutating func exchangeBuffers(
    _ point: inout [Double], _ gradient: inout [Double], chain: Bool
  ) {
    if chain {
      swap(&point, &x)
      swap(&gradient, &g)
    } else {
      swap(&point, &y)
      swap(&gradient, &gy)
    }
  }

  /// Initial steps: `initialStep` of the box width, or of max(|xᵢ|, 1) without a box.
  mutating func resetSteps() {
    steps = (0..<n).map { i in
      let w = box.width(i)
      return configuration.initialStep * (w.isFinite ? w : max(abs(x[i]), 1))
    }
    proposed = Array(repeating: 0, count: n)
    accepted = Array(repeating: 0, count: n)
  }

  /// Corana's rule toward the target acceptance band; a step never exceeds the
  /// box width (a longer one only wraps around).
  mutating func adaptSteps() {
    let lo = configuration.targetAcceptance.lowerBound
    let hi = configuration.targetAcceptance.upperBound
    for i in 0..<n where proposed[i] > 0 {
      let a = Double(accepted[i]) / Double(proposed[i])
      if a > hi {
        steps[i] *= 1 + 2 * (a - hi) / max(1 - hi, 1e-12)
      } else if a < lo {
        steps[i] /= 1 + 2 * (lo - a) / max(lo, 1e-12)
      }
      let w = box.width(i)
      if w.isFinite { steps[i] = min(steps[i], w) }
      steps[i] = max(steps[i], 1e-12 * max(abs(x[i]), 1))
    }
  }
}
