import Foundation

extension GradientDescent {
  public func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    precondition(start.count == problem.dimension, "start point has the wrong dimension")
    do {
      try validate()
    } catch {
      return OptimizationResult(
        minimum: start, value: .nan, reason: .failed("invalid setting: \(error)"), iterations: 0,
        evaluations: EvaluationCounts(), method: name)
    }
    if checkpointing != nil,
      updateRule.savedState(updateRule.makeState(dimension: start.count)) == nil
    {
      return OptimizationResult(
        minimum: start, value: .nan,
        reason: .failed("checkpointing: \(transformation) cannot save its state"), iterations: 0,
        evaluations: EvaluationCounts(), method: name)
    }
    let c = configuration
    guard c.batchSize != nil || c.validationFraction > 0 else {
      return minimizeFullBatch(problem, from: start, observer: observer, method: name)
    }
    if let stochastic = problem as? any StochasticMinimizable {
      return minimizeByEpochs(stochastic, from: start, observer: observer)
    }
    guard c.validationFraction == 0 else {
      return OptimizationResult(
        minimum: start, value: .nan,
        reason: .failed(
          "early stopping needs an objective that is a sum over data points (a PointwiseObjective) to hold points out"
        ), iterations: 0, evaluations: EvaluationCounts(), method: name)
    }
    return minimizeFullBatch(
      problem, from: start, observer: observer,
      method:
        "\(name) (full batch: the objective is not a sum over data points, batch size ignored)")
  }
}

/// Bookkeeping shared by the full-batch and the epoch loops: limits, the gradient
/// test, divergence, the best point seen, and results.
struct DescentRun {
  let stopping: StoppingRule
  let divergenceRatio: Double
  let method: String
  let clock = ContinuousClock.now
  let before: EvaluationCounts
  var ceiling = Double.infinity
  var best: [Double]
  var bestValue = Double.infinity
  /// Evaluations and seconds of the parts of the run before a resume.
  var priorEvaluations = EvaluationCounts()
  var priorElapsed = 0.0

  init(
    _ configuration: GradientDescent.Configuration, method: String, problem: some Minimizable,
    start: [Double]
  ) {
    self.stopping = configuration.stopping
    self.divergenceRatio = configuration.divergenceRatio
    self.method = method
    self.before = problem.evaluations
    self.best = start
  }

  var elapsed: Double { priorElapsed + (ContinuousClock.now - clock).seconds }

  /// Evaluations since the start of the run (over its resumed parts).
  func evaluations(_ problem: some Minimizable) -> EvaluationCounts {
    let now = problem.evaluations - before
    let p = priorEvaluations
    return EvaluationCounts(
      values: now.values + p.values, gradients: now.gradients + p.gradients,
      jacobians: now.jacobians + p.jacobians)
  }

  /// Continues from a saved state: the best point, the divergence ceiling, the
  /// evaluations and seconds so far.
  mutating func resume(from saved: GradientDescent.Checkpoint) {
    best = saved.bestParameters
    bestValue = saved.bestValue
    ceiling = saved.divergenceCeiling
    priorEvaluations = saved.evaluations
    priorElapsed = saved.elapsed
  }

  /// Sets the divergence ceiling from the start value.
  mutating func start(value f: Double) {
    ceiling = divergenceRatio * max(abs(f), 1)
    bestValue = f
  }

  /// The iteration, evaluation or time limit that has been reached, if any.
  func limit(iterations k: Int, problem: some Minimizable) -> StopReason? {
    if k >= stopping.maxIterations { return .maxIterations }
    if let m = stopping.maxEvaluations, evaluations(problem).total >= m {
      return .maxEvaluations
    }
    if let t = stopping.timeLimit, elapsed >= t { return .timeLimit }
    return nil
  }

  /// The shared gradient test: largest |gᵢ|·max(|xᵢ|, 1) ≤ gradientTolerance·max(f, 1).
  func passesGradientTest(_ x: [Double], _ g: [Double], _ f: Double) -> Bool {
    var largest = 0.0
    for i in g.indices { largest = max(largest, abs(g[i]) * max(abs(x[i]), 1)) }
    return largest <= stopping.gradientTolerance * max(f, 1)
  }

  /// A divergence verdict for a new value (and its gradient), if it is one.
  func divergence(_ f: Double, _ g: [Double], at k: Int, unit: String) -> StopReason? {
    if !(f.isFinite && ElementwiseLoops.allFinite(g)) {
      return .failed(
        "diverged: the objective or its gradient is not finite at \(unit) \(k); lower the learning rate"
      )
    }
    if f > ceiling {
      return .failed(
        "diverged: the objective rose to \(f), above \(divergenceRatio)× its start, at \(unit) \(k); lower the learning rate"
      )
    }
    return nil
  }

  /// Remembers x if f is the lowest value so far (copied in place, no allocation).
  mutating func record(_ x: [Double], _ f: Double) {
    guard f < bestValue else { return }
    bestValue = f
    for i in x.indices { best[i] = x[i] }
  }

  /// Reports iteration (or epoch) `k` to `observer`: the value f, ‖g‖ and the step
  /// length, with the evaluations and time since the start.
  func report(
    _ k: Int, _ f: Double, _ gradient: [Double], stepNorm: Double,
    validation: Double? = nil, to observer: IterationObserver?, problem: some Minimizable
  ) {
    guard let observer else { return }
    observer(
      IterationReport(
        iteration: k, evaluations: evaluations(problem), value: f,
        gradientNorm: euclideanNorm(gradient), stepNorm: stepNorm, elapsed: elapsed,
        validationValue: validation))
  }

  func result(
    _ reason: StopReason, _ point: [Double], _ value: Double, _ iterations: Int,
    problem: some Minimizable
  ) -> OptimizationResult {
    OptimizationResult(
      minimum: point, value: value, reason: reason, iterations: iterations,
      evaluations: evaluations(problem), method: method)
  }

  /// The lowest point seen, for stops that are not convergence.
  func bestResult(_ reason: StopReason, _ iterations: Int, problem: some Minimizable)
    -> OptimizationResult
  {
    result(reason, best, bestValue, iterations, problem: problem)
  }
}

/// ‖v‖₂.
@inline(__always)
func euclideanNorm(_ v: [Double]) -> Double {
  var s = 0.0
  for x in v { s += x * x }
  return s.squareRoot()
}
