import PhysFit

/// What one fuzz input does to the formula pipeline, shared by the `FuzzFormula` target
/// and the corpus regression tests.
public enum FormulaFuzzing {
  /// How the formula fared with one choice of input columns.
  public enum Outcome {
    /// It parsed; its value, Jacobian and derivatives were computed.
    case parsed(parameterCount: Int)
    /// It was rejected with this error (whose description was built).
    case rejected(FormulaError)
  }

  /// The input-column choices every formula is read with: one input `x`, and two,
  /// `t` and `x` (with several inputs built-in models need their call form).
  public static let inputChoices = [["x"], ["t", "x"]]

  /// Parses `formula` with each choice of inputs; for a formula that parses, evaluates
  /// the value, the Jacobian, both together and the pullback at three points, and
  /// prints the expanded formula and every derivative. Nothing may trap, hang or leak.
  public static func exercise(_ formula: String) -> [Outcome] {
    inputChoices.map { inputs in
      do throws(FormulaError) {
        let model = try ExpressionModel(formula, inputs: inputs)
        evaluate(model)
        return .parsed(parameterCount: model.parameterNames.count)
      } catch {
        _ = error.description
        return .rejected(error)
      }
    }
  }

  private static func evaluate(_ model: ExpressionModel) {
    var inputs = Matrix(rows: 3, columns: model.inputNames.count)
    let points: [Double] = [-1.5, 0, 2.5]
    for i in 0..<3 {
      for j in 0..<inputs.columns { inputs[i, j] = points[i] + 0.25 * Double(j) }
    }
    let parameters = model.parameterNames.indices.map { 0.7 + 0.1 * Double($0) }
    var workspace = ModelWorkspace()
    var values = Matrix(rows: 0, columns: 0)
    var jacobian = Matrix(rows: 0, columns: 0)
    model.evaluate(inputs, parameters: parameters, into: &values, workspace: &workspace)
    model.jacobian(inputs, parameters: parameters, into: &jacobian, workspace: &workspace)
    model.evaluate(
      inputs, parameters: parameters, values: &values, jacobian: &jacobian,
      workspace: &workspace)
    var gradient: [Double] = []
    model.pullback(
      inputs, parameters: parameters, cotangent: Matrix(column: [1, -1, 0.5]),
      into: &gradient, workspace: &workspace)
    _ = model.expandedFormula
    for name in model.parameterNames { _ = model.derivativeDescription(of: name) }
    _ = try? model.requireParameters()
  }
}
