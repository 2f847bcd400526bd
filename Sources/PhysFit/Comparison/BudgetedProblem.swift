/// A problem that allows at most `budget` calls of the objective (a value, a value with
/// its gradient, a residual vector or a Jacobian each count one: ``EvaluationCounts/calls``,
/// scipy's `nfev`) and remembers the best point seen.
///
/// This is how a comparison holds every optimizer to the same budget, including those
/// that have no evaluation limit of their own or check it only between iterations: a
/// call that would exceed the budget is not passed on, and returns NaN (a residual
/// vector or Jacobian of NaN). Every optimizer of the toolkit treats a non-finite value
/// as a rejected point, so the run winds down quickly without evaluating further; the
/// comparison then reports the best point seen within the budget, with the status
/// "budget exhausted".
///
/// It forwards the search box of a ``BoundedMinimizable`` base, so global optimizers
/// sample the same box through the wrapper.
public final class BudgetedProblem<Base: Minimizable>: BoundedMinimizable {
  /// The problem whose evaluations are counted and limited.
  public let base: Base
  /// Most evaluations allowed; nil for no limit.
  public let budget: Int?
  /// Evaluations passed on to the base (never more than the budget).
  public private(set) var evaluations = EvaluationCounts()
  /// Whether a call was refused because it would have exceeded the budget.
  public private(set) var isExhausted = false
  /// The lowest finite value seen, and where.
  public private(set) var bestValue = Double.infinity
  /// Where ``bestValue`` was seen; nil before the first finite value.
  public private(set) var bestPoint: [Double]?

  /// `base` limited to `budget` evaluations (nil: counted, not limited).
  public init(_ base: Base, budget: Int?) {
    self.base = base
    self.budget = budget
  }

  public var dimension: Int { base.dimension }

  public var lowerBounds: [Double] {
    (base as? any BoundedMinimizable)?.lowerBounds
      ?? Array(repeating: -.infinity, count: dimension)
  }

  public var upperBounds: [Double] {
    (base as? any BoundedMinimizable)?.upperBounds
      ?? Array(repeating: .infinity, count: dimension)
  }

  /// Whether `cost` more evaluations fit in the budget; marks the problem exhausted
  /// when they do not.
  func allows(_ cost: Int) -> Bool {
    guard let budget else { return true }
    if isExhausted || evaluations.calls + cost > budget {
      isExhausted = true
      return false
    }
    return true
  }

  func remember(_ x: [Double], _ f: Double) {
    if f.isFinite && f < bestValue {
      bestValue = f
      bestPoint = x
    }
  }

  public func value(at x: [Double]) -> Double {
    guard allows(1) else { return .nan }
    evaluations.values += 1
    let f = base.value(at: x)
    remember(x, f)
    return f
  }

  public func valueAndGradient(at x: [Double], gradient: inout [Double]) -> Double {
    guard allows(1) else {
      gradient = Array(repeating: .nan, count: dimension)
      return .nan
    }
    evaluations.values += 1
    evaluations.gradients += 1
    let f = base.valueAndGradient(at: x, gradient: &gradient)
    remember(x, f)
    return f
  }
}

extension BudgetedProblem: LeastSquaresMinimizable where Base: LeastSquaresMinimizable {
  public var residualCount: Int { base.residualCount }

  public func residuals(at x: [Double], into r: inout [Double]) {
    guard allows(1) else {
      r = Array(repeating: .nan, count: residualCount)
      return
    }
    evaluations.values += 1
    base.residuals(at: x, into: &r)
    remember(x, r.reduce(0) { $0 + $1 * $1 })
  }

  public func jacobian(at x: [Double], into j: inout Matrix) {
    guard allows(1) else {
      j.resize(rows: residualCount, columns: dimension)
      for k in j.elements.indices { j.elements[k] = .nan }
      return
    }
    evaluations.jacobians += 1
    base.jacobian(at: x, into: &j)
  }
}
