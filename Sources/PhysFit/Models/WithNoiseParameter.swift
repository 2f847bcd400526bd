/// A model with one extra parameter, a noise level σ, returned as a second output
/// column: ŷ = (f(x; θ), σ). This is how ``GaussianNLL`` fits σ as a parameter — the
/// objective reads (μ, σ) per point from the two columns.
///
/// ```swift
/// let model = WithNoiseParameter(try ExpressionModel("a + b*x"), name: "sigma")
/// var fit = try Fit(model: model, inputs: x, objective: try GaussianNLL(y: y))
/// try fit.set("sigma", value: 1, lower: 0)
/// ```
public struct WithNoiseParameter<Base: Model>: Model {
  /// The model of the mean μ.
  public let base: Base
  public let parameterNames: [String]

  /// `base` with one more parameter, the noise width σ, named `name` (a second output carries it).
  ///
  /// - Parameters:
  ///   - base: a one-output model for the mean μ.
  ///   - name: the noise parameter's name, appended after the base's parameters.
  public init(_ base: Base, name: String = "sigma") {
    precondition(base.outputCount == 1, "WithNoiseParameter wraps a one-output model")
    precondition(!base.parameterNames.contains(name), "parameter '\(name)' already exists")
    self.base = base
    self.parameterNames = base.parameterNames + [name]
  }

  public var inputNames: [String] { base.inputNames }
  public var outputCount: Int { 2 }

  public func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    var mean = Matrix(rows: n, columns: 1)
    base.evaluate(
      inputs, parameters: Array(parameters.dropLast()), into: &mean, workspace: &workspace)
    output.resize(rows: n, columns: 2)
    let sigma = parameters[parameters.count - 1]
    for i in 0..<n {
      output.elements[i] = mean.elements[i]
      output.elements[i + n] = sigma
    }
  }

  /// Rows 0..<n: ∂μ/∂θ with 0 for σ; rows n..<2n: 0 except ∂σ/∂σ = 1.
  public func jacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    let p = parameters.count
    var inner = Matrix(rows: 0, columns: 0)
    base.jacobian(
      inputs, parameters: Array(parameters.dropLast()), into: &inner, workspace: &workspace)
    jacobian.resize(rows: 2 * n, columns: p)
    for k in jacobian.elements.indices { jacobian.elements[k] = 0 }
    for j in 0..<(p - 1) {
      for i in 0..<n { jacobian.elements[i + j * 2 * n] = inner.elements[i + j * n] }
    }
    for i in 0..<n { jacobian.elements[n + i + (p - 1) * 2 * n] = 1 }
  }

  /// ∂L/∂θ from the base's pullback of the μ column, and ∂L/∂σ = Σᵢ vᵢ,σ.
  public func pullback(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    let meanCotangent = Matrix(column: Array(cotangent.elements[0..<n]))
    var inner: [Double] = []
    base.pullback(
      inputs, parameters: Array(parameters.dropLast()), cotangent: meanCotangent, into: &inner,
      workspace: &workspace)
    var sigmaSlope = 0.0
    for i in 0..<n { sigmaSlope += cotangent.elements[n + i] }
    gradient = inner + [sigmaSlope]
  }
}
