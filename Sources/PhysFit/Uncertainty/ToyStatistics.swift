/// A number in a toy report: written as `null` in JSON when it is not finite (a
/// statistic of fewer than two toys).
@propertyWrapper
public struct ReportNumber: Sendable, Hashable, Codable {
  /// The number (NaN and ±∞ allowed; they encode as `null`).
  public var wrappedValue: Double

  /// Wraps `wrappedValue`.
  public init(wrappedValue: Double) { self.wrappedValue = wrappedValue }

  /// Reads a number or `null` (as NaN).
  public init(from decoder: any Decoder) throws {
    wrappedValue = try NullableDouble(from: decoder).value
  }

  /// Writes the number, or `null` when it is not finite.
  public func encode(to encoder: any Encoder) throws {
    try NullableDouble(wrappedValue).encode(to: encoder)
  }
}

/// Mean and width of a sample, with their standard errors: for n values xᵢ,
/// mean x̄ = Σxᵢ/n, width s = √(Σ(xᵢ − x̄)²/(n − 1)), error of the mean s/√n, error of
/// the width s/√(2(n − 1)) (exact for a Gaussian sample, to leading order in 1/n).
/// Sums run in the order given — toy-index order — so equal inputs give equal bits.
public struct SampleMoments: Sendable, Hashable, Codable {
  /// The number of values n.
  public var count: Int
  /// x̄ = Σxᵢ/n (NaN for no values).
  @ReportNumber public var mean: Double
  /// s/√n, the standard error of the mean.
  @ReportNumber public var meanError: Double
  /// s = √(Σ(xᵢ − x̄)²/(n − 1)) (NaN below two values).
  @ReportNumber public var width: Double
  /// s/√(2(n − 1)), the standard error of the width for a Gaussian sample.
  @ReportNumber public var widthError: Double

  /// The moments of `values`, summed in the order given.
  public init(_ values: [Double]) {
    let n = Double(values.count)
    count = values.count
    var sum = 0.0
    for v in values { sum += v }
    let mean = values.isEmpty ? .nan : sum / n
    var squares = 0.0
    for v in values { squares += (v - mean) * (v - mean) }
    let width = values.count > 1 ? (squares / (n - 1)).squareRoot() : .nan
    self.mean = mean
    self.width = width
    self.meanError = width / n.squareRoot()
    self.widthError = values.count > 1 ? width / (2 * (n - 1)).squareRoot() : .nan
  }
}

/// The fraction of toys whose interval contains the truth, with its binomial error
/// √(c(1 − c)/n), beside the level it should have.
public struct Coverage: Sendable, Hashable, Codable {
  /// Toys with an interval.
  public var count: Int
  /// Toys whose interval contains the truth.
  public var covered: Int
  /// c = covered / count (NaN for no toys).
  @ReportNumber public var fraction: Double
  /// Binomial error √(c(1 − c)/n).
  @ReportNumber public var error: Double
  /// The confidence level the intervals claim.
  public var expected: Double

  /// The coverage of `covered` out of `count` intervals that claim level `expected`.
  public init(covered: Int, count: Int, expected: Double) {
    self.count = count
    self.covered = covered
    let c = count > 0 ? Double(covered) / Double(count) : .nan
    self.fraction = c
    self.error = count > 0 ? (c * (1 - c) / Double(count)).squareRoot() : .nan
    self.expected = expected
  }
}
