extension BasinHopping: NativeEvaluationBudget {
  func limitingEvaluations(to budget: Int) -> BasinHopping {
    var copy = self
    copy.configuration.stopping.maxEvaluations = budget
    return copy
  }
}

extension BasinHopping: ReseedableOptimizer {
  public func reseeded(_ seed: UInt64) -> BasinHopping {
    var copy = self
    copy.configuration.seed = seed
    return copy
  }
}
