extension GradientDescent {
  /// The epoch loop, for mini-batches and for early stopping: one report per epoch.
  ///
  /// Points are split once (validation first, with stream 1 of the seed); the training
  /// points are reshuffled every epoch (stream 0). After each epoch the exact training
  /// objective and gradient are evaluated — scaled to the whole data set, as every
  /// batch estimate is — for the report, the gradient test, divergence detection and
  /// the schedule (which watches the validation loss instead when there is one).
  func minimizeByEpochs(
    _ problem: any StochasticMinimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    let c = configuration
    let n = problem.dimension
    let pointCount = problem.pointCount
    let validating = c.validationFraction > 0
    var method = name
    if let b = c.batchSize { method += " (mini-batch \(b))" }
    var run = DescentRun(c, method: method, problem: problem, start: start)
    guard pointCount >= (validating ? 2 : 1) else {
      return run.result(
        .failed("\(pointCount) data point(s) are too few to hold out a validation set"), start,
        .nan, 0, problem: problem)
    }

    let split = c.split(pointCount: pointCount)
    let validation = split.validation
    var training = split.training
    let batchSize = min(c.batchSize ?? training.count, training.count)
    var shuffler = RandomSource.stream(seed: c.seed, index: 0)

    var x = start
    var gradient = [Double](repeating: 0, count: n)
    var update = [Double](repeating: 0, count: n)
    var epochStart = start
    var batch: [Int] = []
    batch.reserveCapacity(batchSize)

    /// Exact objective (and gradient) over the training points at x: the start value;
    /// each epoch then reports the mean of its mini-batch estimates.
    func trainingObjective() -> Double {
      validating
        ? problem.valueAndGradient(at: x, points: training, gradient: &gradient)
        : problem.valueAndGradient(at: x, gradient: &gradient)
    }

    var f = trainingObjective()
    if run.divergence(f, gradient, at: 0, unit: "epoch") != nil {
      return run.result(.nonFiniteStart, x, f, 0, problem: problem)
    }
    run.start(value: f)
    var bestValidation = Double.infinity
    var bestEpoch = 0
    var sinceBest = 0
    if validating {
      bestValidation = problem.value(at: x, points: validation)
      run.bestValue = f
    }
    let rule = updateRule
    var state = rule.makeState(dimension: n)
    var epoch = 0

    /// The stop for a converged or limited run: with validation, always the best
    /// validation epoch's parameters.
    func finish(_ reason: StopReason) -> OptimizationResult {
      guard validating else {
        return reason.isConvergence
          ? run.result(reason, x, f, epoch, problem: problem)
          : run.bestResult(reason, epoch, problem: problem)
      }
      if reason.isConvergence, bestEpoch == epoch {
        return run.result(reason, x, f, epoch, problem: problem)
      }
      let why: StopReason =
        reason.isConvergence ? .earlyStopped(bestEpoch: bestEpoch, lastEpoch: epoch) : reason
      return run.bestResult(why, epoch, problem: problem)
    }

    while true {
      if run.passesGradientTest(x, gradient, f) { return finish(.gradientTolerance) }
      if let reason = run.limit(iterations: epoch, problem: problem) { return finish(reason) }
      if batchSize < training.count { shuffle(&training, &shuffler) }
      for i in 0..<n { epochStart[i] = x[i] }
      var first = 0
      var runningSum = 0.0
      epoch += 1
      while first < training.count {
        let end = min(first + batchSize, training.count)
        batch.removeAll(keepingCapacity: true)
        for i in first..<end { batch.append(training[i]) }
        first = end
        let fb = problem.valueAndGradient(at: x, points: batch, gradient: &gradient)
        runningSum += fb * Double(batch.count)
        if let diverged = run.divergence(fb, gradient, at: epoch, unit: "epoch") {
          return run.bestResult(diverged, epoch, problem: problem)
        }
        for i in 0..<n { update[i] = gradient[i] }
        rule.update(&update, state: &state, parameters: x)
        for i in 0..<n { x[i] += update[i] }
      }
      f = runningSum / Double(training.count)
      if let diverged = run.divergence(f, gradient, at: epoch, unit: "epoch") {
        return run.bestResult(diverged, epoch, problem: problem)
      }
      var stepSquared = 0.0
      for i in 0..<n { stepSquared += (x[i] - epochStart[i]) * (x[i] - epochStart[i]) }
      var watched = f
      if validating {
        watched = problem.value(at: x, points: validation)
        if watched < bestValidation {
          bestValidation = watched
          bestEpoch = epoch
          sinceBest = 0
          run.bestValue = f
          for i in 0..<n { run.best[i] = x[i] }
        } else {
          sinceBest += 1
        }
      } else {
        run.record(x, f)
      }
      rule.advance(&state, observing: watched)
      run.report(
        epoch, f, gradient, stepNorm: stepSquared.squareRoot(),
        validation: validating ? watched : nil, to: observer, problem: problem)
      if validating, sinceBest >= c.patience {
        return run.result(
          .earlyStopped(bestEpoch: bestEpoch, lastEpoch: epoch), run.best, run.bestValue, epoch,
          problem: problem)
      }
    }
  }
}

extension GradientDescent.Configuration {
  /// The training and validation points (ascending indices) of a run over
  /// `pointCount` points: the first round(`validationFraction`·n) points (at least 1,
  /// at most n − 1) of a permutation drawn from stream 1 of `seed` are held out. The
  /// epoch loop uses this split, so a caller can evaluate the same validation set
  /// after training. Without validation every point is a training point.
  public func split(pointCount: Int) -> (training: [Int], validation: [Int]) {
    var order = Array(0..<pointCount)
    guard validationFraction > 0, pointCount >= 2 else { return (order, []) }
    var splitter = RandomSource.stream(seed: seed, index: 1)
    shuffle(&order, &splitter)
    let count = min(
      max(Int((validationFraction * Double(pointCount)).rounded()), 1), pointCount - 1)
    return (Array(order[count...]).sorted(), Array(order[0..<count]).sorted())
  }
}

/// Fisher–Yates shuffle with the seeded generator. Indices come from Lemire's
/// multiply-shift (bias below 2⁻⁶⁴·count), written out so that runs are reproducible
/// bit for bit independently of the standard library's `shuffle` algorithm.
func shuffle(_ a: inout [Int], _ random: inout RandomSource) {
  var i = a.count - 1
  while i > 0 {
    let j = Int(truncatingIfNeeded: random.next().multipliedFullWidth(by: UInt64(i + 1)).high)
    a.swapAt(i, j)
    i -= 1
  }
}
