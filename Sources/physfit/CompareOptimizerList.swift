import ArgumentParser
import PhysFit

/// `--optimizers a,b,c|all`: the optimizers of a comparison, each built exactly as
/// `physfit fit --optimizer NAME` builds it (with `--max-iterations` and `--tolerance`
/// applied to each), so a comparison's run from the fit's start is that fit. An item
/// `a+b` is a pipeline (`--optimizer a --then b`).
struct CompareOptimizerList {
  /// The stages of each item, in the order given.
  var items: [[OptimizerChoice]]

  init(parsing text: String) throws {
    let list = DataOptions.split(text)
    if list == ["all"] {
      items = OptimizerChoice.allCases.map { [$0] }
      return
    }
    var seen = Set<String>()
    items = try list.map { item in
      guard !item.isEmpty else { throw ValidationError("--optimizers '\(text)': empty item") }
      let stages = item.split(separator: "+", omittingEmptySubsequences: false).map {
        String($0).trimmingWhitespace()
      }
      guard stages.count <= 2 else {
        throw ValidationError(
          "--optimizers '\(item)': a pipeline has two stages (global+polish), e.g. annealing+bfgs")
      }
      let choices = try stages.map { name in
        guard let choice = OptimizerChoice(rawValue: name) else {
          throw ValidationError(
            "--optimizers '\(item)': unknown optimizer '\(name)' (known: all, "
              + OptimizerChoice.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return choice
      }
      if choices.count == 2, choices[0].isLeastSquares {
        throw ValidationError(
          "--optimizers '\(item)': a least-squares optimizer can only be the second stage "
            + "of a pipeline (e.g. annealing+\(choices[0].rawValue))")
      }
      let name = choices.map(\.rawValue).joined(separator: "+")
      guard seen.insert(name).inserted else {
        throw ValidationError("--optimizers '\(text)': '\(name)' is listed twice")
      }
      return choices
    }
  }

  /// The entrants, each with the library's defaults plus `--max-iterations` and
  /// `--tolerance`, for an objective of `shape` (general for plain functions).
  func entrants(
    maxIterations: Int?, tolerance: Double?, shape: ObjectiveChoice.Shape
  ) throws -> [ComparisonEntrant] {
    try items.map { stages in
      var arguments = ["--optimizer", stages[0].rawValue]
      if stages.count == 2 { arguments += ["--then", stages[1].rawValue] }
      if let maxIterations { arguments += ["--max-iterations", "\(maxIterations)"] }
      if let tolerance { arguments += ["--tolerance", "\(tolerance)"] }
      let options = try OptimizerOptions.parse(arguments)
      let name = stages.map(\.rawValue).joined(separator: "+")
      switch options.build(for: shape) {
      case .general(let optimizer):
        return ComparisonEntrant(name: name, method: .general(optimizer))
      case .leastSquares(let optimizer):
        return ComparisonEntrant(name: name, method: .leastSquares(optimizer))
      }
    }
  }
}
