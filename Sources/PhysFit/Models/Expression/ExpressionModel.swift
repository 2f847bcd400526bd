/// A model written as a formula, such as `A*exp(-t/tau) + B`.
///
/// **Language.** Numbers (`2`, `1.5e-3`), `+ - * /`, powers `^` or `**` (right
/// associative and binding tighter than unary minus: `-x^2` = −(x²), `2^3^2` = 512),
/// parentheses, the functions `exp log log10 sqrt abs sin cos tan asin acos atan sinh
/// cosh tanh erf erfc` (`log` is natural), `voigt(x, sigma, gamma)` (the normalised
/// Voigt profile), the constants `pi` and `e`, and the built-in models of
/// ``BuiltinModels`` by name (`gaussian + linear`) or as calls
/// (`gaussian(t, A1, mu1, s1)`).
///
/// **Inputs and parameters.** A bare name is, first match wins: a data column (an
/// entry of `inputs`, so a column called `e` or `gaussian` is the column), the
/// constant `pi` or `e`, a built-in model, else a parameter (a function name without
/// arguments is an error). A call `f(…)` is a math function, else a built-in model.
/// Parameters are ordered by first appearance in the text, left to right; a built-in
/// used by name contributes its parameters at its position in catalogue order,
/// suffixed `_1`, `_2`, … in order of appearance where several default-named built-in
/// terms would share a name (`gaussian + gaussian` → A_1, mu_1, sigma_1, A_2, …;
/// `gaussian + exponential` → A_1, mu, sigma, A_2, tau). With several inputs a
/// built-in needs the call form, whose first argument is its input.
///
/// **Derivatives** are exact: the formula is differentiated symbolically with
/// algebraic simplification, and the value and all ∂ŷ/∂θⱼ share one hash-consed graph,
/// so common subexpressions are computed once.
///
/// **Evaluation** runs compiled flat register programs over whole columns in chunks
/// of 256 points, with scratch memory from the ``ModelWorkspace`` (no per-point tree
/// walk or allocation): a value-only program for ``evaluate(_:parameters:into:workspace:)``,
/// a derivative program for ``jacobian(_:parameters:into:workspace:)`` and
/// ``pullback(_:parameters:cotangent:into:workspace:)``, and a combined one for
/// ``evaluate(_:parameters:values:jacobian:workspace:)``.
///
/// Out-of-domain values (the log of a negative number at a trial step) propagate as
/// NaN or ±∞; nothing traps.
public struct ExpressionModel: Model {
  /// The formula as given.
  public let formula: String
  public let parameterNames: [String]
  public let inputNames: [String]
  /// The built-in models the formula uses, in order of appearance.
  public let builtinTerms: [BuiltinTerm]

  let graph: ExpressionGraph
  let valueRoot: Int
  let derivativeRoots: [Int]
  let valueProgram: ColumnProgram
  let jacobianProgram: ColumnProgram
  let combinedProgram: ColumnProgram

  /// Parses, resolves, differentiates and compiles `formula`.
  ///
  /// - Parameters:
  ///   - formula: the model's formula.
  ///   - inputs: the names of the data columns the formula reads (default `x`); the
  ///     model's input matrix has one column per name, in this order.
  /// - Throws: ``FormulaError`` for any syntax or name error, with its column; for a
  ///   formula nested deeper than 200 levels; and for one whose graph with all its
  ///   derivatives would exceed 100 000 operations. A formula without parameters is
  ///   accepted; see ``requireParameters()``.
  public init(_ formula: String, inputs: [String] = ["x"]) throws(FormulaError) {
    var seen = Set<String>()
    for name in inputs where !seen.insert(name).inserted {
      throw FormulaError(formula: formula, column: 1, message: "input '\(name)' is listed twice")
    }
    let tree = try FormulaParser.parse(formula)
    var resolver = FormulaResolver(formula: formula, inputNames: inputs)
    let root = try resolver.resolve(tree)
    var graph = resolver.graph
    let p = resolver.parameterNames.count
    let limit = ExpressionGraph.maximumNodes
    let valueSize = graph.count
    guard valueSize <= limit,
      let derivatives = graph.differentiate([root], parameterCount: p)?.map({ $0[0] })
    else {
      let what = valueSize <= limit ? "with its derivatives by its \(p) parameters " : ""
      throw FormulaError(
        formula: formula, column: 1,
        message: "the formula is too large: \(what)it needs more than \(limit) operations "
          + "(a formula this size is better written as a built-in or a Swift closure model)")
    }

    self.formula = formula
    self.inputNames = inputs
    self.parameterNames = resolver.parameterNames
    self.builtinTerms = resolver.builtinTerms
    self.graph = graph
    self.valueRoot = root
    self.derivativeRoots = derivatives
    self.valueProgram = ColumnProgram(graph: graph, roots: [root])
    self.jacobianProgram = ColumnProgram(graph: graph, roots: derivatives)
    self.combinedProgram = ColumnProgram(graph: graph, roots: [root] + derivatives)
  }

  /// Throws when the formula has no parameters, i.e. nothing to fit. Separate from
  /// the initializer because a parameter-free formula is still a valid function
  /// (for plotting a reference curve, say).
  public func requireParameters() throws(FormulaError) {
    if parameterNames.isEmpty {
      throw FormulaError(
        formula: formula, column: 1,
        message: "the formula has no parameters: every name is an input column or a constant, "
          + "so there is nothing to fit")
    }
  }

  private var printer: ExpressionPrinter {
    ExpressionPrinter(graph: graph, inputNames: inputNames, parameterNames: parameterNames)
  }

  /// The formula after built-in expansion and simplification, as text.
  public var expandedFormula: String { printer.text(valueRoot) }

  /// ∂ŷ/∂`parameter` as simplified text, or nil for an unknown name.
  public func derivativeDescription(of parameter: String) -> String? {
    guard let j = parameterNames.firstIndex(of: parameter) else { return nil }
    return printer.text(derivativeRoots[j])
  }

  /// Vector instructions in the value-only and the value-plus-Jacobian programs, and
  /// the registers (of 256 doubles) they need: a measure of the work per point.
  public var programStatistics: (valueInstructions: Int, combinedInstructions: Int, registers: Int)
  {
    (valueProgram.vectorCode.count, combinedProgram.vectorCode.count, combinedProgram.registerCount)
  }

  // MARK: Model

  public func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    output.resize(rows: n, columns: 1)
    output.elements.withUnsafeMutableBufferPointer { out in
      run(valueProgram, inputs, parameters, &workspace) { _, start, m, values, stride in
        Self.store(out.baseAddress! + start, m, values, stride)
      }
    }
  }

  public func jacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    jacobian.resize(rows: n, columns: parameterNames.count)
    jacobian.elements.withUnsafeMutableBufferPointer { out in
      run(jacobianProgram, inputs, parameters, &workspace) { j, start, m, values, stride in
        Self.store(out.baseAddress! + (j * n + start), m, values, stride)
      }
    }
  }

  /// ŷ and ∂ŷ/∂θ from one program, sharing every common subexpression.
  public func evaluate(
    _ inputs: Matrix, parameters: [Double], values: inout Matrix, jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    let n = inputs.rows
    values.resize(rows: n, columns: 1)
    jacobian.resize(rows: n, columns: parameterNames.count)
    values.elements.withUnsafeMutableBufferPointer { v in
      jacobian.elements.withUnsafeMutableBufferPointer { jac in
        run(combinedProgram, inputs, parameters, &workspace) { root, start, m, src, stride in
          let destination =
            root == 0 ? v.baseAddress! + start : jac.baseAddress! + ((root - 1) * n + start)
          Self.store(destination, m, src, stride)
        }
      }
    }
  }

  /// ∂L/∂θⱼ = Σᵢ vᵢ ∂ŷᵢ/∂θⱼ, accumulated chunk by chunk from the derivative program
  /// without forming the Jacobian.
  public func pullback(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace
  ) {
    precondition(cotangent.elements.count == inputs.rows, "cotangent must have one value per point")
    let p = parameterNames.count
    if gradient.count != p {
      gradient = [Double](repeating: 0, count: p)
    } else {
      for j in 0..<p { gradient[j] = 0 }
    }
    gradient.withUnsafeMutableBufferPointer { g in
      cotangent.elements.withUnsafeBufferPointer { v in
        run(jacobianProgram, inputs, parameters, &workspace) { j, start, m, values, stride in
          let w = v.baseAddress! + start
          var sum = 0.0
          if stride == 0 {
            for i in 0..<m { sum += w[i] }
            sum *= values[0]
          } else {
            for i in 0..<m { sum += w[i] * values[i] }
          }
          g[j] += sum
        }
      }
    }
  }

  // MARK: Running programs

  @inline(__always)
  private static func store(
    _ destination: UnsafeMutablePointer<Double>, _ m: Int, _ values: UnsafePointer<Double>,
    _ stride: Int
  ) {
    if stride == 0 {
      destination.update(repeating: values[0], count: m)
    } else {
      destination.update(from: values, count: m)
    }
  }

  private func run(
    _ program: ColumnProgram, _ inputs: Matrix, _ parameters: [Double],
    _ workspace: inout ModelWorkspace,
    sink: (_ root: Int, _ start: Int, _ count: Int, _ values: UnsafePointer<Double>, _ stride: Int)
      -> Void
  ) {
    precondition(
      inputs.columns == inputNames.count,
      "ExpressionModel: \(inputs.columns) input columns for inputs \(inputNames)")
    precondition(
      parameters.count == parameterNames.count,
      "ExpressionModel: \(parameters.count) parameters for \(parameterNames)")
    let rows = inputs.rows
    guard rows > 0 else { return }
    inputs.elements.withUnsafeBufferPointer { x in
      parameters.withUnsafeBufferPointer { theta in
        workspace.withScratch(count: max(1, program.scratchCount)) { scratch in
          program.run(
            inputs: x.baseAddress, rows: rows, parameters: theta,
            scratch: scratch.baseAddress!, sink: sink)
        }
      }
    }
  }
}
