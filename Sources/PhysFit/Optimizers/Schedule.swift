import Foundation

/// A value that changes with the step count: learning rates of gradient descent and
/// temperatures of simulated annealing share this one type.
///
/// `value(at: k)` for step k = 0, 1, 2, .... Schedules that react to the objective
/// (reduce-on-plateau) keep their state in a ``ScheduleState``.
public enum Schedule: Sendable, Hashable {
  /// η_k = η₀.
  case constant(Double)
  /// η_k = η₀ · rᵏ (r < 1 decays): the classic annealing cooling T_k = T₀ αᵏ.
  case exponential(initial: Double, rate: Double)
  /// η_k = η₀ · f^⌊k/s⌋: multiply by `factor` every `every` steps.
  case step(initial: Double, factor: Double, every: Int)
  /// η_k = η_min + (η₀ − η_min)(1 + cos(π min(k, K)/K))/2 (Loshchilov & Hutter 2017).
  case cosine(initial: Double, final: Double, steps: Int)
  /// T_k = T₀ / ln(e + k): the logarithmic cooling under which annealing provably
  /// reaches the global minimum (Geman & Geman 1984), slow in practice.
  case logarithmic(initial: Double)
  /// Start at η₀; multiply by `factor` when the observed objective has not improved
  /// by a relative `threshold` for `patience` steps; never below `minimum`.
  case reduceOnPlateau(
    initial: Double, factor: Double, patience: Int, threshold: Double = 1e-4,
    minimum: Double = 0)

  /// The value at step k for schedules that do not depend on the objective (for
  /// reduce-on-plateau: its initial value; use ``ScheduleState``).
  public func value(at k: Int) -> Double {
    switch self {
    case .constant(let v): v
    case .exponential(let v, let r): v * Foundation.pow(r, Double(k))
    case .step(let v, let f, let every): v * Foundation.pow(f, Double(k / max(every, 1)))
    case .cosine(let v, let final, let steps):
      final + (v - final)
        * (1 + Foundation.cos(Double.pi * Double(min(k, steps)) / Double(max(steps, 1)))) / 2
    case .logarithmic(let v): v / Foundation.log(M_E + Double(k))
    case .reduceOnPlateau(let v, _, _, _, _): v
    }
  }

  /// The first value.
  public var initial: Double { value(at: 0) }
}

/// A schedule together with what it has observed: the value for the next step.
public struct ScheduleState: Sendable {
  /// The schedule being stepped.
  public let schedule: Schedule
  /// The step count k, advanced by ``advance(observing:)``.
  public private(set) var step = 0
  private var current: Double
  private var best = Double.infinity
  private var sinceBest = 0

  /// The state at step 0.
  public init(_ schedule: Schedule) {
    self.schedule = schedule
    self.current = schedule.initial
  }

  /// The value to use now.
  public var value: Double {
    if case .reduceOnPlateau = schedule { return current }
    return schedule.value(at: step)
  }

  /// Advances one step; `objective` feeds reduce-on-plateau (ignored otherwise).
  public mutating func advance(observing objective: Double = .nan) {
    step += 1
    guard case .reduceOnPlateau(_, let factor, let patience, let threshold, let minimum) = schedule,
      objective.isFinite
    else { return }
    if objective < best - threshold * abs(best) || !best.isFinite {
      best = objective
      sinceBest = 0
    } else {
      sinceBest += 1
      if sinceBest >= patience {
        current = max(current * factor, minimum)
        sinceBest = 0
      }
    }
  }
}

extension ScheduleState {
  /// What a checkpoint keeps of the state: the step, the current value and
  /// reduce-on-plateau's best value and steps since it (``GradientDescent/Checkpoint``).
  var savedNumbers: [String: Double] {
    ["step": Double(step), "current": current, "best": best, "sinceBest": Double(sinceBest)]
  }

  /// The state of `schedule` saved as ``savedNumbers``; nil when a number is missing.
  init?(_ schedule: Schedule, restoring numbers: [String: Double]) {
    guard let step = numbers["step"], let current = numbers["current"],
      let best = numbers["best"], let sinceBest = numbers["sinceBest"],
      let k = Int(exactly: step), let s = Int(exactly: sinceBest)
    else { return nil }
    self.init(schedule)
    self.step = k
    self.current = current
    self.best = best
    self.sinceBest = s
  }
}
