extension TestFunction {
  /// The Rosenbrock function (chained form),
  /// f(x) = Σᵢ₌₁ⁿ⁻¹ [100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²],
  /// a curved narrow valley that punishes steepest descent.
  ///
  /// Global minimum 0 at (1, …, 1). Search box [−5, 10]ⁿ. Standard start: (−1.2, 1) in
  /// two dimensions, and the alternating (−1.2, 1, −1.2, 1, …) of Moré, Garbow and
  /// Hillstrom in more. Needs n ≥ 2.
  public static func rosenbrock(dimension: Int = 2) throws -> TestFunction {
    try TestFunctionError.check(.rosenbrock, dimension, atLeast: 2)
    return TestFunction(
      kind: .rosenbrock, dimension: dimension, lower: -5, upper: 10, minimumValue: 0,
      minima: [Array(repeating: 1, count: dimension)],
      standardStart: (0..<dimension).map { $0 % 2 == 0 ? -1.2 : 1 })
  }
}

enum RosenbrockFormula {
  /// ∂f/∂xᵢ = −400 xᵢ (xᵢ₊₁ − xᵢ²) − 2 (1 − xᵢ) + 200 (xᵢ − xᵢ₋₁²).
  static func evaluate(
    _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let n = x.count
    if let g { for i in 0..<n { g[i] = 0 } }
    var f = 0.0
    for i in 0..<(n - 1) {
      let valley = x[i + 1] - x[i] * x[i]
      let offset = 1 - x[i]
      f += 100 * valley * valley + offset * offset
      if let g {
        g[i] += -400 * x[i] * valley - 2 * offset
        g[i + 1] += 200 * valley
      }
    }
    return f
  }
}
