import Foundation

extension ExpectationMaximization {
  /// One EM run's state: the data, buffers reused across iterations and restarts, and
  /// the observer's running iteration count.
  struct Run {
    let mixture: GaussianMixture
    let data: Matrix
    let floor: [Double]
    let stopping: StoppingRule
    let observer: IterationObserver?
    let started = ContinuousClock.now
    var reported = 0
    var workspace = ModelWorkspace()
    var gamma = Matrix(rows: 0, columns: 0)

    init(
      mixture: GaussianMixture, data: Matrix, floor: [Double], stopping: StoppingRule,
      observer: IterationObserver?
    ) {
      self.mixture = mixture
      self.data = data
      self.floor = floor
      self.stopping = stopping
      self.observer = observer
    }

    /// Iterates E and M steps from θ₀ until a stopping test holds.
    mutating func iterate(from start: [Double]) -> Result {
      var theta = start
      var logLikelihood = mixture.posterior(
        data, parameters: theta, into: &gamma, workspace: &workspace)
      guard logLikelihood.isFinite else { return result(theta, logLikelihood, 0, .nonFiniteStart) }
      var reason = StopReason.maxIterations
      var iterations = 0
      while iterations < stopping.maxIterations {
        let components = MixtureStatistics.components(
          data, responsibilities: gamma, diagonalOnly: mixture.covarianceKind == .diagonal,
          varianceFloor: floor)
        if let empty = components.firstIndex(where: { !($0.weight > 0) }) {
          reason = .stalled("component \(empty + 1) has no points left")
          break
        }
        guard let next = try? mixture.parameters(for: components) else {
          reason = .stalled("the M-step gave a covariance that is not positive definite")
          break
        }
        let nextLogLikelihood = mixture.posterior(
          data, parameters: next, into: &gamma, workspace: &workspace)
        guard nextLogLikelihood.isFinite else {
          reason = .stalled("the log-likelihood is not finite after the M-step")
          _ = mixture.posterior(data, parameters: theta, into: &gamma, workspace: &workspace)
          break
        }
        iterations += 1
        var step = 0.0
        var stepIsSmall = true
        for i in theta.indices {
          let delta = next[i] - theta[i]
          step += delta * delta
          if abs(delta) > stopping.stepTolerance * (abs(theta[i]) + stopping.stepTolerance) {
            stepIsSmall = false
          }
        }
        let change = abs(nextLogLikelihood - logLikelihood)
        theta = next
        logLikelihood = nextLogLikelihood
        reported += 1
        observer?(
          IterationReport(
            iteration: reported, evaluations: EvaluationCounts(values: reported),
            value: -logLikelihood, gradientNorm: .nan, stepNorm: step.squareRoot(),
            elapsed: KMeans.seconds(since: started)))
        if stopping.valueTolerance > 0,
          change <= stopping.valueTolerance * max(abs(logLikelihood), .leastNormalMagnitude)
        {
          reason = .valueTolerance
          break
        }
        if stepIsSmall {
          reason = .stepTolerance
          break
        }
        if let limit = stopping.timeLimit, KMeans.seconds(since: started) > limit {
          reason = .timeLimit
          break
        }
      }
      return result(theta, logLikelihood, iterations, reason)
    }

    /// The result at θ, with γ as left by the last E-step.
    private func result(
      _ theta: [Double], _ logLikelihood: Double, _ iterations: Int, _ reason: StopReason
    ) -> Result {
      Result(
        components: mixture.components(theta), parameters: theta, logLikelihood: logLikelihood,
        responsibilities: gamma, assignments: GaussianMixture.mostProbable(gamma),
        iterations: iterations, reason: reason, restartLogLikelihoods: [logLikelihood])
    }

    /// `result` with its components sorted by their means and θ, γ, the assignments
    /// recomputed to match.
    mutating func sorted(_ result: Result) throws(ClusteringError) -> Result {
      let components = result.components.sorted { a, b in
        for j in a.mean.indices where a.mean[j] != b.mean[j] { return a.mean[j] < b.mean[j] }
        return false
      }
      var sorted = result
      sorted.components = components
      sorted.parameters = try mixture.parameters(for: components)
      sorted.logLikelihood = mixture.posterior(
        data, parameters: sorted.parameters, into: &gamma, workspace: &workspace)
      sorted.responsibilities = gamma
      sorted.assignments = GaussianMixture.mostProbable(gamma)
      return sorted
    }
  }
}
