extension TestFunction {
  /// The Styblinski–Tang function, f(x) = ½ Σᵢ (xᵢ⁴ − 16 xᵢ² + 5 xᵢ): separable,
  /// with 2ⁿ local minima and the global one in a corner of them.
  ///
  /// Global minimum −39.16616570377142·n at xᵢ = −2.903534027771178 for every i (the
  /// root of 4x³ − 32x + 5 = 0, from a 30-digit Newton solve). Search box [−5, 5]ⁿ.
  /// No standard start. Needs n ≥ 1.
  public static func styblinskiTang(dimension: Int = 2) throws -> TestFunction {
    try TestFunctionError.check(.styblinskiTang, dimension, atLeast: 1)
    return TestFunction(
      kind: .styblinskiTang, dimension: dimension, lower: -5, upper: 5,
      minimumValue: -39.16616570377142 * Double(dimension),
      minima: [Array(repeating: -2.903534027771178, count: dimension)], standardStart: nil)
  }
}

enum StyblinskiTangFormula {
  /// ∂f/∂xᵢ = ½ (4 xᵢ³ − 32 xᵢ + 5).
  static func evaluate(
    _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    var f = 0.0
    for i in 0..<x.count {
      let xi = x[i]
      let x2 = xi * xi
      f += 0.5 * (x2 * x2 - 16 * x2 + 5 * xi)
      if let g { g[i] = 0.5 * (4 * x2 * xi - 32 * xi + 5) }
    }
    return f
  }
}
