/// What a budgeted run leaves behind for the comparison: whether the budget cut it
/// short. One ledger per run, written by the thread that runs it.
final class BudgetLedger: @unchecked Sendable {
  var exhausted = false
}

/// An optimizer held to an evaluation budget: it minimises a ``BudgetedProblem`` over
/// the problem it is given, and when the budget ran out returns the best point seen
/// within it (reason ``StopReason/maxEvaluations``) instead of whatever the optimizer
/// made of the refused calls. Iteration reports after the budget ran out are not
/// passed on: they describe refused points.
///
/// Optimizers with a limit of their own (``NativeEvaluationBudget``) get the budget
/// set in their stopping rule too, so that they stop cleanly at the end of the
/// iteration that reaches it; the wrapper caps the last iteration.
struct BudgetedOptimizer: Optimizer {
  var base: any Optimizer
  var budget: Int?
  var ledger: BudgetLedger

  var name: String { base.name }

  func minimize(
    _ problem: some Minimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    let wrapped = BudgetedProblem(problem, budget: budget)
    let optimizer = budget.map { withNativeBudget(base, $0) } ?? base
    let result = optimizer.minimize(wrapped, from: start) { report in
      if !wrapped.isExhausted { observer?(report) }
    }
    return settle(result, wrapped, ledger)
  }
}

/// The least-squares counterpart of ``BudgetedOptimizer``.
struct BudgetedLeastSquaresOptimizer: LeastSquaresOptimizer {
  var base: any LeastSquaresOptimizer
  var budget: Int?
  var ledger: BudgetLedger

  var name: String { base.name }

  func minimize(
    _ problem: some LeastSquaresMinimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    let wrapped = BudgetedProblem(problem, budget: budget)
    let optimizer = budget.map { withNativeBudget(base, $0) } ?? base
    let result = optimizer.minimize(wrapped, from: start) { report in
      if !wrapped.isExhausted { observer?(report) }
    }
    return settle(result, wrapped, ledger)
  }
}

/// The optimizer's result, or — when the budget ran out — the best point seen within it.
private func settle<P>(
  _ result: OptimizationResult, _ wrapped: BudgetedProblem<P>, _ ledger: BudgetLedger
) -> OptimizationResult {
  ledger.exhausted = wrapped.isExhausted
  guard wrapped.isExhausted else { return result }
  var settled = result
  if let best = wrapped.bestPoint {
    settled.minimum = best
    settled.value = wrapped.bestValue
  }
  settled.reason = .maxEvaluations
  settled.evaluations = wrapped.evaluations
  return settled
}
