import PhysFit

/// Runs the comparison of `physfit compare DATA --model …` on the fit that the data,
/// model, parameter and objective options describe — built by ``ObjectiveBuilder``
/// exactly as `physfit fit` builds it, and handed over with its concrete types.
final class CompareFitRun: FitFollowUp {
  let entrants: [ComparisonEntrant]
  let settings: ComparisonSettings
  let name: String
  let progress: (@Sendable (Int, Int) -> Void)?
  /// The comparison, once it has run.
  private(set) var comparison: Comparison?

  init(
    entrants: [ComparisonEntrant], settings: ComparisonSettings, name: String,
    progress: (@Sendable (Int, Int) -> Void)?
  ) {
    self.entrants = entrants
    self.settings = settings
    self.name = name
    self.progress = progress
  }

  func run<M: Model, O: Objective>(
    fit: Fit<M, O>, result: FitResult, minimizer: FitMinimizer<M, O>
  ) throws {
    comparison = Comparison.run(
      FitComparisonProblem(fit, name: name), entrants: entrants, settings: settings,
      progress: progress)
  }
}
