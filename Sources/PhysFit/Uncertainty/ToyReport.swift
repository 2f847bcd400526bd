/// The summary of a toy study: for each free parameter the pull distribution, the
/// bias and the coverage of its intervals; the distribution of the minimum of the
/// objective with the empirical goodness-of-fit p-value; and the toys that failed.
///
/// A pure function of the study header and the records, which it sorts by toy index
/// before any sum: a merged study and a single run give bit-identical reports.
///
/// Only converged toys enter the statistics. A toy's parameter enters its pulls and
/// parabolic coverage when its parabolic error is a positive number.
public struct ToyReport: Sendable, Hashable, Codable {
  /// The study's seed: toy i draws from `RandomSource.stream(seed:index: i)`.
  public var seed: UInt64
  /// N of the whole study.
  public var studyToys: Int
  /// Toys summarised here (all N after a merge; a shard's own toys otherwise).
  public var toys: Int
  /// Toys whose fit converged (the only ones in the statistics).
  public var converged: Int
  /// Toys whose fit ran but did not converge.
  public var notConverged: Int
  /// Toys that could not be drawn or set up.
  public var failed: Int
  /// The confidence level of the coverage tests, and its k = Φ⁻¹((1 + CL)/2).
  public var confidenceLevel: Double
  /// k = Φ⁻¹((1 + CL)/2): the half-width of the tested intervals in σ.
  public var standardDeviations: Double
  /// One entry per free parameter, in model order.
  public var parameters: [ParameterToyStatistics]
  /// The objective's minimum over the toys and the data's p-value in it.
  public var goodnessOfFit: MinimumDistribution
  /// The first toys (up to 10) that did not converge or failed, by index.
  public var problems: [ToyProblem]

  /// The report of `study` from its records (in any order; sorted by index here).
  public init(study: ToyStudyHeader, records unsorted: [ToyRecord]) {
    let records = unsorted.sorted { $0.index < $1.index }
    let good = records.filter { $0.status == .converged }
    seed = study.seed
    studyToys = study.toys
    toys = records.count
    converged = good.count
    notConverged = records.filter { $0.status == .notConverged }.count
    failed = records.filter { $0.status == .failed }.count
    confidenceLevel = study.confidenceLevel
    let level = (try? ConfidenceLevel(study.confidenceLevel)) ?? .oneSigma
    let k = level.standardDeviations
    standardDeviations = k
    parameters = study.parameters.indices.filter { study.free[$0] }.map { i in
      ParameterToyStatistics(
        parameter: i, study: study, records: good, k: k,
        minosSlot: study.minos.firstIndex(of: study.parameters[i]))
    }
    goodnessOfFit = MinimumDistribution(
      observed: study.observedMinimum, minima: good.map(\.minimum))
    problems = records.filter { $0.status != .converged }.prefix(10).map {
      ToyProblem(index: $0.index, status: $0.status, reason: $0.reason ?? "")
    }
  }
}

/// One toy that did not converge or failed.
public struct ToyProblem: Sendable, Hashable, Codable {
  /// The toy's index in the study.
  public var index: Int
  /// How it ended (not `converged`).
  public var status: ToyRecord.Status
  /// Why, in the fit's words.
  public var reason: String
}

/// What the toys say about one parameter.
public struct ParameterToyStatistics: Sendable, Hashable, Codable {
  /// The parameter's name.
  public var name: String
  /// The value the toys were generated with.
  @ReportNumber public var truth: Double
  /// Pulls (θ̂ − θ_true)/σ̂ with the parabolic σ̂: mean ≈ 0 and width ≈ 1 when the
  /// estimate is unbiased and its error right.
  public var pull: SampleMoments
  /// θ̂ − θ_true over the toys: its mean is the bias (with its error), its width the
  /// true spread of the estimate.
  public var residual: SampleMoments
  /// The mean of the reported parabolic errors σ̂, to compare with the spread.
  @ReportNumber public var meanReportedError: Double
  /// Toys with |θ̂ − θ_true| ≤ k·σ̂.
  public var parabolicCoverage: Coverage
  /// Profile-interval statistics, when the study computed them for this parameter.
  public var profile: ProfileToyStatistics?

  init(parameter i: Int, study: ToyStudyHeader, records: [ToyRecord], k: Double, minosSlot: Int?) {
    let truth = study.truth[i]
    name = study.parameters[i]
    self.truth = truth
    let usable = records.filter { $0.errors[i] > 0 && $0.errors[i].isFinite }
    pull = SampleMoments(usable.map { ($0.values[i] - truth) / $0.errors[i] })
    residual = SampleMoments(records.map { $0.values[i] - truth })
    var sum = 0.0
    for r in usable { sum += r.errors[i] }
    meanReportedError = usable.isEmpty ? .nan : sum / Double(usable.count)
    parabolicCoverage = Coverage(
      covered: usable.filter { abs($0.values[i] - truth) <= k * $0.errors[i] }.count,
      count: usable.count, expected: study.confidenceLevel)
    profile = minosSlot.map {
      ProfileToyStatistics(
        parameter: i, slot: $0, truth: truth, records: records, level: study.confidenceLevel)
    }
  }
}

/// Pulls and coverage of the toys' profile-likelihood intervals of one parameter.
public struct ProfileToyStatistics: Sendable, Hashable, Codable {
  /// Converged toys whose interval was not found on both sides.
  public var invalid: Int
  /// Asymmetric pulls: (θ̂ − θ_true) divided by the interval's side towards the truth
  /// (the lower error when θ̂ > θ_true, the upper one otherwise).
  public var pull: SampleMoments
  /// Toys with θ̂ + lower ≤ θ_true ≤ θ̂ + upper.
  public var coverage: Coverage

  init(parameter i: Int, slot: Int, truth: Double, records: [ToyRecord], level: Double) {
    let valid = records.filter { $0.intervals.count > slot && $0.intervals[slot].isValid }
    invalid = records.count - valid.count
    pull = SampleMoments(
      valid.map { r in
        let d = r.values[i] - truth
        let interval = r.intervals[slot]
        return d / (d > 0 ? -interval.lower : interval.upper)
      })
    coverage = Coverage(
      covered: valid.filter { r in
        let interval = r.intervals[slot]
        return r.values[i] + interval.lower <= truth && truth <= r.values[i] + interval.upper
      }.count,
      count: valid.count, expected: level)
  }
}

/// The distribution of the objective's minimum over the toys, and where the real
/// data's minimum falls in it: the empirical goodness-of-fit p-value is the fraction
/// of toys with a minimum at least as large as the observed one (binomial error
/// √(p(1 − p)/n)). Unlike the χ²(ndf) p-value it needs no asymptotics, and it exists
/// for likelihoods too.
public struct MinimumDistribution: Sendable, Hashable, Codable {
  /// The minimum of the objective on the real data.
  @ReportNumber public var observed: Double
  /// Converged toys in the distribution.
  public var count: Int
  /// Mean of the toys' minima.
  @ReportNumber public var mean: Double
  /// Standard deviation of the toys' minima (n − 1 in the denominator).
  @ReportNumber public var standardDeviation: Double
  /// Median of the toys' minima.
  @ReportNumber public var median: Double
  /// Toys with a minimum ≥ the observed one.
  public var atLeastObserved: Int
  /// p = (toys with minimum ≥ observed) / count.
  @ReportNumber public var pValue: Double
  /// Binomial error of the p-value, √(p(1 − p)/n).
  @ReportNumber public var pValueError: Double

  init(observed: Double, minima: [Double]) {
    self.observed = observed
    let moments = SampleMoments(minima)
    count = minima.count
    mean = moments.mean
    standardDeviation = moments.width
    let sorted = minima.sorted()
    let n = sorted.count
    median =
      n == 0 ? .nan : (n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]))
    atLeastObserved = minima.filter { $0 >= observed }.count
    let p = n > 0 ? Double(atLeastObserved) / Double(n) : .nan
    pValue = p
    pValueError = n > 0 ? (p * (1 - p) / Double(n)).squareRoot() : .nan
  }
}
