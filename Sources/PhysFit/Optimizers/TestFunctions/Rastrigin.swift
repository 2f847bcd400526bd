import Foundation

extension TestFunction {
  /// The Rastrigin function, f(x) = 10 n + Σᵢ [xᵢ² − 10 cos(2π xᵢ)]: a parabola
  /// covered by a regular grid of about 10ⁿ local minima, the standard test of global
  /// optimizers.
  ///
  /// Global minimum 0 at the origin. Search box [−5.12, 5.12]ⁿ. No standard start
  /// (global optimizers start anywhere in the box). Needs n ≥ 1.
  public static func rastrigin(dimension: Int = 2) throws -> TestFunction {
    try TestFunctionError.check(.rastrigin, dimension, atLeast: 1)
    return TestFunction(
      kind: .rastrigin, dimension: dimension, lower: -5.12, upper: 5.12, minimumValue: 0,
      minima: [Array(repeating: 0, count: dimension)], standardStart: nil)
  }
}

enum RastriginFormula {
  /// ∂f/∂xᵢ = 2 xᵢ + 20π sin(2π xᵢ).
  static func evaluate(
    _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    var f = 10 * Double(x.count)
    for i in 0..<x.count {
      let xi = x[i]
      f += xi * xi - 10 * cos(2 * Double.pi * xi)
      if let g { g[i] = 2 * xi + 20 * Double.pi * sin(2 * Double.pi * xi) }
    }
    return f
  }
}
