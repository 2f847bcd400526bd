import Foundation

extension TestFunction {
  /// Ackley's function,
  /// f(x) = −20 exp(−0.2 √(Σxᵢ²/n)) − exp(Σ cos(2π xᵢ)/n) + 20 + e:
  /// a nearly flat outer region with many shallow local minima around one deep hole.
  ///
  /// Global minimum 0 at the origin (in floating point f(0) is a few ulp of e, about
  /// 4·10⁻¹⁶). Search box [−32.768, 32.768]ⁿ. No standard start. Needs n ≥ 1.
  public static func ackley(dimension: Int = 2) throws -> TestFunction {
    try TestFunctionError.check(.ackley, dimension, atLeast: 1)
    return TestFunction(
      kind: .ackley, dimension: dimension, lower: -32.768, upper: 32.768, minimumValue: 0,
      minima: [Array(repeating: 0, count: dimension)], standardStart: nil)
  }
}

enum AckleyFormula {
  /// With r = √(Σxᵢ²/n) and c = Σ cos(2π xᵢ)/n:
  /// ∂f/∂xᵢ = 4 e^(−0.2 r) xᵢ/(n r) + (2π/n) eᶜ sin(2π xᵢ).
  /// f is not differentiable at the origin (a cone point); the gradient there is the
  /// zero subgradient.
  static func evaluate(
    _ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let n = Double(x.count)
    var squares = 0.0
    var cosines = 0.0
    for xi in x {
      squares += xi * xi
      cosines += cos(2 * Double.pi * xi)
    }
    let r = (squares / n).squareRoot()
    let radial = exp(-0.2 * r)
    let wave = exp(cosines / n)
    if let g {
      let radialFactor = r > 0 ? 4 * radial / (n * r) : 0
      let waveFactor = 2 * Double.pi / n * wave
      for i in 0..<x.count {
        g[i] = radialFactor * x[i] + waveFactor * sin(2 * Double.pi * x[i])
      }
    }
    return -20 * radial - wave + 20 + M_E
  }
}
