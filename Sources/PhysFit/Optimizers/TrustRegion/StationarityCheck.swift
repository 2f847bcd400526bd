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
