extension GradientDescent {
  /// The full-batch loop: one step per iteration with the exact gradient, one report
  /// per step. Converges by the stopping rule's gradient test (also by its step and,
  /// when positive, value tests).
  func minimizeFullBatch(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?,
    method: String
  ) -> OptimizationResult {
    let n = problem.dimension
    let stopping = configuration.stopping
    var run = DescentRun(configuration, method: method, problem: problem, start: start)
    var x = start
    var gradient = [Double](repeating: 0, count: n)
    var update = [Double](repeating: 0, count: n)
    var f = problem.valueAndGradient(at: x, gradient: &gradient)
    if run.divergence(f, gradient, at: 0, unit: "iteration") != nil {
      return run.result(.nonFiniteStart, x, f, 0, problem: problem)
    }
    run.start(value: f)
    let rule = updateRule
    var state = rule.makeState(dimension: n)
    var k = 0
    while true {
      if run.passesGradientTest(x, gradient, f) {
        return run.result(.gradientTolerance, x, f, k, problem: problem)
      }
      if let reason = run.limit(iterations: k, problem: problem) {
        return run.bestResult(reason, k, problem: problem)
      }
      for i in 0..<n { update[i] = gradient[i] }
      rule.update(&update, state: &state, parameters: x)
      var stepSquared = 0.0
      var stepIsSmall = true
      for i in 0..<n {
        x[i] += update[i]
        stepSquared += update[i] * update[i]
        let t = stopping.stepTolerance
        if abs(update[i]) > t * (abs(x[i]) + t) { stepIsSmall = false }
      }
      let previous = f
      f = problem.valueAndGradient(at: x, gradient: &gradient)
      k += 1
      if let diverged = run.divergence(f, gradient, at: k, unit: "iteration") {
        return run.bestResult(diverged, k, problem: problem)
      }
      run.record(x, f)
      rule.advance(&state, observing: f)
      run.report(k, f, gradient, stepNorm: stepSquared.squareRoot(), to: observer, problem: problem)
      if stepIsSmall { return run.result(.stepTolerance, x, f, k, problem: problem) }
      let v = stopping.valueTolerance
      if v > 0, abs(f - previous) <= v * max(abs(f), .leastNormalMagnitude) {
        return run.result(.valueTolerance, x, f, k, problem: problem)
      }
    }
  }
}
