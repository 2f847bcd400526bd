import PhysFit

/// Everything a report (text or JSON) says about one fit: the result plus what was
/// fitted to what, and how.
struct FitSummary {
  var result: FitResult
  /// The formula as given on the command line.
  var model: String
  var data: SelectedData
  /// The `--optimizer` choice, with non-default scaling and solver.
  var optimizer: String
  /// Whether σ was given (χ²) or not (residual sum of squares, scaled errors).
  var hasSigma: Bool { data.sigma != nil }

  /// The method line: the algorithm that produced the minimum, and for the portfolio
  /// which member it was.
  var method: String {
    optimizer.hasPrefix(result.method) ? optimizer : "\(optimizer) (best: \(result.method))"
  }
}
