import Foundation
import PhysFit
import PhysFitPlot

/// The outputs of `physfit contour`: text, JSON, CSV and the figure.
struct ContourOutput {
  var summary: FitSummary
  var contour: Contour
  /// (σx², cov, σy²) of the parabolic errors.
  var covariance: (Double, Double, Double)

  var xName: String { contour.parameters[0] }
  var yName: String { contour.parameters[1] }

  /// "joint 68.27 % CL (Δχ² = 2.296)" or "1σ (Δχ² = 1)".
  var levelText: String {
    let delta =
      "\(MinosReport.deltaName(summary.valueName)) = \(NumberFormatting.compact(contour.threshold))"
    switch contour.level {
    case .joint(let cl):
      return
        "joint \(NumberFormatting.fixed(100 * cl.probability, decimals: 2)) % CL of the pair (\(delta))"
    case .standardDeviations(let n):
      return
        "\(NumberFormatting.compact(n))σ, projections = \(NumberFormatting.compact(n))σ intervals (\(delta))"
    }
  }

  /// "68.27 % CL" or "1σ", for the figure's legend.
  var shortLevel: String {
    switch contour.level {
    case .joint(let cl): "\(NumberFormatting.fixed(100 * cl.probability, decimals: 2)) % CL"
    case .standardDeviations(let n):
      "\(NumberFormatting.compact(n))σ (Δ = \(NumberFormatting.compact(n * n))·UP)"
    }
  }

  func text() -> String {
    var lines = FitContext.lines(summary)
    lines.append("contour      \(xName), \(yName): \(levelText)")
    lines.append(
      "             \(contour.points.count) rays, "
        + (contour.isClosed
          ? "all crossings found"
          : "\(contour.points.filter { !$0.status.isFound }.count) without a crossing (open contour)")
    )
    lines.append("")
    let xs = contour.points.map {
      $0.point.map { NumberFormatting.significant($0[0], digits: 7) } ?? "–"
    }
    let ys = contour.points.map {
      $0.point.map { NumberFormatting.significant($0[1], digits: 7) } ?? "–"
    }
    let left = NumberFormatting.alignDecimals([xName] + xs)
    let right = NumberFormatting.alignDecimals([yName] + ys)
    let lw = left.map(\.count).max() ?? 0
    let rw = right.map(\.count).max() ?? 0
    lines.append(xName.leftPadding(lw) + "   " + yName.leftPadding(rw))
    for (k, p) in contour.points.enumerated() {
      var line = left[k + 1] + "   " + right[k + 1]
      if !p.status.isFound { line += "   " + p.status.description }
      lines.append(line.trimmingTrailingSpaces())
    }
    return lines.joined(separator: "\n")
  }

  /// `a,b,status`: one row per ray; `nan` where no point was found.
  func csv() -> String {
    var rows = ["\(xName),\(yName),status"]
    for p in contour.points {
      let point = p.point ?? [.nan, .nan]
      rows.append("\(point[0]),\(point[1]),\(p.status.code)")
    }
    return rows.joined(separator: "\n") + "\n"
  }

  var json: ContourJSON { ContourJSON(self) }

  /// The contour (closed through the first point), the parabolic ellipse at the same
  /// level (dashed), and the minimum.
  func figure() -> Figure {
    var panel = Panel(yAxis: Axis(label: yName))
    let (cxx, cxy, cyy) = covariance
    let center = contour.center
    // δᵀC⁻¹δ = q with the (scaled) covariance C: the parabolic contour at this level.
    let q = contour.level.quantile
    if cxx > 0, cyy > 0, cxx * cyy > cxy * cxy {
      let a = cxx.squareRoot()
      let rho = cxy / (a * cyy.squareRoot())
      let b = cyy.squareRoot()
      let angles = (0...120).map { 2 * Double.pi * Double($0) / 120 }
      let s = q.squareRoot()
      panel.add(
        .line(
          x: angles.map { center[0] + s * a * cos($0) },
          y: angles.map {
            center[1] + s * b * (rho * cos($0) + (1 - rho * rho).squareRoot() * sin($0))
          },
          label: "parabolic ellipse", style: .dashed))
    }
    let found = contour.points.compactMap(\.point)
    if let first = found.first {
      panel.add(
        .line(
          x: found.map { $0[0] } + [first[0]], y: found.map { $0[1] } + [first[1]],
          label: shortLevel))
    }
    panel.add(.points(x: [center[0]], y: [center[1]], label: "minimum", marker: .diamond, size: 4))
    return Figure(
      title: "Contour of \(xName) and \(yName)", xAxis: Axis(label: xName), panels: [panel])
  }
}

/// `physfit contour --json` (and `--output FILE.json`).
struct ContourJSON: Encodable {
  struct Point: Encodable {
    var angle: Double
    var x: JSONNumber
    var y: JSONNumber
    var status: String
    var message: String
    var minimizations: Int
  }

  var model: String
  var data: String
  var objective: String
  var objectiveValue: JSONNumber
  var errorDefinition: Double
  var parameters: [String]
  var center: [JSONNumber]
  var level: String
  var confidenceLevel: JSONNumber
  var standardDeviations: JSONNumber
  var threshold: JSONNumber
  var closed: Bool
  var points: [Point]

  init(_ output: ContourOutput) {
    let s = output.summary
    let c = output.contour
    model = s.model
    data = s.data.source
    objective = s.objectiveKey
    objectiveValue = JSONNumber(s.result.objectiveValue)
    errorDefinition = s.result.errorDefinition
    parameters = c.parameters
    center = c.center.map { JSONNumber($0) }
    switch c.level {
    case .joint(let cl):
      level = "joint"
      confidenceLevel = JSONNumber(cl.probability)
      standardDeviations = JSONNumber(nil)
    case .standardDeviations(let n):
      level = "standardDeviations"
      confidenceLevel = JSONNumber(nil)
      standardDeviations = JSONNumber(n)
    }
    threshold = JSONNumber(c.threshold)
    closed = c.isClosed
    points = c.points.map {
      Point(
        angle: $0.angle, x: JSONNumber($0.point?[0]), y: JSONNumber($0.point?[1]),
        status: $0.status.code, message: $0.status.description, minimizations: $0.minimizations)
    }
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(model, forKey: .model)
    try c.encode(data, forKey: .data)
    try c.encode(objective, forKey: .objective)
    try c.encode(objectiveValue, forKey: .objectiveValue)
    try c.encode(errorDefinition, forKey: .errorDefinition)
    try c.encode(parameters, forKey: .parameters)
    try c.encode(center, forKey: .center)
    try c.encode(level, forKey: .level)
    try c.encode(confidenceLevel, forKey: .confidenceLevel)
    try c.encode(standardDeviations, forKey: .standardDeviations)
    try c.encode(threshold, forKey: .threshold)
    try c.encode(closed, forKey: .closed)
    try c.encode(points, forKey: .points)
  }

  enum CodingKeys: String, CodingKey {
    case model, data, objective, objectiveValue, errorDefinition, parameters, center, level
    case confidenceLevel, standardDeviations, threshold, closed, points
  }
}
