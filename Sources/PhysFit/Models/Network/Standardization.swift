/// An affine rescaling of columns, x′ⱼ = (xⱼ − mⱼ)/sⱼ, stored with a network so that
/// the network reads and writes data in the data's own units.
///
/// Networks train best when inputs and targets are of order one: tanh and sigmoid
/// saturate for |z| ≫ 1, and the initialisation rules assume unit-variance inputs.
/// ``Network`` applies an input standardisation to the raw inputs and undoes an output
/// standardisation on its last layer (ŷ = m + s·a⁽ᴸ⁾) inside `evaluate`, so predictions,
/// Jacobians and gradients are all in data units and every objective sees the data as
/// given. Use an output standardisation for regression only: a probability or a logit
/// must not be shifted.
public struct Standardization: Sendable, Hashable, Codable {
  /// mⱼ, one per column.
  public var means: [Double]
  /// sⱼ > 0, one per column.
  public var scales: [Double]

  /// Given shifts and scales. Throws unless the counts agree, every mean is finite and
  /// every scale finite and positive.
  public init(means: [Double], scales: [Double]) throws(NetworkError) {
    guard means.count == scales.count else {
      throw NetworkError(
        "standardisation has \(means.count) mean(s) but \(scales.count) scale(s)")
    }
    if let j = means.firstIndex(where: { !$0.isFinite }) {
      throw NetworkError("standardisation mean of column \(j + 1) is not finite")
    }
    if let j = scales.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
      throw NetworkError(
        "standardisation scale of column \(j + 1) is \(scales[j]); it must be positive and finite")
    }
    self.means = means
    self.scales = scales
  }

  /// The column means and standard deviations of `data` (divisor n, as scikit-learn's
  /// `StandardScaler`). A constant column (spread below 10⁻¹² of its mean) gets scale
  /// 1 and is only shifted, so that a feature without spread does not divide by zero. Throws for non-finite values or
  /// no rows.
  public init(columnsOf data: Matrix) throws(NetworkError) {
    let n = data.rows
    guard n > 0 else { throw NetworkError("cannot standardise columns without rows") }
    var means: [Double] = []
    var scales: [Double] = []
    for j in 0..<data.columns {
      var sum = 0.0
      for i in 0..<n {
        let v = data[i, j]
        guard v.isFinite else {
          throw NetworkError("value in row \(i + 1), column \(j + 1) is not finite")
        }
        sum += v
      }
      let mean = sum / Double(n)
      var squares = 0.0
      for i in 0..<n { squares += (data[i, j] - mean) * (data[i, j] - mean) }
      let sd = (squares / Double(n)).squareRoot()
      means.append(mean)
      scales.append(sd > 1e-12 * abs(mean) && sd > 0 ? sd : 1)
    }
    self.means = means
    self.scales = scales
  }

  /// Number of columns.
  public var count: Int { means.count }

  enum CodingKeys: String, CodingKey {
    case means, scales
  }

  /// Decodes and validates as ``init(means:scales:)``.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    do {
      try self.init(
        means: try c.decode([Double].self, forKey: .means),
        scales: try c.decode([Double].self, forKey: .scales))
    } catch let error as NetworkError {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: c.codingPath, debugDescription: error.description))
    }
  }
}
