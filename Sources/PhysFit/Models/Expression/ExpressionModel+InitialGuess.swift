extension ExpressionModel {
  /// Start values from the built-in terms of the formula, by parameter name.
  ///
  /// Heuristic for sums: terms are guessed in order of appearance, each from the
  /// data minus the terms already guessed (evaluated at their guesses). So
  /// `gaussian + gaussian` takes the tallest peak first and the next one from the
  /// residual, and `gaussian + constant` gives the peak's height above the data's
  /// minimum and then the level of what is left. A single built-in (`gaussian`, or
  /// `gaussian(t, A1, mu1, s1)` with plain parameter names) gets exactly the
  /// catalogue's guess.
  ///
  /// Only terms whose input is a plain column and whose arguments are plain
  /// parameter names take part; parameters they do not cover are absent from the
  /// result (callers start those at their default, usually 1). A name shared by two
  /// terms keeps the first term's guess.
  ///
  /// - Parameters:
  ///   - inputs: one column per input name, as for ``evaluate(_:parameters:into:workspace:)``.
  ///   - y: the observed values.
  public func initialGuesses(inputs: Matrix, y: [Double]) -> [String: Double] {
    guard inputs.columns == inputNames.count, inputs.rows == y.count else { return [:] }
    var guesses: [String: Double] = [:]
    var residual = y
    for term in builtinTerms {
      guard let input = term.input, let column = inputNames.firstIndex(of: input),
        term.parameterNames.allSatisfy({ $0 != nil })
      else { continue }
      let x = inputs.column(column)
      guard let values = term.builtin.initialGuess(x: x, y: residual) else { continue }
      var used: [Double] = []
      for (name, value) in zip(term.parameterNames, values) {
        guard let name else { continue }
        if guesses[name] == nil { guesses[name] = value }
        used.append(guesses[name] ?? value)
      }
      guard let model = try? ExpressionModel(term.builtin.formula, inputs: ["x"]),
        model.parameterNames.count == used.count
      else { continue }
      // The catalogue formula may list parameters in a different order than the
      // catalogue's parameterNames: map by name.
      let byName = Dictionary(uniqueKeysWithValues: zip(term.builtin.parameterNames, used))
      let theta = model.parameterNames.map { byName[$0] ?? 1 }
      let fitted = model.evaluate(Matrix(column: x), parameters: theta)
      for i in residual.indices { residual[i] -= fitted.elements[i] }
    }
    return guesses
  }

  /// ``initialGuesses(inputs:y:)`` for a model with one input column.
  public func initialGuesses(x: [Double], y: [Double]) -> [String: Double] {
    guard inputNames.count == 1 else { return [:] }
    return initialGuesses(inputs: Matrix(column: x), y: y)
  }
}
