import ArgumentParser
import PhysFit

/// The compact `--schedule` syntax for learning rates, parsed into a ``Schedule``
/// once η₀ is known:
///
/// | text | schedule |
/// |---|---|
/// | `constant` | η_k = η₀ |
/// | `exponential:RATE` | η_k = η₀·RATEᵏ, 0 < RATE ≤ 1 |
/// | `step:FACTOR:EVERY` | η_k = η₀·FACTOR^⌊k/EVERY⌋, 0 < FACTOR ≤ 1, EVERY ≥ 1 |
/// | `cosine:STEPS` | cosine decay from η₀ to 0 over STEPS ≥ 1 |
/// | `plateau:FACTOR:PATIENCE` | ×FACTOR (0 < FACTOR < 1) after PATIENCE ≥ 1 steps without improvement |
///
/// k counts the optimizer's iterations: steps in full-batch mode, epochs in mini-batch
/// mode.
enum ScheduleSyntax: Equatable {
  case constant
  case exponential(rate: Double)
  case step(factor: Double, every: Int)
  case cosine(steps: Int)
  case plateau(factor: Double, patience: Int)

  /// Parses `text`; throws `ValidationError` naming the option, the value and the
  /// expected form.
  init(parsing text: String) throws {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
      String($0).trimmingWhitespace()
    }
    func fail(_ why: String) -> ValidationError {
      ValidationError("--schedule '\(text)': \(why)")
    }
    func number(_ k: Int, _ name: String) throws -> Double {
      guard let x = Double(parts[k]), x.isFinite else {
        throw fail("\(name) '\(parts[k])' is not a number")
      }
      return x
    }
    func count(_ k: Int, _ name: String) throws -> Int {
      guard let n = Int(parts[k]), n >= 1 else {
        throw fail("\(name) '\(parts[k])' must be a whole number ≥ 1")
      }
      return n
    }
    func arity(_ n: Int, _ form: String) throws {
      guard parts.count == n else { throw fail("expected \(form)") }
    }
    switch parts[0] {
    case "constant":
      try arity(1, "constant (no arguments)")
      self = .constant
    case "exponential":
      try arity(2, "exponential:RATE")
      let rate = try number(1, "RATE")
      guard rate > 0 && rate <= 1 else { throw fail("RATE must be in (0, 1]") }
      self = .exponential(rate: rate)
    case "step":
      try arity(3, "step:FACTOR:EVERY")
      let factor = try number(1, "FACTOR")
      guard factor > 0 && factor <= 1 else { throw fail("FACTOR must be in (0, 1]") }
      self = .step(factor: factor, every: try count(2, "EVERY"))
    case "cosine":
      try arity(2, "cosine:STEPS")
      self = .cosine(steps: try count(1, "STEPS"))
    case "plateau":
      try arity(3, "plateau:FACTOR:PATIENCE")
      let factor = try number(1, "FACTOR")
      guard factor > 0 && factor < 1 else { throw fail("FACTOR must be in (0, 1)") }
      self = .plateau(factor: factor, patience: try count(2, "PATIENCE"))
    default:
      throw fail(
        "unknown schedule '\(parts[0])' (expected constant, exponential:RATE, "
          + "step:FACTOR:EVERY, cosine:STEPS or plateau:FACTOR:PATIENCE)")
    }
  }

  /// The schedule starting at η₀.
  func schedule(initial eta: Double) -> Schedule {
    switch self {
    case .constant: .constant(eta)
    case .exponential(let rate): .exponential(initial: eta, rate: rate)
    case .step(let factor, let every): .step(initial: eta, factor: factor, every: every)
    case .cosine(let steps): .cosine(initial: eta, final: 0, steps: steps)
    case .plateau(let factor, let patience):
      .reduceOnPlateau(initial: eta, factor: factor, patience: patience)
    }
  }
}
