/// A number in a toy report: written as `null` in JSON when it is not finite (a
/// statistic of fewer than two toys).
@propertyWrapper
public struct ReportNumber: Sendable, Hashable, Codable {
  public var wrappedValue: Double

  public init(wrappedValue: Double) { self.wrappedValue = wrappedValue }

  public init(from decoder: any Decoder) throws {
    wrappedValue = try NullableDouble(from: decoder).value
  }

  public func encode(to encoder: any Encoder) throws {
    try NullableDouble(wrappedValue).encode(to: encoder)
  }
}

/// Mean and width of a sample, with their standard errors: for n values xᵢ,
/// mean x̄ = Σxᵢ/n, width s = √(Σ(xᵢ − x̄)²/(n − 1)), error of the mean s/√n, error of
/// the width s/√(2(n − 1)) (exact for a Gaussian sample, to leading order in 1/n).
/// Sums run in the order given — toy-index order — so equal inputs give equal bits.
public struct SampleMoments: Sendable, Hashable, Codable {
  public var count: Int
  @ReportNumber public var mean: Double
  @ReportNumber public var meanError: Double
  @ReportNumber public var width: Double
  @ReportNumber public var widthError: Double

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
  @ReportNumber public var fraction: Double
  @ReportNumber public var error: Double
  /// The confidence level the intervals claim.
  public var expected: Double

  public init(covered: Int, count: Int, expected: Double) {
    self.count = count
    self.covered = covered
    let c = count > 0 ? Double(covered) / Double(count) : .nan
    self.fraction = c
    self.error = count > 0 ? (c * (1 - c) / Double(count)).squareRoot() : .nan
    self.expected = expected
  }
}
