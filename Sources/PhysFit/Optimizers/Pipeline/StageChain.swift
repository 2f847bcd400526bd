import Foundation

/// Joins the stages of a pipeline into one run as the observer and the result see
/// it: one continuous iteration count, evaluations and elapsed time that add up.
struct StageChain {
  let observer: IterationObserver?
  private(set) var iterations = 0
  private(set) var evaluations = EvaluationCounts()
  private let clock = ContinuousClock.now

  init(observer: IterationObserver?) {
    self.observer = observer
  }

  /// An observer for the next stage, shifting its reports by the stages before it.
  func stageObserver() -> IterationObserver? {
    guard let observer else { return nil }
    let iterations = self.iterations
    let evaluations = self.evaluations
    let offset = (ContinuousClock.now - clock).seconds
    return { report in
      var shifted = report
      shifted.iteration += iterations
      shifted.evaluations = Self.sum(report.evaluations, evaluations)
      shifted.elapsed += offset
      observer(shifted)
    }
  }

  /// Runs `global` from `start`, then `local` from the global stage's end point, and
  /// joins them into one result. A start where the problem is not finite ends the run
  /// after the global stage, with its result.
  static func run<P: Minimizable>(
    _ global: some Optimizer,
    then local: (P, [Double], IterationObserver?) -> OptimizationResult,
    on problem: P, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    var chain = StageChain(observer: observer)
    let first = global.minimize(problem, from: start, observer: chain.stageObserver())
    chain.finish(first)
    if case .nonFiniteStart = first.reason { return first }
    let second = local(problem, first.minimum, chain.stageObserver())
    chain.finish(second)
    return chain.result(global: first, local: second)
  }

  /// Records a finished stage.
  mutating func finish(_ stage: OptimizationResult) {
    iterations += stage.iterations
    evaluations = Self.sum(evaluations, stage.evaluations)
  }

  /// The pipeline's result: the last stage's point and reason (its point is the
  /// better of the two, since a polish starts where the global stage ended), the
  /// totals, and both stages' names.
  func result(global: OptimizationResult, local: OptimizationResult) -> OptimizationResult {
    let polished = local.value <= global.value || !global.value.isFinite
    let end = polished ? local : global
    return OptimizationResult(
      minimum: end.minimum, value: end.value, reason: local.reason, iterations: iterations,
      evaluations: evaluations, method: "\(global.method)+\(local.method)")
  }

  static func sum(_ a: EvaluationCounts, _ b: EvaluationCounts) -> EvaluationCounts {
    EvaluationCounts(
      values: a.values + b.values, gradients: a.gradients + b.gradients,
      jacobians: a.jacobians + b.jacobians)
  }
}
