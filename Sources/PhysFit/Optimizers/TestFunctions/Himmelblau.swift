extension TestFunction {
  /// Himmelblau's function, f(x, y) = (x² + y − 11)² + (x + y² − 7)²: four global
  /// minima of equal depth, for tests of which basin an optimizer falls into.
  ///
  /// Global minimum 0 at (3, 2), (−2.805118…, 3.131312…), (−3.779310…, −3.283185…)
  /// and (3.584428…, −1.848126…) (the last three to 15 digits, from a 30-digit Newton
  /// solve). Search box [−5, 5]². No standard start.
  public static func himmelblau() -> TestFunction {
    TestFunction(
      kind: .himmelblau, dimension: 2, lower: -5, upper: 5, minimumValue: 0,
      minima: [
        [3, 2],
        [-2.805118086952745, 3.131312518250573],
        [-3.779310253377747, -3.283185991286169],
        [3.584428340330492, -1.848126526964404],
      ],
      standardStart: nil)
  }
}

enum HimmelblauFormula {
  /// With a = x² + y − 11 and b = x + y² − 7: ∂f/∂x = 4xa + 2b, ∂f/∂y = 2a + 4yb.
  static func evaluate(
    _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let (u, v) = (x[0], x[1])
    let a = u * u + v - 11
    let b = u + v * v - 7
    if let g {
      g[0] = 4 * u * a + 2 * b
      g[1] = 2 * a + 4 * v * b
    }
    return a * a + b * b
  }
}
