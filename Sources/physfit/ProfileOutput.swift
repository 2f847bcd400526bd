import PhysFit
import PhysFitPlot

/// The outputs of `physfit profile`: text, JSON, CSV and the figure.
struct ProfileOutput {
  var summary: FitSummary
  var profile: ProfileRun.Result

  var interval: ProfileInterval { profile.interval }
  var points: [ProfilePoint] { profile.profile.points }
  /// "Δχ²", "Δ(−ln ℒ)".
  var deltaName: String { MinosReport.deltaName(summary.valueName) }

  /// The report: the fit, the interval, then one line per point.
  func text() -> [String] {
    var lines = FitContext.lines(summary)
    let minos = MinosReport(
      level: interval.level, errorUnit: profile.profile.errorUnit, intervals: [interval])
    lines.append("")
    lines += minos.lines(valueName: summary.valueName)
    lines.append("")
    let values = points.map { NumberFormatting.significant($0.value, digits: 7) }
    let deltas = points.map {
      $0.converged ? NumberFormatting.significant($0.delta, digits: 6) : "failed"
    }
    let left = NumberFormatting.alignDecimals([interval.parameter] + values)
    let right = NumberFormatting.alignDecimals([deltaName] + deltas)
    let leftWidth = left.map(\.count).max() ?? 0
    let rightWidth = right.map(\.count).max() ?? 0
    lines.append(
      interval.parameter.leftPadding(leftWidth) + "   " + deltaName.leftPadding(rightWidth))
    for k in points.indices {
      var line = left[k + 1] + "   " + right[k + 1]
      if let failure = points[k].failure { line += "   (\(failure))" }
      lines.append(line.trimmingTrailingSpaces())
    }
    return lines
  }

  func text() -> String { text().joined(separator: "\n") }

  /// The JSON object (docs/json-schema.md, `physfit profile --json`).
  var json: ProfileJSON { ProfileJSON(self) }

  /// `name,delta,converged,<other free parameters>`: one row per point, the other
  /// parameters at the profile minimum; `nan` where a minimisation failed.
  func csv() -> String {
    let others = profile.parameterNames.indices.filter {
      profile.free[$0] && profile.parameterNames[$0] != interval.parameter
    }
    var rows = [
      ([interval.parameter, "delta", "converged"] + others.map { profile.parameterNames[$0] })
        .joined(separator: ",")
    ]
    for p in points {
      var row = ["\(p.value)", p.converged ? "\(p.delta)" : "nan", p.converged ? "1" : "0"]
      row += others.map { p.parameters.count > $0 ? "\(p.parameters[$0])" : "nan" }
      rows.append(row.joined(separator: ","))
    }
    return rows.joined(separator: "\n") + "\n"
  }

  /// Δ against the parameter, the parabola of the parabolic error, the threshold and
  /// the interval's edges.
  func figure() -> Figure {
    let good = points.filter(\.converged)
    let x = good.map(\.value)
    var panel = Panel(yAxis: Axis(label: deltaName))
    let sigma = interval.parabolicError
    let unit = profile.profile.errorUnit
    if sigma > 0 && sigma.isFinite, let first = x.first, let last = x.last {
      let grid = (0...100).map { first + (last - first) * Double($0) / 100 }
      panel.add(
        .line(
          x: grid,
          y: grid.map { (v: Double) -> Double in
            unit * (v - interval.value) * (v - interval.value) / (sigma * sigma)
          },
          label: "parabola (±\(NumberFormatting.compact(sigma)))", color: Palette.color(0),
          style: .dashed))
    }
    panel.add(.line(x: x, y: good.map(\.delta), label: "profile", color: Palette.color(1)))
    panel.add(
      .points(x: x, y: good.map(\.delta), color: Palette.color(1), marker: .circle, size: 2))
    let minos = MinosReport(level: interval.level, errorUnit: unit, intervals: [interval])
    panel.add(
      .horizontalLine(
        interval.threshold,
        label: "\(deltaName) = \(NumberFormatting.compact(interval.threshold)) (\(minos.levelText))"
      ))
    for edge in [interval.lower, interval.upper] where edge.status.isFound {
      if let bound = edge.bound { panel.add(.verticalLine(bound)) }
    }
    return Figure(
      title: "Profile of \(interval.parameter)", xAxis: Axis(label: interval.parameter),
      panels: [panel])
  }
}

/// `physfit profile --json` (and `--output FILE.json`).
struct ProfileJSON: Encodable {
  struct Point: Encodable {
    var value: JSONNumber
    var delta: JSONNumber
    var converged: Bool
    var failure: String?
    var parameters: [String: JSONNumber]

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(value, forKey: .value)
      try c.encode(delta, forKey: .delta)
      try c.encode(converged, forKey: .converged)
      try c.encode(failure, forKey: .failure)
      try c.encode(parameters, forKey: .parameters)
    }

    enum CodingKeys: String, CodingKey { case value, delta, converged, failure, parameters }
  }

  var model: String
  var data: String
  var objective: String
  var objectiveValue: JSONNumber
  var errorDefinition: Double
  var errorUnit: JSONNumber
  var parameter: String
  var interval: MinosJSON
  var points: [Point]

  init(_ output: ProfileOutput) {
    let s = output.summary
    model = s.model
    data = s.data.source
    objective = s.objectiveKey
    objectiveValue = JSONNumber(s.result.objectiveValue)
    errorDefinition = s.result.errorDefinition
    errorUnit = JSONNumber(output.profile.profile.errorUnit)
    parameter = output.interval.parameter
    interval = MinosJSON(
      MinosReport(
        level: output.interval.level, errorUnit: output.profile.profile.errorUnit,
        intervals: [output.interval]))
    let names = output.profile.parameterNames
    points = output.points.map { p in
      var values: [String: JSONNumber] = [:]
      for (k, name) in names.enumerated() where p.parameters.count > k {
        values[name] = JSONNumber(p.parameters[k])
      }
      return Point(
        value: JSONNumber(p.value), delta: JSONNumber(p.delta), converged: p.converged,
        failure: p.failure, parameters: values)
    }
  }
}
