import Foundation

/// The largest LRE ``logRelativeError(_:_:)`` reports: certified values carry 11 digits.
public let maximumLogRelativeError = 11.0

/// The log relative error LRE = −log₁₀(|est − cert| / |cert|), the StRD's count of
/// correct significant digits, clamped to [0, ``maximumLogRelativeError``]; 0 for a
/// non-finite estimate.
public func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
  guard estimate.isFinite else { return 0 }
  let relative = abs(estimate - certified) / abs(certified)
  let digits = -log10(max(relative, pow(10, -maximumLogRelativeError)))
  return min(maximumLogRelativeError, max(0, digits))
}
