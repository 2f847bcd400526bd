import Foundation
import PhysFit

/// A number in a JSON report: non-finite values (and absent ones) are written as
/// `null`, since JSON has no NaN or infinity.
struct JSONNumber: Encodable {
  var value: Double?

  init(_ value: Double?) { self.value = value }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let value, value.isFinite {
      try container.encode(value)
    } else {
      try container.encodeNil()
    }
  }
}

/// The JSON object `physfit fit --json` prints. docs/json-schema.md describes every
/// field; keep the two in step.
struct JSONReport: Encodable {
  struct Parameter: Encodable {
    var name: String
    var value: JSONNumber
    var error: JSONNumber
    var fixed: Bool
    var atLimit: Bool
    var lower: JSONNumber
    var upper: JSONNumber
  }

  struct Evaluations: Encodable {
    var values: Int
    var gradients: Int
    var jacobians: Int
  }

  /// Version of this layout; raised when a field changes meaning or is removed.
  var schemaVersion = 1
  var model: String
  var data: String
  var points: Int
  var x: [String]
  var inputs: [String]
  var y: String?
  var sigma: String?
  var objective: String
  var objectiveName: String
  var objectiveDefinition: String
  var objectiveValue: JSONNumber
  var errorDefinition: Double
  var parameters: [Parameter]
  var chi2: JSONNumber
  var ndf: Int
  var reducedChi2: JSONNumber
  var pValue: JSONNumber
  var errorsScaled: Bool
  var converged: Bool
  var status: String
  var evaluations: Int
  var evaluationCounts: Evaluations
  var iterations: Int
  var covariance: [[JSONNumber]]
  var correlation: [[JSONNumber]]
  var covariancePositiveDefinite: Bool
  var method: String
  var optimizer: String
  var stopReason: String
  var earlyStopping: EarlyStopping?
  var accuracy: JSONNumber
  var classes: Int?
  var noiseParameter: String?
  var range: [Double]?
  /// Profile-likelihood intervals (`--minos`); null without.
  var minos: MinosJSON?

  struct EarlyStopping: Encodable {
    var bestEpoch: Int
    var lastEpoch: Int
  }

  init(_ summary: FitSummary) {
    let r = summary.result
    model = summary.model
    data = summary.data.source
    points = summary.data.count
    x = summary.data.xColumnNames
    inputs = summary.data.inputNames
    y = summary.data.yName
    sigma = summary.data.sigmaName
    objective = summary.objectiveKey
    objectiveName = summary.valueName
    objectiveDefinition = summary.definition
    objectiveValue = JSONNumber(r.objectiveValue)
    errorDefinition = r.errorDefinition
    parameters = r.parameters.map {
      Parameter(
        name: $0.name, value: JSONNumber($0.value), error: JSONNumber($0.error),
        fixed: $0.isFixed, atLimit: $0.isAtLimit, lower: JSONNumber($0.lower),
        upper: JSONNumber($0.upper))
    }
    chi2 = JSONNumber(summary.isChiSquareLike ? r.objectiveValue : nil)
    ndf = r.ndf
    reducedChi2 = JSONNumber(summary.isChiSquareLike ? r.reducedObjective : nil)
    pValue = JSONNumber(summary.pValue)
    errorsScaled = r.errorsAreScaled
    converged = r.converged
    status = r.reason.description
    evaluations = r.evaluations.total
    evaluationCounts = Evaluations(
      values: r.evaluations.values, gradients: r.evaluations.gradients,
      jacobians: r.evaluations.jacobians)
    iterations = r.iterations
    covariance = Self.rows(r.covariance)
    correlation = Self.rows(r.correlation)
    covariancePositiveDefinite = r.covarianceIsPositiveDefinite
    method = r.method
    optimizer = summary.optimizer
    stopReason = Self.code(r.reason)
    if case .earlyStopped(let best, let last) = r.reason {
      earlyStopping = EarlyStopping(bestEpoch: best, lastEpoch: last)
    }
    accuracy = JSONNumber(summary.extras.accuracy?.fraction)
    classes = summary.extras.classCount
    noiseParameter = summary.extras.noiseParameter
    range = summary.extras.range.map { [$0.lowerBound, $0.upperBound] }
    minos = summary.minos.map(MinosJSON.init)
  }

  /// The stop reason as a stable identifier (the `status` text may change wording).
  static func code(_ reason: StopReason) -> String {
    switch reason {
    case .stepTolerance: "stepTolerance"
    case .gradientTolerance: "gradientTolerance"
    case .valueTolerance: "valueTolerance"
    case .noFurtherProgress: "noFurtherProgress"
    case .maxIterations: "maxIterations"
    case .maxEvaluations: "maxEvaluations"
    case .timeLimit: "timeLimit"
    case .stalled: "stalled"
    case .undetermined: "undetermined"
    case .nonFiniteStart: "nonFiniteStart"
    case .failed: "failed"
    case .earlyStopped: "earlyStopped"
    case .interrupted: "interrupted"
    }
  }

  /// Optional fields are written as `null` when absent (synthesised encoding would
  /// drop them).
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(schemaVersion, forKey: .schemaVersion)
    try c.encode(model, forKey: .model)
    try c.encode(data, forKey: .data)
    try c.encode(points, forKey: .points)
    try c.encode(x, forKey: .x)
    try c.encode(inputs, forKey: .inputs)
    try c.encode(y, forKey: .y)
    try c.encode(sigma, forKey: .sigma)
    try c.encode(objective, forKey: .objective)
    try c.encode(objectiveName, forKey: .objectiveName)
    try c.encode(objectiveDefinition, forKey: .objectiveDefinition)
    try c.encode(objectiveValue, forKey: .objectiveValue)
    try c.encode(errorDefinition, forKey: .errorDefinition)
    try c.encode(parameters, forKey: .parameters)
    try c.encode(chi2, forKey: .chi2)
    try c.encode(ndf, forKey: .ndf)
    try c.encode(reducedChi2, forKey: .reducedChi2)
    try c.encode(pValue, forKey: .pValue)
    try c.encode(errorsScaled, forKey: .errorsScaled)
    try c.encode(converged, forKey: .converged)
    try c.encode(status, forKey: .status)
    try c.encode(evaluations, forKey: .evaluations)
    try c.encode(evaluationCounts, forKey: .evaluationCounts)
    try c.encode(iterations, forKey: .iterations)
    try c.encode(covariance, forKey: .covariance)
    try c.encode(correlation, forKey: .correlation)
    try c.encode(covariancePositiveDefinite, forKey: .covariancePositiveDefinite)
    try c.encode(method, forKey: .method)
    try c.encode(optimizer, forKey: .optimizer)
    try c.encode(stopReason, forKey: .stopReason)
    try c.encode(earlyStopping, forKey: .earlyStopping)
    try c.encode(accuracy, forKey: .accuracy)
    try c.encode(classes, forKey: .classes)
    try c.encode(noiseParameter, forKey: .noiseParameter)
    try c.encode(range, forKey: .range)
    try c.encode(minos, forKey: .minos)
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion, model, data, points, x, inputs, y, sigma, objective, parameters
    case chi2, ndf, reducedChi2, pValue, errorsScaled, converged, status, evaluations
    case evaluationCounts, iterations, covariance, correlation, covariancePositiveDefinite
    case method, optimizer
    case objectiveName, objectiveDefinition, objectiveValue, errorDefinition, stopReason
    case earlyStopping, accuracy, classes, noiseParameter, range, minos
  }

  static func rows(_ m: Matrix) -> [[JSONNumber]] {
    (0..<m.rows).map { i in (0..<m.columns).map { j in JSONNumber(m[i, j]) } }
  }
}

/// Pretty-printed JSON with sorted keys, the house format of every `--json` output.
enum JSONOutput {
  static func encode(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    guard let text = String(data: data, encoding: .utf8) else {
      throw CLIError.internal("the JSON encoder produced invalid UTF-8")
    }
    return text
  }
}
