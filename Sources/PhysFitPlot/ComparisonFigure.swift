import PhysFit

/// The figures of an optimizer comparison (`physfit compare --plot`, the examples): the
/// convergence of one comparison (best gap vs evaluations, both logarithmic, one curve
/// per optimizer — the median over starts — with the quartiles shaded), or the
/// performance profiles of a suite.
public enum ComparisonFigure {
  /// Line styles cycle after the eight palette colours so that every curve differs.
  public static func style(_ index: Int) -> LineStyle {
    [LineStyle.solid, .dashed, .dotted, .dashDot][(index / Palette.okabeIto.count) % 4]
  }

  /// Best-so-far gap f − f* against evaluations for each applicable optimizer; `value`
  /// names the objective in the axis label and notes ("E" gives "best E − E*"), `title`
  /// defaults to "PROBLEM: convergence".
  public static func convergence(
    _ c: Comparison, value: String = "f", title: String? = nil
  ) -> Figure {
    let applicable = c.summaries.filter(\.isApplicable).map(\.optimizer)
    let top = c.runs.map(\.evaluations.calls).max() ?? 1
    let starts = c.settings.starts
    var panel = Panel(
      yAxis: Axis(label: "best \(value) − \(value)*", scale: .log),
      notes: [
        "median over \(starts) start\(starts == 1 ? "" : "s")"
          + (starts > 1 ? "; band: quartiles" : ""),
        c.knownMinimum != nil ? "\(value)* = known minimum" : "\(value)* = best of all runs",
      ])
    for (k, name) in applicable.enumerated() {
      let curve = ConvergenceCurve(
        optimizer: name, runs: c.runs(of: name), reference: c.reference, maxEvaluations: top)
      let color = Palette.color(k)
      if c.settings.starts > 1 {
        let (x, lower, upper) = finiteBand(curve)
        if !x.isEmpty {
          panel.add(.band(x: x, lower: lower, upper: upper, color: color, opacity: 0.15))
        }
      }
      panel.add(
        .line(x: curve.evaluations, y: curve.median, label: name, color: color, style: style(k)))
    }
    return Figure(
      title: title ?? "\(c.problem): convergence", xAxis: Axis(label: "evaluations", scale: .log),
      panels: [panel])
  }

  /// The band where both quartiles are finite.
  private static func finiteBand(_ curve: ConvergenceCurve) -> ([Double], [Double], [Double]) {
    var x: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []
    for i in curve.evaluations.indices where curve.lower[i].isFinite && curve.upper[i].isFinite {
      x.append(curve.evaluations[i])
      lower.append(curve.lower[i])
      upper.append(curve.upper[i])
    }
    return (x, lower, upper)
  }

  /// ρ_s(τ) as step functions of τ (log axis) for each optimizer of the suite.
  public static func profile(_ r: SuiteResult) -> Figure {
    let p = r.profile
    let tauMax = max(2 * p.largestFiniteRatio, 2)
    var panel = Panel(
      yAxis: Axis(label: "share of problems ρ(τ)", range: 0...1.05),
      notes: [
        "\(p.problems.count) problems, suite \(r.suite)",
        "cost: median evaluations to success",
      ])
    for (s, name) in p.solvers.enumerated() {
      let steps = p.steps(solver: s, tauMax: tauMax)
      panel.add(
        .line(
          x: steps.map(\.tau), y: steps.map(\.fraction), label: name, color: Palette.color(s),
          style: style(s)))
    }
    return Figure(
      title: "Performance profile (Dolan–Moré)",
      xAxis: Axis(label: "τ (cost / best cost)", scale: .log, range: 1...tauMax), panels: [panel])
  }
}
