/// A parameterised function ŷ = f(x; θ) — the first of the three elements.
///
/// A physical formula and a neural network are both models: they map a batch of
/// inputs (n points × d inputs, one column per input) and a parameter vector θ
/// (p values) to predictions (n points × k outputs). Derivatives come in the two
/// shapes the optimizers need:
///
/// - ``jacobian(_:parameters:into:workspace:)`` — ∂ŷ/∂θ, an (n·k) × p matrix, for
///   least squares (Gauss–Newton, Levenberg–Marquardt);
/// - ``pullback(_:parameters:cotangent:into:workspace:)`` — given v = ∂L/∂ŷ, returns
///   ∂L/∂θ = vᵀ ∂ŷ/∂θ, i.e. backpropagation, for gradient-based minimisation.
///
/// Defaults exist for both (central differences for the Jacobian, the Jacobian
/// transposed for the pullback), so a model only has to give what it can give best.
/// Scratch memory comes from a caller-owned ``ModelWorkspace``, so that repeated
/// evaluations inside an optimizer allocate nothing.
public protocol Model: Sendable {
  /// Names of θ, in order. Unique.
  var parameterNames: [String] { get }
  /// Names of the inputs (data columns) the model reads, in order; d = count.
  var inputNames: [String] { get }
  /// k, the number of outputs per point (1 for a formula).
  var outputCount: Int { get }

  /// Writes ŷ (n × k) for the n rows of `inputs` (n × d).
  func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace)

  /// Writes ∂ŷ/∂θ as an (n·k) × p matrix: row i + n·o is output o at point i.
  func jacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace)

  /// Writes ∂L/∂θⱼ = Σᵢ vᵢ ∂ŷᵢ/∂θⱼ for a cotangent v = ∂L/∂ŷ shaped like the output.
  func pullback(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace)

  /// The same as ``pullback(_:parameters:cotangent:into:workspace:)``, called right
  /// after ``evaluate(_:parameters:into:workspace:)`` with the same inputs, parameters
  /// and workspace: a model may reuse what its forward pass left in the workspace
  /// (a network's activations) instead of computing it again. Defaults to `pullback`.
  func pullbackAfterEvaluate(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace)

  /// Whether the model may have more parameters than data points (a neural network),
  /// where a fit would otherwise refuse to start. Defaults to false.
  var allowsMoreParametersThanData: Bool { get }
}

extension Model {
  public var outputCount: Int { 1 }

  public var allowsMoreParametersThanData: Bool { false }

  public func pullbackAfterEvaluate(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace
  ) {
    pullback(
      inputs, parameters: parameters, cotangent: cotangent, into: &gradient, workspace: &workspace)
  }

  /// The number of parameters p.
  public var parameterCount: Int { parameterNames.count }

  /// A fresh parameter set named after the model, all values at `value`.
  public func makeParameters(value: Double = 1) -> ParameterSet {
    ParameterSet(names: parameterNames, value: value)
  }

  /// Default Jacobian: central differences with step hⱼ = ∛ε · max(|θⱼ|, 1),
  /// which balances truncation O(h²) against rounding O(ε/h).
  public func jacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    centralDifferenceJacobian(
      inputs, parameters: parameters, into: &jacobian, workspace: &workspace)
  }

  /// Central-difference Jacobian, the explicit fallback for models without exact derivatives.
  public func centralDifferenceJacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows * outputCount
    jacobian.resize(rows: n, columns: parameters.count)
    var theta = parameters
    var plus = Matrix(rows: inputs.rows, columns: outputCount)
    var minus = plus
    let h0 = 6.0554544523933395e-06  // ∛(2⁻⁵²)
    for j in parameters.indices {
      let h = h0 * max(abs(parameters[j]), 1)
      theta[j] = parameters[j] + h
      evaluate(inputs, parameters: theta, into: &plus, workspace: &workspace)
      theta[j] = parameters[j] - h
      evaluate(inputs, parameters: theta, into: &minus, workspace: &workspace)
      theta[j] = parameters[j]
      let scale = 1 / (2 * h)
      for i in 0..<n {
        jacobian.elements[i + j * n] = (plus.elements[i] - minus.elements[i]) * scale
      }
    }
  }

  /// Default pullback: Jᵀv through the Jacobian.
  public func pullback(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace
  ) {
    var j = Matrix(rows: 0, columns: 0)
    jacobian(inputs, parameters: parameters, into: &j, workspace: &workspace)
    let n = j.rows
    if gradient.count != parameters.count {
      gradient = Array(repeating: 0, count: parameters.count)
    }
    for p in 0..<parameters.count {
      var s = 0.0
      for i in 0..<n { s += j.elements[i + p * n] * cotangent.elements[i] }
      gradient[p] = s
    }
  }

  /// Convenience: ŷ for `inputs` with a temporary workspace.
  public func evaluate(_ inputs: Matrix, parameters: [Double]) -> Matrix {
    var out = Matrix(rows: inputs.rows, columns: outputCount)
    var ws = ModelWorkspace()
    evaluate(inputs, parameters: parameters, into: &out, workspace: &ws)
    return out
  }

  /// Convenience: ∂ŷ/∂θ for `inputs` with a temporary workspace.
  public func jacobian(_ inputs: Matrix, parameters: [Double]) -> Matrix {
    var out = Matrix(rows: 0, columns: 0)
    var ws = ModelWorkspace()
    jacobian(inputs, parameters: parameters, into: &out, workspace: &ws)
    return out
  }
}
