/// A problem whose objective is a sum over data points, so that a subset of points
/// (a mini-batch) gives an unbiased estimate of the value and gradient.
///
/// Mini-batch gradient descent and early stopping on held-out points use this; full-
/// batch optimizers ignore it.
public protocol StochasticMinimizable: Minimizable {
  /// Number of data points that can be drawn.
  var pointCount: Int { get }
  /// An unbiased estimate of f(x) from the given points (scaled to the whole data set).
  func value(at x: [Double], points: [Int]) -> Double
  /// An unbiased estimate of f(x) and ∇f(x) from the given points.
  func valueAndGradient(at x: [Double], points: [Int], gradient: inout [Double]) -> Double
}
