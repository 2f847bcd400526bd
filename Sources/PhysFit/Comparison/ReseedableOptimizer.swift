/// An optimizer that draws random numbers from a seed (annealing moves, gradient-descent
/// shuffles). A comparison gives run k the seed `seed + k`, so that runs from different
/// starts are independent and start 0 repeats `physfit fit --seed seed`.
public protocol ReseedableOptimizer {
  /// The same optimizer with its random numbers drawn from `seed`.
  func reseeded(_ seed: UInt64) -> Self
}

extension SimulatedAnnealing: ReseedableOptimizer {
  public func reseeded(_ seed: UInt64) -> SimulatedAnnealing {
    var copy = self
    copy.configuration.seed = seed
    return copy
  }
}

extension GradientDescent: ReseedableOptimizer {
  public func reseeded(_ seed: UInt64) -> GradientDescent {
    var copy = self
    copy.configuration.seed = seed
    return copy
  }
}

extension Pipeline: ReseedableOptimizer where Global: ReseedableOptimizer {
  public func reseeded(_ seed: UInt64) -> Pipeline {
    Pipeline(global.reseeded(seed), then: local)
  }
}

extension LeastSquaresPipeline: ReseedableOptimizer where Global: ReseedableOptimizer {
  public func reseeded(_ seed: UInt64) -> LeastSquaresPipeline {
    LeastSquaresPipeline(global.reseeded(seed), then: local)
  }
}

extension ComparisonEntrant {
  /// The entrant with its optimizer reseeded, when it draws random numbers.
  func reseeded(_ seed: UInt64) -> ComparisonEntrant {
    var copy = self
    switch method {
    case .general(let optimizer as any Optimizer & ReseedableOptimizer):
      copy.method = .general(optimizer.reseeded(seed))
    case .leastSquares(let optimizer as any LeastSquaresOptimizer & ReseedableOptimizer):
      copy.method = .leastSquares(optimizer.reseeded(seed))
    default:
      break
    }
    return copy
  }
}
