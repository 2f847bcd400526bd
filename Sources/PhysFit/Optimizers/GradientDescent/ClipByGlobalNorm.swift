/// u ← u · min(1, c/‖u‖₂): limits the length of the whole update vector while keeping
/// its direction (Pascanu et al. 2013), a guard against the rare huge gradient of a
/// steep wall or a bad mini-batch.
public struct ClipByGlobalNorm: GradientTransformation {
  /// c > 0.
  public let maximumNorm: Double

  /// Rescales an update whose Euclidean norm exceeds `maximumNorm` down to it.
  public init(_ maximumNorm: Double) {
    self.maximumNorm = maximumNorm
  }

  public func makeState(dimension: Int) {}

  public func update(_ updates: inout [Double], state: inout Void, parameters: [Double]) {
    let c = maximumNorm
    updates.withUnsafeMutableBufferPointer { u in
      var sum = 0.0
      for value in u { sum += value * value }
      let norm = sum.squareRoot()
      guard norm > c else { return }
      let scale = c / norm
      for i in u.indices { u[i] *= scale }
    }
  }

  public func validate() throws(GradientDescentError) {
    try GradientDescentError.checkPositive("clipping norm", maximumNorm)
  }

  public var description: String { "clipByGlobalNorm(\(maximumNorm))" }
}

extension GradientTransformation where Self == ClipByGlobalNorm {
  /// u ← u · min(1, c/‖u‖₂).
  public static func clipByGlobalNorm(_ maximumNorm: Double) -> Self {
    ClipByGlobalNorm(maximumNorm)
  }
}
