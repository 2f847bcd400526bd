/// An optimizer whose own loop checks ``StoppingRule/maxEvaluations`` after every
/// iteration, so a comparison can set its budget there (``BudgetedOptimizer`` still
/// caps the iteration that crosses it).
///
/// The portfolio ``LeastSquares`` is not one: it applies the limit to each member run
/// separately, so only the wrapper holds it to a total.
protocol NativeEvaluationBudget {
  /// The same optimizer with `maxEvaluations` set to `budget`.
  func limitingEvaluations(to budget: Int) -> Self
}

/// `optimizer` with its native budget set, when it has one. A comparison's budget counts
/// calls (``EvaluationCounts/calls``), a stopping rule values + gradients + Jacobians
/// (``EvaluationCounts/total``), which is at most twice the calls: the native limit is
/// set to twice the budget, so that it never stops a run before the budget is spent,
/// and ``BudgetedProblem`` holds the run to the budget itself.
func withNativeBudget(_ optimizer: any Optimizer, _ budget: Int) -> any Optimizer {
  guard let native = optimizer as? any Optimizer & NativeEvaluationBudget else {
    return optimizer
  }
  return native.limitingEvaluations(to: 2 * budget)
}

func withNativeBudget(_ optimizer: any LeastSquaresOptimizer, _ budget: Int)
  -> any LeastSquaresOptimizer
{
  guard let native = optimizer as? any LeastSquaresOptimizer & NativeEvaluationBudget else {
    return optimizer
  }
  return native.limitingEvaluations(to: 2 * budget)
}

extension NelderMead: NativeEvaluationBudget {
  func limitingEvaluations(to budget: Int) -> NelderMead {
    var copy = self
    copy.configuration.stopping.maxEvaluations = budget
    return copy
  }
}

extension ConjugateGradient: NativeEvaluationBudget {
  func limitingEvaluations(to budget: Int) -> ConjugateGradient {
    var copy = self
    copy.configuration.stopping.maxEvaluations = budget
    return copy
  }
}

extension BFGS: NativeEvaluationBudget {
  func limitingEvaluations(to budget: Int) -> BFGS {
    var copy = self
    copy.configuration.stopping.maxEvaluations = budget
    return copy
  }
}

extension SteepestDescent: NativeEvaluationBudget {
  func limitingEvaluations(to budget: Int) -> SteepestDescent {
    var copy = self
    copy.configuration.stopping.maxEvaluations = budget
    return copy
  }
}

extension GradientDescent: NativeEvaluationBudget {
  func limitingEvaluations(to budget: Int) -> GradientDescent {
    var copy = self
    copy.configuration.stopping.maxEvaluations = budget
    return copy
  }
}

extension SimulatedAnnealing: NativeEvaluationBudget {
  func limitingEvaluations(to budget: Int) -> SimulatedAnnealing {
    var copy = self
    copy.configuration.stopping.maxEvaluations = budget
    return copy
  }
}

extension TrustRegion: NativeEvaluationBudget {
  func limitingEvaluations(to budget: Int) -> TrustRegion {
    var copy = self
    copy.configuration.stopping.maxEvaluations = budget
    return copy
  }
}
