import Foundation

/// A forward-mode dual number v + d·ε with ε² = 0: carries a value and its
/// derivative along one direction through ordinary arithmetic.
///
/// ``ClosureModel`` evaluates a Swift closure on duals to get exact ∂ŷ/∂θⱼ, one
/// parameter direction at a time, without symbolic algebra or finite differences.
public struct Dual: Sendable, Hashable {
  /// The value v.
  public var value: Double
  /// The derivative d along the chosen direction.
  public var derivative: Double

  /// v + d·ε; a constant has d = 0, the variable being differentiated d = 1.
  @inlinable public init(_ value: Double, derivative: Double = 0) {
    self.value = value
    self.derivative = derivative
  }
}

extension Dual: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
  @inlinable public init(floatLiteral value: Double) { self.init(value) }
  @inlinable public init(integerLiteral value: Int) { self.init(Double(value)) }
}

/// The arithmetic of duals, and of a dual with a constant. The mixed Dual–Double
/// operators are disfavoured overloads: with Dual's literal conformances, a plain
/// expression such as `log(1 + 2.0.squareRoot())` could otherwise be read as a Dual
/// (the literal 1 a Dual, `log(Dual)`) as well as a Double, and Swift would call it
/// ambiguous in every file that imports PhysFit. Disfavoured, they are chosen only
/// where a dual really meets a Double.
extension Dual {
  /// (a + b)′ = a′ + b′.
  @inlinable public static func + (a: Dual, b: Dual) -> Dual {
    Dual(a.value + b.value, derivative: a.derivative + b.derivative)
  }
  /// (a − b)′ = a′ − b′.
  @inlinable public static func - (a: Dual, b: Dual) -> Dual {
    Dual(a.value - b.value, derivative: a.derivative - b.derivative)
  }
  /// (ab)′ = a′b + ab′.
  @inlinable public static func * (a: Dual, b: Dual) -> Dual {
    Dual(a.value * b.value, derivative: a.derivative * b.value + a.value * b.derivative)
  }
  /// (a/b)′ = (a′b − ab′)/b².
  @inlinable public static func / (a: Dual, b: Dual) -> Dual {
    let q = a.value / b.value
    return Dual(q, derivative: (a.derivative - q * b.derivative) / b.value)
  }
  /// (−a)′ = −a′.
  @inlinable public static prefix func - (a: Dual) -> Dual {
    Dual(-a.value, derivative: -a.derivative)
  }

  /// A dual plus a constant.
  @_disfavoredOverload
  @inlinable public static func + (a: Dual, b: Double) -> Dual {
    Dual(a.value + b, derivative: a.derivative)
  }
  /// A constant plus a dual.
  @_disfavoredOverload
  @inlinable public static func + (a: Double, b: Dual) -> Dual {
    Dual(a + b.value, derivative: b.derivative)
  }
  /// A dual minus a constant.
  @_disfavoredOverload
  @inlinable public static func - (a: Dual, b: Double) -> Dual {
    Dual(a.value - b, derivative: a.derivative)
  }
  /// A constant minus a dual.
  @_disfavoredOverload
  @inlinable public static func - (a: Double, b: Dual) -> Dual {
    Dual(a - b.value, derivative: -b.derivative)
  }
  /// A dual times a constant.
  @_disfavoredOverload
  @inlinable public static func * (a: Dual, b: Double) -> Dual {
    Dual(a.value * b, derivative: a.derivative * b)
  }
  /// A constant times a dual.
  @_disfavoredOverload
  @inlinable public static func * (a: Double, b: Dual) -> Dual {
    Dual(a * b.value, derivative: a * b.derivative)
  }
  /// A dual divided by a constant.
  @_disfavoredOverload
  @inlinable public static func / (a: Dual, b: Double) -> Dual {
    Dual(a.value / b, derivative: a.derivative / b)
  }
  /// A constant divided by a dual.
  @_disfavoredOverload
  @inlinable public static func / (a: Double, b: Dual) -> Dual { Dual(a) / b }
}

/// Elementary functions of duals: f(v + dε) = f(v) + f′(v)·d·ε.
@inlinable public func exp(_ a: Dual) -> Dual {
  let e = Foundation.exp(a.value)
  return Dual(e, derivative: e * a.derivative)
}
/// ln a, with (ln a)′ = a′/a.
@inlinable public func log(_ a: Dual) -> Dual {
  Dual(Foundation.log(a.value), derivative: a.derivative / a.value)
}
/// √a, with (√a)′ = a′/(2√a).
@inlinable public func sqrt(_ a: Dual) -> Dual {
  let s = a.value.squareRoot()
  return Dual(s, derivative: a.derivative / (2 * s))
}
/// sin a, with (sin a)′ = a′ cos a.
@inlinable public func sin(_ a: Dual) -> Dual {
  Dual(Foundation.sin(a.value), derivative: Foundation.cos(a.value) * a.derivative)
}
/// cos a, with (cos a)′ = −a′ sin a.
@inlinable public func cos(_ a: Dual) -> Dual {
  Dual(Foundation.cos(a.value), derivative: -Foundation.sin(a.value) * a.derivative)
}
/// tan a, with (tan a)′ = a′/cos² a.
@inlinable public func tan(_ a: Dual) -> Dual {
  let t = Foundation.tan(a.value)
  return Dual(t, derivative: (1 + t * t) * a.derivative)
}
/// atan a, with (atan a)′ = a′/(1 + a²).
@inlinable public func atan(_ a: Dual) -> Dual {
  Dual(Foundation.atan(a.value), derivative: a.derivative / (1 + a.value * a.value))
}
/// tanh a, with (tanh a)′ = a′(1 − tanh² a).
@inlinable public func tanh(_ a: Dual) -> Dual {
  let t = Foundation.tanh(a.value)
  return Dual(t, derivative: (1 - t * t) * a.derivative)
}
/// erf a, with (erf a)′ = a′·2e^(−a²)/√π.
@inlinable public func erf(_ a: Dual) -> Dual {
  let slope = 2 / Double.pi.squareRoot() * Foundation.exp(-a.value * a.value)
  return Dual(Foundation.erf(a.value), derivative: slope * a.derivative)
}
/// |a|, with |a|′ = sign(a)·a′ (the derivative from the right at 0).
@inlinable public func abs(_ a: Dual) -> Dual { a.value < 0 ? -a : a }
/// aᵇ for a real exponent b.
@inlinable public func pow(_ a: Dual, _ b: Double) -> Dual {
  let v = Foundation.pow(a.value, b)
  return Dual(v, derivative: b * Foundation.pow(a.value, b - 1) * a.derivative)
}
/// aᵇ with both a and b duals (a > 0).
@inlinable public func pow(_ a: Dual, _ b: Dual) -> Dual { exp(b * log(a)) }
