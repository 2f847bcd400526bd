extension GradientDescent {
  /// The full-batch loop: one step per iteration with the exact gradient, one report
  /// per step. Converges by the stopping rule's gradient test (also by its step and,
  /// when positive, value tests).
  ///
  /// A step that lands where the objective or its gradient is not finite — a model
  /// outside its domain, such as the log of a negative number, at the new point — is
  /// rejected and halved, up to ``maximumHalvings`` times, until it lands where both
  /// are finite. The update rule's state (momentum, Adam moments) is kept: only the
  /// move is shortened. A step still not finite after the halvings is divergence.
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
    var origin = [Double](repeating: 0, count: n)
    let rule = updateRule
    var state = rule.makeState(dimension: n)
    var k = 0
    var f = 0.0
    if let saved = checkpointing?.resume {
      do throws(GradientDescentError) {
        try saved.check(.fullBatch, method: method, dimension: n)
        state = try rule.restoredState(saved.transformation, dimension: n)
      } catch {
        return run.result(.failed("cannot resume: \(error)"), start, .nan, 0, problem: problem)
      }
      x = saved.parameters
      gradient = saved.gradient
      f = saved.value
      k = saved.iteration
      run.resume(from: saved)
    } else {
      f = problem.valueAndGradient(at: x, gradient: &gradient)
      if run.divergence(f, gradient, at: 0, unit: "iteration") != nil {
        return run.result(.nonFiniteStart, x, f, 0, problem: problem)
      }
      run.start(value: f)
    }

    /// The state after the current iteration, for ``Checkpointing``.
    func checkpoint() -> Checkpoint? {
      guard let saved = rule.savedState(state) else { return nil }
      return Checkpoint(
        mode: .fullBatch, method: method, iteration: k, parameters: x, value: f,
        gradient: gradient, bestParameters: run.best, bestValue: run.bestValue,
        divergenceCeiling: run.ceiling, evaluations: run.evaluations(problem),
        elapsed: run.elapsed, transformation: saved)
    }
    var lastSave = run.elapsed
    while true {
      if run.passesGradientTest(x, gradient, f) {
        return run.result(.gradientTolerance, x, f, k, problem: problem)
      }
      if let reason = run.limit(iterations: k, problem: problem) {
        return run.bestResult(reason, k, problem: problem)
      }
      ElementwiseLoops.copy(gradient, into: &update)
      rule.update(&update, state: &state, parameters: x)
      let previous = f
      ElementwiseLoops.copy(x, into: &origin)
      var factor = 1.0
      for halving in 0...Self.maximumHalvings {
        if halving > 0 { factor *= 0.5 }
        for i in 0..<n { x[i] = origin[i] + factor * update[i] }
        f = problem.valueAndGradient(at: x, gradient: &gradient)
        if f.isFinite && ElementwiseLoops.allFinite(gradient) { break }
      }
      var stepSquared = 0.0
      var stepIsSmall = true
      for i in 0..<n {
        let step = factor * update[i]
        stepSquared += step * step
        let t = stopping.stepTolerance
        if abs(step) > t * (abs(x[i]) + t) { stepIsSmall = false }
      }
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
      if let control = checkpointing,
        control.endOfIteration(k, now: run.elapsed, lastSave: &lastSave, state: checkpoint)
      {
        return run.bestResult(.interrupted, k, problem: problem)
      }
    }
  }

  /// Halvings of a step that lands where the objective is not finite before it counts
  /// as divergence: 2⁻³⁰ ≈ 10⁻⁹ of the step, far below any step that still moves.
  static let maximumHalvings = 30
}
