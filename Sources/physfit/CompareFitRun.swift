import PhysFit

/// Runs the comparison of `physfit compare DATA --model …` on the fit that the data,
/// model, parameter and objective options describe — built by ``ObjectiveBuilder``
/// exactly as `physfit fit` builds it, and handed over with its concrete types.
final class CompareFitRun: FitFollowUp {
  let entrants: [ComparisonEntrant]
  let settings: ComparisonSettings
  let name: String
  let startSpread: Double
  let progress: (@Sendable (Int, Int) -> Void)?
  /// The comparison, once it has run.
  private(set) var comparison: Comparison?

  init(
    entrants: [ComparisonEntrant], settings: ComparisonSettings, name: String,
    startSpread: Double, progress: (@Sendable (Int, Int) -> Void)?
  ) {
    self.entrants = entrants
    self.settings = settings
    self.name = name
    self.startSpread = startSpread
    self.progress = progress
  }

  func run<M: Model, O: Objective>(
    fit: Fit<M, O>, result: FitResult, minimizer: FitMinimizer<M, O>
  ) throws {
    comparison = Comparison.run(
      FitComparisonProblem(fit, name: name, startSpread: startSpread), entrants: entrants,
      settings: settings,
      progress: progress)
  }
}
