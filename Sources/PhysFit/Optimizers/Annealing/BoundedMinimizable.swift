/// A problem with a search box, lᵢ ≤ xᵢ ≤ uᵢ, that global optimizers sample in.
///
/// Fits do not need it: their bounds are honoured by the internal↔external
/// transform (``ParameterTransform``) and every optimizer moves in unconstrained
/// coordinates. Plain test functions have a box but no transform; global optimizers
/// such as ``SimulatedAnnealing`` read it from here. A bound may be infinite.
public protocol BoundedMinimizable: Minimizable {
  /// Lower corner of the box (`dimension` values; −∞ for no bound).
  var lowerBounds: [Double] { get }
  /// Upper corner of the box (`dimension` values; +∞ for no bound).
  var upperBounds: [Double] { get }
}

extension TestFunction: BoundedMinimizable {}

extension TransformedProblem: BoundedMinimizable {
  /// The box of the internal coordinates: a parameter with both bounds maps
  /// θ = a + (b − a)(sin u + 1)/2, which covers [a, b] once for u ∈ [−π/2, π/2];
  /// a parameter with one bound maps through √(u² + 1), which is even in u, so
  /// u ≥ 0 covers it once; a free parameter has no box.
  public var lowerBounds: [Double] {
    transform.free.map { i in
      let p = transform.parameters[i]
      switch (p.lower, p.upper) {
      case (_?, _?): return -Double.pi / 2
      case (_?, nil), (nil, _?): return 0
      case (nil, nil): return -.infinity
      }
    }
  }

  public var upperBounds: [Double] {
    transform.free.map { i in
      let p = transform.parameters[i]
      return p.lower != nil && p.upper != nil ? Double.pi / 2 : .infinity
    }
  }
}
