/// A model written as a Swift closure over one data point, with exact derivatives
/// from forward-mode dual numbers.
///
/// ```swift
/// let decay = ClosureModel(parameters: ["A", "tau", "B"]) { x, p in
///   p[0] * exp(-x[0] / p[1]) + p[2]
/// }
/// ```
/// The closure receives the point's inputs (`x[0]`, `x[1]`, ...) and the parameters
/// as ``Dual`` numbers and returns ŷ. ∂ŷ/∂θⱼ comes from one pass per parameter
/// with θⱼ's dual part set to 1. For big data or many parameters prefer an
/// ``ExpressionModel``, which is compiled to whole-column code.
public struct ClosureModel: Model {
  /// The model for one point: its inputs and the parameters as dual numbers, returning ŷ
  /// as a dual number.
  public typealias Function = @Sendable (_ x: Inputs, _ parameters: [Dual]) -> Dual

  /// The inputs of one data point, read as `x[k]`.
  public struct Inputs {
    @usableFromInline let matrix: Matrix
    @usableFromInline let row: Int
    /// Input k (0-based, in ``ClosureModel/inputNames`` order) of the current point.
    @inlinable public subscript(k: Int) -> Double { matrix[row, k] }
  }

  public let parameterNames: [String]
  public let inputNames: [String]
  /// The closure evaluated at every point.
  public let function: Function

  /// A model from a closure over one point, with exact derivatives by forward-mode dual numbers.
  ///
  /// - Parameters:
  ///   - parameters: the names of θ, in the order the closure reads them.
  ///   - inputs: the names of the input columns (default `x`).
  ///   - function: ŷ for one point; `x[k]` is input k, `p[j]` parameter j.
  public init(parameters: [String], inputs: [String] = ["x"], _ function: @escaping Function) {
    self.parameterNames = parameters
    self.inputNames = inputs
    self.function = function
  }

  public func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    output.resize(rows: inputs.rows, columns: 1)
    let theta = parameters.map { Dual($0) }
    for i in 0..<inputs.rows {
      output.elements[i] = function(Inputs(matrix: inputs, row: i), theta).value
    }
  }

  public func jacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    jacobian.resize(rows: n, columns: parameters.count)
    var theta = parameters.map { Dual($0) }
    for j in parameters.indices {
      theta[j].derivative = 1
      for i in 0..<n {
        jacobian.elements[i + j * n] = function(Inputs(matrix: inputs, row: i), theta).derivative
      }
      theta[j].derivative = 0
    }
  }
}
