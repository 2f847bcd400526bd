import PhysFit

/// The human-readable report of a fit, printed by `physfit fit` without `--json`.
///
/// ```
/// model    A*exp(-t/tau) + B
/// data     decay.csv: 40 points, x = t, y = counts, σ = sigma
///
/// parameter     value   error
/// A            1012      31
/// tau             9.9     0.4
/// B              10.3     1.1    ≥ 0
///
/// χ²           35.62
/// …
/// ```
///
/// Values and errors are rounded together by the Particle Data Group's rule
/// (``NumberFormatting/quote(_:error:)``).
struct ReportFormatter {
  var summary: FitSummary
  /// Adds the correlation matrix of the free parameters.
  var verbose = false

  func render() -> String {
    var lines: [String] = []
    let data = summary.data
    lines.append("model        \(summary.model)")
    let x = data.xColumnNames.joined(separator: ", ")
    var columns = "x = \(data.xColumnNames.count > 1 ? "(\(x))" : x)"
    if let y = data.yName { columns += ", y = \(y)" }
    if let sigma = data.sigmaName { columns += ", σ = \(sigma)" }
    if data.inputNames != data.xColumnNames {
      columns +=
        " (formula input\(data.inputNames.count > 1 ? "s" : "") "
        + "\(data.inputNames.joined(separator: ", ")))"
    }
    lines.append("data         \(data.source): \(data.count) points, \(columns)")
    lines.append("")
    lines += parameterTable()
    if let minos = summary.minos {
      lines.append("")
      lines += minos.lines(valueName: summary.valueName)
    }
    lines.append("")
    lines += statistics()
    if verbose {
      lines.append("")
      lines += correlationTable()
    }
    return lines.joined(separator: "\n")
  }

  /// One row per parameter: name, value, error and notes, decimal points aligned.
  func parameterTable() -> [String] {
    let parameters = summary.result.parameters
    let quoted = parameters.map { p -> (String, String) in
      let q = NumberFormatting.quote(p.value, error: p.error)
      if p.isFixed { return (q.value, "fixed") }
      if q.error.isEmpty { return (q.value, p.error.isNaN ? "nan" : "") }
      return q
    }
    let names = ["parameter"] + parameters.map(\.name)
    let values = NumberFormatting.alignDecimals(quoted.map(\.0))
    let errors = NumberFormatting.alignDecimals(quoted.map(\.1))
    let nameWidth = max(names.map(\.count).max() ?? 0, 9)
    let valueWidth = max(values.first?.count ?? 0, 5)
    let errorWidth = max(errors.first?.count ?? 0, 5)
    func row(_ name: String, _ value: String, _ error: String, _ note: String) -> String {
      let line =
        name.padding(nameWidth) + "   " + value.leftPadding(valueWidth) + "   "
        + error.leftPadding(errorWidth) + (note.isEmpty ? "" : "   " + note)
      return line.trimmingTrailingSpaces()
    }
    var lines = [row("parameter", "value", "error", "")]
    for (k, p) in parameters.enumerated() {
      lines.append(row(p.name, values[k], errors[k], notes(p)))
    }
    return lines
  }

  private func compact(_ x: Double) -> String { NumberFormatting.compact(x) }

  /// "fixed", the bounds, and "at lower/upper bound" for a parameter.
  func notes(_ p: ParameterResult) -> String {
    var parts: [String] = []
    switch (p.lower, p.upper) {
    case (let a?, let b?): parts.append("in [\(compact(a)), \(compact(b))]")
    case (let a?, nil): parts.append("≥ \(compact(a))")
    case (nil, let b?): parts.append("≤ \(compact(b))")
    case (nil, nil): break
    }
    if p.isAtLimit {
      let lowerDistance = p.lower.map { abs(p.value - $0) } ?? .infinity
      let upperDistance = p.upper.map { abs(p.value - $0) } ?? .infinity
      parts.append(
        lowerDistance <= upperDistance
          ? "AT LOWER BOUND (error not meaningful)" : "AT UPPER BOUND (error not meaningful)")
    }
    if !p.isFixed && p.error.isNaN { parts.append("undetermined") }
    return parts.joined(separator: ", ")
  }

  /// The objective and its value; for χ²-like objectives ndf, value/ndf and the
  /// p-value or the error scaling; accuracy for classification; status, counts,
  /// optimizer.
  func statistics() -> [String] {
    let lines = statisticRows()
    let width = lines.map(\.0.count).max() ?? 0
    return lines.map { $0.0.padding(max(width, 11)) + "  " + $0.1 }
  }

  /// The rows of ``statistics()`` as (name, value) pairs (also the Markdown report's table).
  func statisticRows() -> [(String, String)] {
    let r = summary.result
    let name = summary.valueName
    var lines: [(String, String)] = [
      ("objective", "\(summary.objective.rawValue): \(summary.definition)"),
      ("error def.", NumberFormatting.compact(r.errorDefinition)),
      (name, NumberFormatting.significant(r.objectiveValue, digits: 4)),
    ]
    if summary.isChiSquareLike || summary.objective == .mse {
      lines.append(("ndf", "\(r.ndf)"))
    }
    if summary.isChiSquareLike {
      lines.append(
        (
          "\(name)/ndf",
          r.ndf > 0
            ? NumberFormatting.significant(r.reducedObjective, digits: 4) : "n/a (ndf = 0)"
        ))
    }
    if let p = summary.pValue {
      lines.append(("p-value", Self.pValue(p)))
    } else if summary.objective.isNegativeLogLikelihood {
      lines.append(
        (
          "points",
          "\(r.dataCount), \(r.freeParameterCount) free parameter"
            + (r.freeParameterCount == 1 ? "" : "s")
        ))
      lines.append(("p-value", "n/a (−ln ℒ has no absolute goodness-of-fit scale)"))
    } else if summary.objective == .softL1 || summary.objective == .huber, summary.hasSigma {
      lines.append(("p-value", "n/a (a robust loss is not χ²-distributed)"))
    }
    if r.errorsAreScaled {
      let s = r.reducedObjective.squareRoot()
      let what = summary.objective == .mse ? "√(n·MSE/ndf)" : "√(\(name)/ndf)"
      let value =
        summary.objective == .mse ? (Double(r.dataCount) * r.reducedObjective).squareRoot() : s
      lines.append(
        (
          "errors",
          "scaled by \(what) = \(NumberFormatting.significant(value, digits: 4)) (no σ given)"
            + (summary.isExactFit ? ": an exact fit, the errors say nothing" : "")
        ))
    }
    if let noise = summary.extras.noiseParameter {
      let renamed = noise == "sigma" ? "" : " (the model has its own 'sigma')"
      lines.append(("noise", "σ is the fitted parameter '\(noise)'\(renamed)"))
    }
    if let a = summary.extras.accuracy {
      lines.append(
        (
          "accuracy",
          "\(NumberFormatting.fixed(a.fraction, decimals: 4)) (\(a.correct) of \(a.total) "
            + "points predicted in their class)"
        ))
    }
    let status: String
    if r.converged {
      status = "converged (\(r.reason))"
    } else if summary.stoppedEarly {
      status = "stopped early (\(r.reason))"
    } else {
      status = "NOT CONVERGED: \(r.reason)"
    }
    lines.append(("status", status))
    if !r.covarianceIsPositiveDefinite {
      lines.append(("covariance", "not positive definite: some errors are undetermined"))
    }
    if !r.parametersAtLimit.isEmpty {
      lines.append(
        ("at limit", r.parametersAtLimit.joined(separator: ", ") + " (errors not meaningful)"))
    }
    let e = r.evaluations
    var counts = "\(e.total) (\(e.values) values"
    if e.gradients > 0 { counts += ", \(e.gradients) gradients" }
    counts += ", \(e.jacobians) Jacobians), \(r.iterations) iteration"
    if r.iterations != 1 { counts += "s" }
    lines.append(("evaluations", counts))
    lines.append(("method", summary.method))
    return lines
  }

  /// p-values to three significant digits; tiny ones in scientific notation.
  static func pValue(_ p: Double) -> String {
    guard p.isFinite else { return "n/a" }
    if p == 0 { return "< 1e-300" }
    return p < 1e-3
      ? NumberFormatting.significant(p, digits: 2) : NumberFormatting.fixed(p, decimals: 3)
  }

  /// Lower triangle of the correlation matrix of the free parameters.
  func correlationTable() -> [String] {
    let r = summary.result
    let free = r.parameters.indices.filter { !r.parameters[$0].isFixed }
    guard free.count > 1, r.correlation.rows == r.parameters.count else { return [] }
    let names = free.map { r.parameters[$0].name }
    let nameWidth = max(names.map(\.count).max() ?? 0, 6)
    let cell = max(nameWidth, 6)
    var lines = ["correlation"]
    lines.append(
      (String(repeating: " ", count: nameWidth)
        + names.map { "  " + $0.leftPadding(cell) }.joined()).trimmingTrailingSpaces())
    for (a, i) in free.enumerated() {
      var line = names[a].padding(nameWidth)
      for j in free.prefix(a + 1) {
        let rho = r.correlation[i, j]
        let text = rho.isFinite ? NumberFormatting.fixed(rho, decimals: 3) : "nan"
        line += "  " + text.leftPadding(cell)
      }
      lines.append(line)
    }
    return lines
  }
}

extension String {
  /// Pads on the right to `width` characters.
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }

  /// Pads on the left to `width` characters.
  func leftPadding(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }

  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}
