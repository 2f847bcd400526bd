extension GradientDescent {
  /// The epoch loop, for mini-batches and for early stopping: one report per epoch.
  ///
  /// Points are split once (validation first, with stream 1 of the seed); the training
  /// points are reshuffled every epoch (stream 0). The start value is the exact training
  /// objective, from forward passes over mini-batches (no gradient, and no workspace
  /// larger than a batch: a pass with the gradient over all points cost a fifth of a
  /// 5-epoch run and grew the workspace to the whole data set). Each epoch then reports
  /// the mean of its mini-batch estimates — scaled to the whole data set, as every batch
  /// estimate is — which feeds the report, divergence detection and the schedule (which
  /// watches the validation loss instead when there is one); the gradient test, from
  /// the end of the first epoch on, uses the epoch's last batch gradient.
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

    /// The exact objective over the training points at x, batch by batch (the batch
    /// estimates weighted by their sizes add up to it exactly).
    func startValue() -> Double {
      var sum = 0.0
      var first = 0
      while first < training.count {
        let end = min(first + batchSize, training.count)
        batch.removeAll(keepingCapacity: true)
        for i in first..<end { batch.append(training[i]) }
        sum += problem.value(at: x, points: batch) * Double(batch.count)
        first = end
      }
      return sum / Double(training.count)
    }

    var f = 0.0
    var bestValidation = Double.infinity
    var bestEpoch = 0
    var sinceBest = 0
    let rule = updateRule
    var state = rule.makeState(dimension: n)
    var epoch = 0
    if let saved = checkpointing?.resume {
      do throws(GradientDescentError) {
        try saved.check(.epochs, method: method, dimension: n)
        guard let order = saved.trainingOrder, order.sorted() == training,
          let savedShuffler = saved.shuffler
        else {
          throw GradientDescentError(
            "the state's training points or shuffler do not match \(training.count) training points"
          )
        }
        state = try rule.restoredState(saved.transformation, dimension: n)
        training = order
        shuffler = savedShuffler
      } catch {
        return run.result(.failed("cannot resume: \(error)"), start, .nan, 0, problem: problem)
      }
      ElementwiseLoops.copy(saved.parameters, into: &x)
      ElementwiseLoops.copy(saved.gradient, into: &gradient)
      f = saved.value
      epoch = saved.iteration
      bestValidation = saved.bestValidation ?? .infinity
      bestEpoch = saved.bestEpoch ?? 0
      sinceBest = saved.sinceBest ?? 0
      run.resume(from: saved)
    } else {
      f = startValue()
      if !f.isFinite {
        return run.result(.nonFiniteStart, x, f, 0, problem: problem)
      }
      run.start(value: f)
      if validating {
        bestValidation = problem.value(at: x, points: validation)
        run.bestValue = f
      }
    }

    /// The state after the current epoch, for ``Checkpointing``.
    func checkpoint() -> Checkpoint? {
      guard let saved = rule.savedState(state) else { return nil }
      return Checkpoint(
        mode: .epochs, method: method, iteration: epoch, parameters: x, value: f,
        gradient: gradient, bestParameters: run.best, bestValue: run.bestValue,
        divergenceCeiling: run.ceiling, evaluations: run.evaluations(problem),
        elapsed: run.elapsed, transformation: saved, trainingOrder: training,
        shufflerWords: shuffler.savedState.words, bestValidation: validating ? bestValidation : nil,
        bestEpoch: validating ? bestEpoch : nil, sinceBest: validating ? sinceBest : nil)
    }
    var lastSave = run.elapsed

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
      if epoch > 0, run.passesGradientTest(x, gradient, f) { return finish(.gradientTolerance) }
      if let reason = run.limit(iterations: epoch, problem: problem) { return finish(reason) }
      if batchSize < training.count { shuffle(&training, &shuffler) }
      ElementwiseLoops.copy(x, into: &epochStart)
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
        ElementwiseLoops.copy(gradient, into: &update)
        rule.update(&update, state: &state, parameters: x)
        ElementwiseLoops.add(update, to: &x)
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
      if let control = checkpointing,
        control.endOfIteration(epoch, now: run.elapsed, lastSave: &lastSave, state: checkpoint)
      {
        return run.bestResult(.interrupted, epoch, problem: problem)
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
