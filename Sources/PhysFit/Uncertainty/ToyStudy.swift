import Foundation

/// A study of pseudo-experiments (toy Monte Carlo): data drawn from the fitted model
/// at known parameters — the truth — and refitted, to see the distribution of the
/// estimates, their pulls, the coverage of their intervals and of the minimum of the
/// objective.
///
/// ```swift
/// let result = try fit.minimize()
/// let study = try ToyStudy(
///   fit: fit, truth: result.values, minimizer: .leastSquares(LeastSquares()),
///   configuration: .init(seed: 42))
/// let records = study.run(0..<1000)
/// let header = study.header(
///   toys: 1000, observedMinimum: result.objectiveValue, fingerprint: "peak.csv, poisson")
/// let report = ToyReport(study: header, records: records)
/// ```
///
/// Toy i draws its data from its own stream, `RandomSource.stream(seed:index: i)`,
/// and is refitted from the truth: a record depends only on the study and i, never
/// on which thread ran it, in which order, or in which shard.
public struct ToyStudy<M: Model, O: PseudoDataObjective>: Sendable {
  /// The fit of the real data: model, inputs, objective (for its kind and layout) and
  /// the parameter set-up (bounds, fixing) every toy is fitted with.
  public let fit: Fit<M, O>
  /// θ_true: the parameters the toys are drawn from and every toy fit starts at.
  public let truth: [Double]
  /// How each toy is fitted.
  public let minimizer: FitMinimizer<M, O>
  /// Seed, confidence level, profile parameters and threads of the study.
  public var configuration: Configuration

  /// Settings of a study.
  public struct Configuration: Sendable {
    /// The seed of every toy's random stream.
    public var seed: UInt64
    /// The confidence level of the coverage tests and of the profile intervals.
    public var level: ConfidenceLevel
    /// Parameters whose profile-likelihood intervals each toy computes (for their
    /// coverage). Costly: a few dozen fits per parameter per toy. Default none.
    public var minos: [String]
    /// Worker threads. Default: the active processor count.
    public var threads: Int
    /// Tuning of the toys' profile intervals.
    public var profile: ProfileLikelihood<M, O>.Configuration

    /// Settings with the given seed; the other defaults are those described above.
    public init(
      seed: UInt64, level: ConfidenceLevel = .oneSigma, minos: [String] = [],
      threads: Int = ProcessInfo.processInfo.activeProcessorCount,
      profile: ProfileLikelihood<M, O>.Configuration = .init()
    ) {
      self.seed = seed
      self.level = level
      self.minos = minos
      self.threads = threads
      self.profile = profile
    }
  }

  /// A study of `fit` generated from `truth`, each toy minimised by `minimizer`.
  ///
  /// - Throws: ``UncertaintyError`` when `truth` does not match the fit's parameters,
  ///   a value lies outside its bounds, or a `minos` parameter is unknown or fixed.
  public init(
    fit: Fit<M, O>, truth: [Double], minimizer: FitMinimizer<M, O>, configuration: Configuration
  ) throws(UncertaintyError) {
    let names = fit.parameters.names
    guard truth.count == names.count else {
      throw .invalidSetting(
        "the truth has \(truth.count) values but the fit has \(names.count) parameters")
    }
    for (k, p) in fit.parameters.enumerated() {
      let v = truth[k]
      guard v.isFinite, v >= (p.lower ?? -.infinity), v <= (p.upper ?? .infinity) else {
        throw .invalidSetting(
          "the true value \(v) of '\(p.name)' is not finite or outside its bounds")
      }
    }
    for name in configuration.minos {
      guard let i = fit.parameters.index(of: name) else {
        throw .unknownParameter(name, known: names)
      }
      guard !fit.parameters[i].isFixed else { throw .fixedParameter(name) }
    }
    self.fit = fit
    self.truth = truth
    self.minimizer = minimizer
    self.configuration = configuration
  }

  /// The description of this study that its result files carry (see
  /// ``ToyStudyHeader``). `fingerprint` identifies what was fitted — model, data,
  /// objective, settings — for the checks of ``ToyShard/merge(_:)``.
  public func header(toys: Int, observedMinimum: Double, fingerprint: String) -> ToyStudyHeader {
    ToyStudyHeader(
      seed: configuration.seed, toys: toys, parameters: fit.parameters.names,
      free: fit.parameters.map { !$0.isFixed }, truth: truth, observedMinimum: observedMinimum,
      errorDefinition: fit.objective.errorDefinition,
      confidenceLevel: configuration.level.probability, minos: configuration.minos,
      fingerprint: fingerprint)
  }

  /// Toy `index`: draws its pseudo-data, fits them from the truth and, if asked,
  /// computes its profile intervals. Never throws: a toy that cannot be drawn or
  /// fitted is a record with status ``ToyRecord/Status/failed``.
  public func toy(_ index: Int) -> ToyRecord {
    var random = RandomSource.stream(seed: configuration.seed, index: index)
    var toyFit: Fit<M, O>
    do {
      let experiment = try fit.objective.pseudoExperiment(
        model: fit.model, inputs: fit.inputs, parameters: truth, random: &random)
      toyFit = try Fit(model: fit.model, inputs: experiment.inputs, objective: experiment.objective)
    } catch {
      return .failed(index, "\(error)")
    }
    var parameters = fit.parameters
    parameters.values = truth
    toyFit.parameters = parameters
    // Pulls need errors; a network's fit does not estimate them (and its toys then give
    // values and minima only).
    toyFit.estimatesErrors = fit.estimatesErrors
    let result: FitResult
    do {
      result = try minimizer(toyFit)
    } catch {
      return .failed(index, "\(error)")
    }
    var intervals: [ToyInterval] = []
    if result.converged && !configuration.minos.isEmpty {
      if let profile = try? ProfileLikelihood(
        fit: toyFit, minimum: result, minimizer: minimizer, configuration: configuration.profile)
      {
        for name in configuration.minos {
          if let interval = try? profile.interval(for: name, level: configuration.level) {
            intervals.append(ToyInterval(interval))
          }
        }
      }
    }
    return ToyRecord(
      index: index, status: result.converged ? .converged : .notConverged,
      reason: result.converged ? nil : result.reason.description, values: result.values,
      errors: result.errors, minimum: result.objectiveValue,
      dataCount: toyFit.objective.dataCount, intervals: intervals)
  }
}
