import Foundation
import PhysFit

/// What `physfit cluster` prints — the readable report, the JSON object — and the
/// `--assignments` table, for either method.
///
/// ```
/// model        Gaussian mixture: 3 components, full covariance
/// data         clusters.csv: 600 points, x = (x, y)
///
/// component 1  199 points
///   weight      0.332 ± 0.019   w1
///   mean x     -2.03  ± 0.07    mu1_x
/// …
/// ```
///
/// Values and errors are rounded together (``NumberFormatting/quote(_:error:)``).
struct ClusterReport {
  enum Outcome {
    case mixture(GaussianMixtureResult)
    case kMeans(KMeans.Result)
  }

  var data: SelectedData
  var seed: UInt64
  /// EM runs (gmm) or k-means starts.
  var restarts: Int
  var outcome: Outcome

  var converged: Bool {
    switch outcome {
    case .mixture(let r): r.converged
    case .kMeans(let r): r.converged
    }
  }

  var reason: StopReason {
    switch outcome {
    case .mixture(let r): r.fit.reason
    case .kMeans(let r): r.reason
    }
  }

  var assignments: [Int] {
    switch outcome {
    case .mixture(let r): r.assignments
    case .kMeans(let r): r.assignments
    }
  }

  var clusterSizes: [Int] {
    switch outcome {
    case .mixture(let r): r.clusterSizes
    case .kMeans(let r): r.clusterSizes
    }
  }

  // MARK: Text

  func render() -> String {
    var lines: [String] = []
    let x = data.xColumnNames.joined(separator: ", ")
    let columns = "x = \(data.xColumnNames.count > 1 ? "(\(x))" : x)"
    switch outcome {
    case .mixture(let r):
      let k = r.mixture.componentCount
      lines.append(
        "model        Gaussian mixture: \(k) component\(k == 1 ? "" : "s"), "
          + "\(r.mixture.covarianceKind.rawValue) covariance")
      lines.append("data         \(data.source): \(data.count) points, \(columns)")
      lines.append("")
      lines += componentTable(r)
      lines.append("")
      lines += mixtureStatistics(r)
    case .kMeans(let r):
      let k = r.centers.rows
      lines.append("model        k-means: \(k) cluster\(k == 1 ? "" : "s")")
      lines.append("data         \(data.source): \(data.count) points, \(columns)")
      lines.append("")
      lines += centreTable(r)
      lines.append("")
      lines += kMeansStatistics(r)
    }
    return lines.joined(separator: "\n")
  }

  /// Per component: its size, then weight, means, widths and correlations, each
  /// value ± error, with the parameter's name (as in JSON) at the end.
  func componentTable(_ r: GaussianMixtureResult) -> [String] {
    let inputs = r.mixture.inputNames
    let columns = data.xColumnNames
    func label(_ name: String, component k: Int) -> String {
      if name == "w\(k)" { return "weight" }
      for (a, input) in inputs.enumerated() {
        if name == "mu\(k)_\(input)" { return "mean \(columns[a])" }
        if name == "sigma\(k)_\(input)" { return "sigma \(columns[a])" }
        for (b, other) in inputs.enumerated() where name == "rho\(k)_\(input)_\(other)" {
          return "rho \(columns[a]),\(columns[b])"
        }
      }
      return name
    }
    let quoted = r.parameters.map { p -> (String, String) in
      let q = NumberFormatting.quote(p.value, error: p.error)
      return (q.value, q.error.isEmpty ? "nan" : q.error)
    }
    let values = NumberFormatting.alignDecimals(quoted.map(\.0))
    let errors = NumberFormatting.alignDecimals(quoted.map(\.1))
    let componentOf = r.parameters.map { p -> Int in
      let digits = p.name.drop { $0.isLetter }.prefix { $0.isNumber }
      return Int(digits) ?? 0
    }
    let labels = r.parameters.indices.map {
      label(r.parameters[$0].name, component: componentOf[$0])
    }
    let labelWidth = labels.map(\.count).max() ?? 0
    var lines: [String] = []
    for k in 1...r.mixture.componentCount {
      if k > 1 { lines.append("") }
      let size = r.clusterSizes[k - 1]
      lines.append("component \(k)  \(size) point\(size == 1 ? "" : "s")")
      for i in r.parameters.indices where componentOf[i] == k {
        lines.append(
          ("  " + labels[i].padding(labelWidth) + "   " + values[i] + " ± " + errors[i] + "   "
            + r.parameters[i].name).trimmingTrailingSpaces())
      }
    }
    return lines
  }

  func mixtureStatistics(_ r: GaussianMixtureResult) -> [String] {
    let fit = r.fit
    var lines: [(String, String)] = [
      ("ln ℒ", NumberFormatting.fixed(r.logLikelihood, decimals: 3)),
      ("AIC", NumberFormatting.fixed(r.aic, decimals: 2)),
      ("BIC", NumberFormatting.fixed(r.bic, decimals: 2)),
      ("parameters", "\(r.parameterCount) free, \(r.pointCount) points"),
    ]
    if let em = r.expectationMaximization {
      lines.append(
        (
          "EM",
          "\(em.iterations) iteration\(em.iterations == 1 ? "" : "s"), \(em.reason)"
            + (restarts > 1 ? " (best of \(restarts) runs)" : "")
        ))
    }
    lines.append(("status", status))
    if !fit.covarianceIsPositiveDefinite {
      lines.append(("covariance", "not positive definite: some errors are undetermined"))
    }
    lines.append(
      (
        "method",
        "EM from k-means++ starts (seed \(seed)), then \(fit.method) on −ln ℒ (errors from its Hessian)"
      ))
    return Self.aligned(lines)
  }

  /// One row per cluster: its size and centre.
  func centreTable(_ r: KMeans.Result) -> [String] {
    let d = r.centers.columns
    let header = ["cluster", "points"] + data.xColumnNames.map { "centre \($0)" }
    // Per coordinate, five significant digits for its largest centre.
    let decimals = (0..<d).map { j in
      let largest = (0..<r.centers.rows).map { abs(r.centers[$0, j]) }.max() ?? 0
      let exponent = largest > 0 && largest.isFinite ? Int(floor(log10(largest))) : 0
      return min(max(4 - exponent, 0), 12)
    }
    var cells: [[String]] = [header]
    for k in 0..<r.centers.rows {
      cells.append(
        ["\(k + 1)", "\(r.clusterSizes[k])"]
          + (0..<d).map { NumberFormatting.fixed(r.centers[k, $0], decimals: decimals[$0]) })
    }
    for j in 2..<(2 + d) {
      let aligned = NumberFormatting.alignDecimals(cells.dropFirst().map { $0[j] })
      for (i, text) in aligned.enumerated() { cells[i + 1][j] = text }
    }
    let widths = header.indices.map { j in cells.map { $0[j].count }.max() ?? 0 }
    return cells.map { row in
      row.enumerated().map { j, text in
        j == 0 ? text.padding(widths[j]) : text.leftPadding(widths[j])
      }.joined(separator: "   ").trimmingTrailingSpaces()
    }
  }

  func kMeansStatistics(_ r: KMeans.Result) -> [String] {
    Self.aligned([
      ("inertia", NumberFormatting.significant(r.inertia, digits: 6) + "  (Σ‖x − c‖²)"),
      (
        "status",
        (r.converged ? "converged (fixed point: no point changes cluster)" : status)
          + ", \(r.iterations) Lloyd iteration\(r.iterations == 1 ? "" : "s")"
      ),
      (
        "method",
        "k-means++ seeds (seed \(seed)), best of \(restarts) start\(restarts == 1 ? "" : "s")"
      ),
    ])
  }

  var status: String {
    converged ? "converged (\(reason))" : "NOT CONVERGED: \(reason)"
  }

  static func aligned(_ lines: [(String, String)]) -> [String] {
    let width = max(lines.map(\.0.count).max() ?? 0, 11)
    return lines.map { $0.0.padding(width) + "  " + $0.1 }
  }

  // MARK: Assignments

  /// CSV: the `--x` columns as read, `cluster` (1…K), and for gmm `responsibility`,
  /// the largest posterior probability γᵢₖ of the point.
  func assignmentsCSV() -> String {
    var header = data.xColumnNames
    var label = "cluster"
    while header.contains(label) { label += "_" }
    header.append(label)
    var responsibilities: Matrix?
    if case .mixture(let r) = outcome {
      var name = "responsibility"
      while header.contains(name) { name += "_" }
      header.append(name)
      responsibilities = r.responsibilities
    }
    var text = header.map(CSVField.quoted).joined(separator: ",") + "\n"
    let assignments = assignments
    for i in 0..<data.count {
      var fields = (0..<data.inputs.columns).map { data.inputs[i, $0].formatted }
      fields.append("\(assignments[i] + 1)")
      if let gamma = responsibilities { fields.append(gamma[i, assignments[i]].formatted) }
      text += fields.joined(separator: ",") + "\n"
    }
    return text
  }

  // MARK: JSON

  func json() throws -> String {
    switch outcome {
    case .mixture(let r): try JSONOutput.encode(MixtureJSON(self, r))
    case .kMeans(let r): try JSONOutput.encode(KMeansJSON(self, r))
    }
  }
}

/// The JSON object of `physfit cluster --json --method gmm` (docs/json-schema.md).
struct MixtureJSON: Encodable {
  struct Parameter: Encodable {
    var name: String
    var value: JSONNumber
    var error: JSONNumber
  }

  struct Component: Encodable {
    var label: Int
    var size: Int
    var weight: Parameter
    var mean: [Parameter]
    var sigma: [Parameter]
    var correlation: [Parameter]
    var covariance: [[JSONNumber]]
  }

  struct EM: Encodable {
    var iterations: Int
    var converged: Bool
    var stopReason: String
    var logLikelihood: JSONNumber
    var restartLogLikelihoods: [JSONNumber]
  }

  var schemaVersion = 1
  var command = "cluster"
  var method = "gmm"
  var data: String
  var points: Int
  var x: [String]
  var inputs: [String]
  var components: Int
  var covarianceKind: String
  var seed: UInt64
  var restarts: Int
  var parameters: [Parameter]
  var clusters: [Component]
  var clusterSizes: [Int]
  var logLikelihood: JSONNumber
  var aic: JSONNumber
  var bic: JSONNumber
  var freeParameters: Int
  var converged: Bool
  var status: String
  var stopReason: String
  var covariancePositiveDefinite: Bool
  var iterations: Int
  var optimizer: String
  var expectationMaximization: EM?

  init(_ report: ClusterReport, _ r: GaussianMixtureResult) {
    let data = report.data
    self.data = data.source
    points = data.count
    x = data.xColumnNames
    inputs = data.inputNames
    components = r.mixture.componentCount
    covarianceKind = r.mixture.covarianceKind.rawValue
    seed = report.seed
    restarts = report.restarts
    parameters = r.parameters.map {
      Parameter(name: $0.name, value: JSONNumber($0.value), error: JSONNumber($0.error))
    }
    let byName = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0) })
    func parameter(_ name: String) -> Parameter {
      byName[name] ?? Parameter(name: name, value: JSONNumber(nil), error: JSONNumber(nil))
    }
    let names = r.mixture.inputNames
    clusters = r.components.enumerated().map { index, c in
      let k = index + 1
      var correlation: [Parameter] = []
      for a in names.indices {
        for b in names.indices where b > a {
          if let p = byName["rho\(k)_\(names[a])_\(names[b])"] { correlation.append(p) }
        }
      }
      return Component(
        label: k, size: r.clusterSizes[index], weight: parameter("w\(k)"),
        mean: names.map { parameter("mu\(k)_\($0)") },
        sigma: names.map { parameter("sigma\(k)_\($0)") }, correlation: correlation,
        covariance: JSONReport.rows(c.covariance))
    }
    clusterSizes = r.clusterSizes
    logLikelihood = JSONNumber(r.logLikelihood)
    aic = JSONNumber(r.aic)
    bic = JSONNumber(r.bic)
    freeParameters = r.parameterCount
    converged = r.converged
    status = r.fit.reason.description
    stopReason = JSONReport.code(r.fit.reason)
    covariancePositiveDefinite = r.fit.covarianceIsPositiveDefinite
    iterations = r.fit.iterations
    optimizer = r.fit.method
    expectationMaximization = r.expectationMaximization.map {
      EM(
        iterations: $0.iterations, converged: $0.converged, stopReason: JSONReport.code($0.reason),
        logLikelihood: JSONNumber($0.logLikelihood),
        restartLogLikelihoods: $0.restartLogLikelihoods.map(JSONNumber.init))
    }
  }
}

/// The JSON object of `physfit cluster --json --method kmeans` (docs/json-schema.md).
struct KMeansJSON: Encodable {
  struct Cluster: Encodable {
    var label: Int
    var size: Int
    var center: [JSONNumber]
  }

  var schemaVersion = 1
  var command = "cluster"
  var method = "kmeans"
  var data: String
  var points: Int
  var x: [String]
  var inputs: [String]
  var components: Int
  var seed: UInt64
  var restarts: Int
  var clusters: [Cluster]
  var clusterSizes: [Int]
  var inertia: JSONNumber
  var restartInertias: [JSONNumber]
  var bestRestart: Int
  var iterations: Int
  var converged: Bool
  var status: String
  var stopReason: String

  init(_ report: ClusterReport, _ r: KMeans.Result) {
    let data = report.data
    self.data = data.source
    points = data.count
    x = data.xColumnNames
    inputs = data.inputNames
    components = r.centers.rows
    seed = report.seed
    restarts = report.restarts
    clusters = (0..<r.centers.rows).map { k in
      Cluster(
        label: k + 1, size: r.clusterSizes[k],
        center: (0..<r.centers.columns).map { JSONNumber(r.centers[k, $0]) })
    }
    clusterSizes = r.clusterSizes
    inertia = JSONNumber(r.inertia)
    restartInertias = r.restartInertias.map(JSONNumber.init)
    bestRestart = r.bestRestart + 1
    iterations = r.iterations
    converged = r.converged
    status = r.converged ? "fixed point: no point changes cluster" : r.reason.description
    stopReason = JSONReport.code(r.reason)
  }
}
