import PhysFit

/// The JSON object `physfit compare --json` prints: one comparison, or a suite with its
/// performance profile. docs/json-schema.md describes every field; keep the two in step.
/// Wall times are the only fields that change between identical runs (`time`).
struct CompareJSON: Encodable {
  struct Settings: Encodable {
    var starts: Int
    var seed: UInt64
    var budget: Int?
    var successTolerance: Double
    var maxIterations: Int?
    var tolerance: Double?
    /// Data fits: the relative spread of random starts.
    var startSpread: Double?

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(starts, forKey: .starts)
      try c.encode(seed, forKey: .seed)
      try c.encode(budget, forKey: .budget)
      try c.encode(successTolerance, forKey: .successTolerance)
      try c.encode(maxIterations, forKey: .maxIterations)
      try c.encode(tolerance, forKey: .tolerance)
      try c.encode(startSpread, forKey: .startSpread)
    }

    enum CodingKeys: String, CodingKey {
      case starts, seed, budget, successTolerance, maxIterations, tolerance, startSpread
    }
  }

  struct Spread: Encodable {
    var lower: JSONNumber
    var median: JSONNumber
    var upper: JSONNumber

    init(_ q: Quartiles) {
      lower = JSONNumber(q.lower)
      median = JSONNumber(q.median)
      upper = JSONNumber(q.upper)
    }
  }

  struct Row: Encodable {
    var optimizer: String
    var applicable: Bool
    var runs: Int
    var successes: Int
    var successRate: Double
    var value: Spread
    var gap: Spread
    var evaluations: Spread
    var time: Spread
    var bestValue: JSONNumber
    var cost: JSONNumber
    var statusCounts: [String: Int]

    init(_ s: OptimizerSummary) {
      optimizer = s.optimizer
      applicable = s.isApplicable
      runs = s.runs
      successes = s.successes
      successRate = s.successRate
      value = Spread(s.value)
      gap = Spread(s.gap)
      evaluations = Spread(s.evaluations)
      time = Spread(s.time)
      bestValue = JSONNumber(s.bestValue)
      cost = JSONNumber(s.cost)
      statusCounts = Dictionary(
        uniqueKeysWithValues: s.statusCounts.map { ($0.key.rawValue, $0.value) })
    }
  }

  struct Run: Encodable {
    var optimizer: String
    var start: Int
    var status: String
    var reason: String
    var value: JSONNumber
    var gap: JSONNumber
    var success: Bool
    var evaluationsToSuccess: Int?
    var iterations: Int
    var evaluations: Int
    var evaluationCounts: JSONReport.Evaluations
    var time: Double
    var method: String
    var startPoint: [JSONNumber]
    var point: [JSONNumber]

    init(_ r: RunRecord) {
      optimizer = r.optimizer
      start = r.start
      status = r.status.rawValue
      reason = r.reason
      value = JSONNumber(r.value)
      gap = JSONNumber(r.gap)
      success = r.success
      evaluationsToSuccess = r.evaluationsToSuccess
      iterations = r.iterations
      evaluations = r.evaluations.calls
      evaluationCounts = JSONReport.Evaluations(
        values: r.evaluations.values, gradients: r.evaluations.gradients,
        jacobians: r.evaluations.jacobians)
      time = r.time
      method = r.method
      startPoint = r.startPoint.map(JSONNumber.init)
      point = r.point.map(JSONNumber.init)
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(optimizer, forKey: .optimizer)
      try c.encode(start, forKey: .start)
      try c.encode(status, forKey: .status)
      try c.encode(reason, forKey: .reason)
      try c.encode(value, forKey: .value)
      try c.encode(gap, forKey: .gap)
      try c.encode(success, forKey: .success)
      try c.encode(evaluationsToSuccess, forKey: .evaluationsToSuccess)
      try c.encode(iterations, forKey: .iterations)
      try c.encode(evaluations, forKey: .evaluations)
      try c.encode(evaluationCounts, forKey: .evaluationCounts)
      try c.encode(time, forKey: .time)
      try c.encode(method, forKey: .method)
      try c.encode(startPoint, forKey: .startPoint)
      try c.encode(point, forKey: .point)
    }

    enum CodingKeys: String, CodingKey {
      case optimizer, start, status, reason, value, gap, success, evaluationsToSuccess
      case iterations, evaluations, evaluationCounts, time, method, startPoint, point
    }
  }

  /// The best run: the lowest final value (first in optimizer order on ties).
  struct Best: Encodable {
    var optimizer: String
    var start: Int
    var value: JSONNumber
    var parameters: [String: JSONNumber]
  }

  /// One problem's comparison.
  struct Problem: Encodable {
    var problem: String
    var coordinates: [String]
    var knownMinimum: JSONNumber
    var reference: JSONNumber
    var optimizers: [Row]
    var best: Best?
    var runs: [Run]

    init(_ c: Comparison) {
      problem = c.problem
      coordinates = c.coordinateNames
      knownMinimum = JSONNumber(c.knownMinimum)
      reference = JSONNumber(c.reference)
      optimizers = c.summaries.map(Row.init)
      runs = c.runs.map(Run.init)
      best = c.bestRun.map { r in
        Best(
          optimizer: r.optimizer, start: r.start, value: JSONNumber(r.value),
          parameters: Dictionary(
            uniqueKeysWithValues: zip(c.coordinateNames, r.point.map(JSONNumber.init))))
      }
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(problem, forKey: .problem)
      try c.encode(coordinates, forKey: .coordinates)
      try c.encode(knownMinimum, forKey: .knownMinimum)
      try c.encode(reference, forKey: .reference)
      try c.encode(optimizers, forKey: .optimizers)
      try c.encode(best, forKey: .best)
      try c.encode(runs, forKey: .runs)
    }

    enum CodingKeys: String, CodingKey {
      case problem, coordinates, knownMinimum, reference, optimizers, best, runs
    }
  }

  /// The data fit a comparison ran on.
  struct FitDescription: Encodable {
    var model: String
    var data: String
    var points: Int
    var objective: String
    var objectiveDefinition: String
  }

  struct Profile: Encodable {
    var solvers: [String]
    var problems: [String]
    /// costs[p][s]; null for a failure (+∞).
    var costs: [[JSONNumber]]
    /// ρ_s(τ) at the τ of `taus` (null = τ → ∞): fractions[s][k].
    var taus: [JSONNumber]
    var fractions: [[Double]]

    init(_ p: PerformanceProfile) {
      solvers = p.solvers
      problems = p.problems
      costs = p.costs.map { $0.map(JSONNumber.init) }
      let grid = CompareReport.profileTaus
      taus = grid.map(JSONNumber.init)
      fractions = p.solvers.indices.map { s in grid.map { p.fraction(solver: s, within: $0) } }
    }
  }

  var schemaVersion = 1
  /// "comparison" or "suite".
  var kind: String
  var suite: String?
  var fit: FitDescription?
  var settings: Settings
  var problems: [Problem]
  var profile: Profile?

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(schemaVersion, forKey: .schemaVersion)
    try c.encode(kind, forKey: .kind)
    try c.encode(suite, forKey: .suite)
    try c.encode(fit, forKey: .fit)
    try c.encode(settings, forKey: .settings)
    try c.encode(problems, forKey: .problems)
    try c.encode(profile, forKey: .profile)
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion, kind, suite, fit, settings, problems, profile
  }
}
