extension TestFunction {
  /// Beale's function,
  /// f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²,
  /// with sharp ridges and flat regions.
  ///
  /// Global minimum 0 at (3, 0.5). Search box [−4.5, 4.5]². Standard start (1, 1)
  /// (Moré, Garbow and Hillstrom).
  public static func beale() -> TestFunction {
    TestFunction(
      kind: .beale, dimension: 2, lower: -4.5, upper: 4.5, minimumValue: 0,
      minima: [[3, 0.5]], standardStart: [1, 1])
  }
}

enum BealeFormula {
  /// With tₖ = cₖ − x + x yᵏ (c = 1.5, 2.25, 2.625):
  /// ∂f/∂x = Σ 2 tₖ (yᵏ − 1), ∂f/∂y = Σ 2 tₖ k x yᵏ⁻¹.
  static func evaluate(
    _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let (u, v) = (x[0], x[1])
    let t1 = 1.5 - u + u * v
    let t2 = 2.25 - u + u * v * v
    let t3 = 2.625 - u + u * v * v * v
    if let g {
      g[0] = 2 * (t1 * (v - 1) + t2 * (v * v - 1) + t3 * (v * v * v - 1))
      g[1] = 2 * u * (t1 + 2 * t2 * v + 3 * t3 * v * v)
    }
    return t1 * t1 + t2 * t2 + t3 * t3
  }
}
