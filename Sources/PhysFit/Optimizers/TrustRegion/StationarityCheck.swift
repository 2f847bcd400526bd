/// The convergence verdict of a least-squares minimisation, checked at the final
/// point itself rather than trusted from the optimizer's stopping test.
///
/// At a minimum of Σr² the Gauss–Newton step δ = −J⁺r vanishes (Jᵀr = 0). The check
/// computes δ from the SVD of J and accepts the point when every |δᵢ| is negligible
/// both against the value, `relativeStep·|θᵢ|`, and against the parameter's own
/// uncertainty, `uncertaintyFraction·σᵢ` — so a fit is not declared converged
/// while it could still move by a visible fraction of an error bar, and it is not
/// held hostage to digits below the rounding of its data. A rank-deficient J (a
/// plateau where some combination of parameters does not change the residuals,
/// such as a rate running to infinity) is never a verified minimum.
struct StationarityCheck {
  /// Largest accepted |δᵢ|/|θᵢ|. 1e-9 leaves three digits of margin for results
  /// quoted to six significant digits.
  var relativeStep = 1e-9
  /// Largest accepted |δᵢ|/σᵢ, where σᵢ is the parameter's standard error scaled
  /// by s = √(RSS/(m − p)).
  var uncertaintyFraction = 1e-4
  /// Relative threshold below which a singular value of J counts as zero.
  var rankTolerance = 1e-12

  enum Verdict {
    case stationary
    /// The point is not a minimum yet; `step` is the Gauss–Newton step.
    case moving(step: [Double])
    case rankDeficient(undetermined: [Int])
    case nonFinite
  }

  func check(residuals r: [Double], jacobian j: Matrix, at theta: [Double]) -> Verdict {
    guard r.allSatisfy(\.isFinite), let svd = SingularValueDecomposition(j) else {
      return .nonFinite
    }
    let p = j.columns
    let m = j.rows
    let rank = svd.rank(relativeTolerance: rankTolerance)
    if rank < p {
      return .rankDeficient(undetermined: Self.undeterminedParameters(svd, rank: rank))
    }
    let negated = r.map { -$0 }
    let step = svd.solve(negated, rank: rank)
    let rss = r.reduce(0) { $0 + $1 * $1 }
    let s2 = m > p ? rss / Double(m - p) : rss
    let covariance = svd.inverseGram(rank: rank)
    for i in 0..<p {
      let sigma = (covariance[i, i] * s2).squareRoot()
      let allowed = max(relativeStep * abs(theta[i]), uncertaintyFraction * sigma)
      if !(abs(step[i]) <= allowed) { return .moving(step: step) }
    }
    return .stationary
  }

  /// Polishes an optimizer's end point with up to `polishSteps` safeguarded
  /// Gauss–Newton steps (each halved until Σr² does not increase) and gives the
  /// verdict: updates `result` (point, value, reason) in place and returns whether
  /// the end point is a verified minimum. A failed verdict replaces a claimed
  /// convergence by its reason, but keeps a budget reason (iteration, evaluation or
  /// time limit), which says more about what to change.
  func settle(
    _ problem: some LeastSquaresMinimizable, _ result: inout OptimizationResult,
    polishSteps: Int
  ) -> Bool {
    if case .nonFiniteStart = result.reason { return false }
    var theta = result.minimum
    var r: [Double] = []
    var j = Matrix(rows: 0, columns: 0)
    problem.residuals(at: theta, into: &r)
    var rss = r.reduce(0) { $0 + $1 * $1 }

    func finish(_ verdict: StopReason?) -> Bool {
      result.minimum = theta
      result.value = rss
      switch (verdict, result.reason) {
      case (nil, let claimed):
        if !claimed.isConvergence { result.reason = .noFurtherProgress }
        return true
      case (let failure?, .maxIterations), (let failure?, .maxEvaluations),
        (let failure?, .timeLimit):
        if case .undetermined = failure { result.reason = failure }
        return false
      case (let failure?, _):
        result.reason = failure
        return false
      }
    }

    guard rss.isFinite else {
      return finish(.stalled("the objective is not finite at the end point"))
    }
    var trial: [Double] = []
    var trialResiduals: [Double] = []
    for _ in 0...polishSteps {
      problem.jacobian(at: theta, into: &j)
      switch check(residuals: r, jacobian: j, at: theta) {
      case .stationary:
        return finish(nil)
      case .nonFinite:
        return finish(.stalled("the Jacobian is not finite at the end point"))
      case .rankDeficient(let undetermined):
        return finish(.undetermined(undetermined.map { "x\($0 + 1)" }))
      case .moving(let step):
        var factor = 1.0
        var accepted = false
        for _ in 0..<8 {
          trial = zip(theta, step).map { $0 + factor * $1 }
          problem.residuals(at: trial, into: &trialResiduals)
          let trialRSS = trialResiduals.reduce(0) { $0 + $1 * $1 }
          if trialRSS <= rss {
            (theta, r, rss) = (trial, trialResiduals, trialRSS)
            accepted = true
            break
          }
          factor *= 0.5
        }
        if !accepted {
          return finish(.stalled("the end point is not a stationary point of the objective"))
        }
      }
    }
    return finish(.stalled("the Gauss–Newton polish did not settle"))
  }

  /// Parameters with the largest weight in the null-space directions of J.
  static func undeterminedParameters(_ svd: SingularValueDecomposition, rank: Int) -> [Int] {
    let p = svd.v.rows
    var involved: [Int] = []
    for k in rank..<p {
      for i in 0..<p where abs(svd.v[i, k]) > 0.1 && !involved.contains(i) {
        involved.append(i)
      }
    }
    return involved.sorted()
  }
}
