/// Why a fit could not be set up. Thrown for bad input; non-convergence is not an
/// error but a status of ``FitResult``.
public enum FitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Data columns of different lengths.
  case lengthMismatch(String)
  /// A value that is NaN or infinite: which array and the 1-based row.
  case nonFiniteData(what: String, row: Int)
  /// σ ≤ 0 at a 1-based row.
  case nonPositiveSigma(row: Int, value: Double)
  /// Fewer data points than free parameters.
  case tooFewPoints(points: Int, freeParameters: Int)
  /// Every parameter is fixed: there is nothing to minimise.
  case noFreeParameters([String])
  /// A parameter name that the model does not have.
  case unknownParameter(String, known: [String])
  /// A start value outside its bounds, or bounds with lower ≥ upper.
  case invalidBounds(String)
  /// The model's inputs do not match the data.
  case inputMismatch(String)

  public var description: String {
    switch self {
    case .lengthMismatch(let what): what
    case .nonFiniteData(let what, let row): "\(what) is not finite at row \(row)"
    case .nonPositiveSigma(let row, let value):
      "sigma must be positive: \(value) at row \(row)"
    case .tooFewPoints(let n, let p):
      "\(n) data points cannot determine \(p) free parameters"
    case .noFreeParameters(let names):
      "every parameter is fixed (\(names.joined(separator: ", "))): there is nothing to fit"
    case .unknownParameter(let name, let known):
      "unknown parameter '\(name)' (the model has: \(known.joined(separator: ", ")))"
    case .invalidBounds(let what): what
    case .inputMismatch(let what): what
    }
  }
}
