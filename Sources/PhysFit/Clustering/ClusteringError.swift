/// Why a clustering or mixture set-up was rejected. Thrown for bad input, with the
/// 1-based row and column at fault where there is one.
public enum ClusteringError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A setting out of range (a component count below 1, no inputs, a bad start, ...).
  case invalidSetting(String)
  /// A data value that is NaN or infinite, by 1-based row and column.
  case nonFinite(row: Int, column: Int)
  /// Fewer data points than clusters (or components).
  case tooFewPoints(points: Int, clusters: Int)
  /// Data that cannot carry the model: a column without spread, a matrix of the wrong
  /// width, a covariance that is not positive definite.
  case degenerate(String)

  public var description: String {
    switch self {
    case .invalidSetting(let what): what
    case .nonFinite(let row, let column): "data value at row \(row), column \(column) is not finite"
    case .tooFewPoints(let points, let clusters):
      "\(points) data point(s) cannot be split into \(clusters) cluster(s)"
    case .degenerate(let what): what
    }
  }
}

/// Checks of clustering data shared by ``KMeans``, ``ExpectationMaximization`` and
/// ``GaussianMixture``.
enum ClusteringData {
  /// Every value finite, at least one column, at least `clusters` rows.
  static func check(_ data: Matrix, clusters: Int) throws(ClusteringError) {
    guard clusters >= 1 else {
      throw .invalidSetting("the number of clusters must be at least 1, not \(clusters)")
    }
    guard data.columns >= 1 else { throw .degenerate("the data have no columns") }
    guard data.rows >= clusters else {
      throw .tooFewPoints(points: data.rows, clusters: clusters)
    }
    for j in 0..<data.columns {
      for i in 0..<data.rows where !data[i, j].isFinite {
        throw .nonFinite(row: i + 1, column: j + 1)
      }
    }
  }

  /// Per-column means and (biased, 1/n) variances.
  static func moments(_ data: Matrix) -> (mean: [Double], variance: [Double]) {
    let n = Double(data.rows)
    var mean = Array(repeating: 0.0, count: data.columns)
    var variance = mean
    for j in 0..<data.columns {
      var s = 0.0
      for i in 0..<data.rows { s += data[i, j] }
      let m = s / n
      var v = 0.0
      for i in 0..<data.rows { v += (data[i, j] - m) * (data[i, j] - m) }
      mean[j] = m
      variance[j] = v / n
    }
    return (mean, variance)
  }
}
