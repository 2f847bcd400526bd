/// Why a profile, contour or toy study could not be set up. Thrown for bad input; a
/// crossing that could not be found is not an error but a flagged ``IntervalEdge``.
public enum UncertaintyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A confidence level outside (0, 1), or a non-positive number of standard deviations.
  case invalidLevel(String)
  /// A parameter name the fit does not have.
  case unknownParameter(String, known: [String])
  /// A fixed parameter cannot be profiled.
  case fixedParameter(String)
  /// The minimum the profile starts from is not a verified minimum.
  case invalidMinimum(String)
  /// A value, range or setting that cannot be used (named in the message).
  case invalidSetting(String)
  /// The objective cannot draw pseudo-data (or not with this set-up).
  case noPseudoData(String)

  public var description: String {
    switch self {
    case .invalidLevel(let what): what
    case .unknownParameter(let name, let known):
      "unknown parameter '\(name)' (the fit has: \(known.joined(separator: ", ")))"
    case .fixedParameter(let name):
      "parameter '\(name)' is fixed: only free parameters have a profile"
    case .invalidMinimum(let what): what
    case .invalidSetting(let what): what
    case .noPseudoData(let what): what
    }
  }
}
