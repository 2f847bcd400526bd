/// A multi-output linear model, ŷᵢₒ = bₒ + Σⱼ wₒⱼ xᵢⱼ for o = 0..<k — linear
/// regression with k = 1, and the logits of softmax regression (multinomial logistic
/// regression) with k classes, paired with ``CategoricalCrossEntropy``.
///
/// Parameters, output by output: `b0, w0_<input0>, w0_<input1>, ..., b1, w1_<input0>,
/// ...`. The Jacobian and pullback are exact (the model is linear in θ).
public struct LinearModel: Model {
  public let inputNames: [String]
  public let outputCount: Int
  public let parameterNames: [String]

  /// A linear model y_k = b_k + Σⱼ w_kj xⱼ in the named inputs with `outputs` outputs.
  ///
  /// - Parameters:
  ///   - inputs: names of the d input columns.
  ///   - outputs: k ≥ 1 outputs.
  public init(inputs: [String], outputs: Int = 1) {
    precondition(outputs >= 1, "a linear model needs at least one output")
    self.inputNames = inputs
    self.outputCount = outputs
    self.parameterNames = (0..<outputs).flatMap { o in
      ["b\(o)"] + inputs.map { "w\(o)_\($0)" }
    }
  }

  /// Position of bₒ in θ; wₒⱼ follows at +1 + j.
  @inlinable
  func offset(_ o: Int) -> Int { o * (inputNames.count + 1) }

  public func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    let d = inputNames.count
    output.resize(rows: n, columns: outputCount)
    for o in 0..<outputCount {
      let base = offset(o)
      let b = parameters[base]
      for i in 0..<n { output.elements[i + o * n] = b }
      for j in 0..<d {
        let w = parameters[base + 1 + j]
        for i in 0..<n { output.elements[i + o * n] += w * inputs.elements[i + j * n] }
      }
    }
  }

  /// ∂ŷᵢₒ/∂bₒ = 1, ∂ŷᵢₒ/∂wₒⱼ = xᵢⱼ, 0 across outputs.
  public func jacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    let d = inputNames.count
    let rows = n * outputCount
    jacobian.resize(rows: rows, columns: parameters.count)
    for k in jacobian.elements.indices { jacobian.elements[k] = 0 }
    for o in 0..<outputCount {
      let base = offset(o)
      for i in 0..<n { jacobian.elements[o * n + i + base * rows] = 1 }
      for j in 0..<d {
        for i in 0..<n {
          jacobian.elements[o * n + i + (base + 1 + j) * rows] = inputs.elements[i + j * n]
        }
      }
    }
  }

  /// ∂L/∂bₒ = Σᵢ vᵢₒ, ∂L/∂wₒⱼ = Σᵢ vᵢₒ xᵢⱼ.
  public func pullback(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    let d = inputNames.count
    if gradient.count != parameters.count {
      gradient = Array(repeating: 0, count: parameters.count)
    }
    for o in 0..<outputCount {
      let base = offset(o)
      var sum = 0.0
      for i in 0..<n { sum += cotangent.elements[i + o * n] }
      gradient[base] = sum
      for j in 0..<d {
        var s = 0.0
        for i in 0..<n { s += cotangent.elements[i + o * n] * inputs.elements[i + j * n] }
        gradient[base + 1 + j] = s
      }
    }
  }
}
