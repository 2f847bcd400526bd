/// Grow-only scratch memory that a caller lends to a model's evaluation.
///
/// A fit owns one workspace for its whole run; models take registers, activations
/// or temporary columns from it. After the first evaluation it has reached its
/// final size, so the optimizer's inner loop allocates nothing.
public struct ModelWorkspace: Sendable {
  @usableFromInline var storage: [Double] = []

  /// An empty workspace; it grows to what the first evaluations need and is reused after.
  public init() {}

  /// Runs `body` with at least `count` scratch doubles (contents unspecified).
  @inlinable
  public mutating func withScratch<R>(
    count: Int, _ body: (UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    if storage.count < count {
      storage = Array(repeating: 0, count: count)
    }
    return try storage.withUnsafeMutableBufferPointer { try body($0) }
  }
}
