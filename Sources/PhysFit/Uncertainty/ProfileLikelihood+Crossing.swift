/// The outcome of one crossing search along a ``ProfilePath``.
struct CrossingSearch: Sendable {
  /// t of the crossing (found), of the bound (beyondLimit), or of the furthest point
  /// known to lie inside the region (every other status).
  var t: Double
  /// The profile minimum at `t`.
  var evaluation: ProfileEvaluation
  var status: EdgeStatus
  /// Profile minimisations used.
  var minimizations: Int
}

/// Why a crossing search stopped before its root search finished.
private enum CrossingAbort: Error {
  case failed(t: Double, reason: String)
  case newMinimum(t: Double, ProfileEvaluation)
}

extension ProfileLikelihood {
  /// Finds where Δ(t) — the profile along `path` — first rises to `target`.
  ///
  /// 1. Bracket: from t = 1 (the parabolic guess) step outwards until Δ ≥ target.
  ///    Each step extrapolates Δ as a parabola through the minimum, t·√(target/Δ),
  ///    times 1.1 to overshoot, and grows by a factor 1.3–4 (2 where Δ ≤ 0), never
  ///    past the bounds; the bound itself is tried last. A failed minimisation is
  ///    retried half-way back to the last good point (up to `retries` times), then
  ///    the failed point again from the closer solution.
  /// 2. Root: Brent's method on Δ(t) − target over the bracket (see ``BrentRoot``).
  ///
  /// Each minimisation starts from the solution of the nearest point already known
  /// (the first from `start`), so the others follow the profile's valley.
  func findCrossing(along path: ProfilePath, target: Double, start: [Double]) -> CrossingSearch {
    let c = configuration
    let lowest = -c.newMinimumTolerance * minimum.errorDefinition
    var count = 0
    var known = [(t: 0.0, evaluation: ProfileEvaluation(theta: minimum.values, delta: 0))]

    func evaluate(_ t: Double, from start: [Double]) throws(CrossingAbort) -> ProfileEvaluation {
      count += 1
      let e: ProfileEvaluation
      do {
        e = try self.evaluate(fixing: path.indices, at: path.values(at: t), start: start)
      } catch {
        throw .failed(t: t, reason: error.reason)
      }
      if e.delta < lowest { throw .newMinimum(t: t, e) }
      known.append((t, e))
      return e
    }
    func nearestStart(_ t: Double) -> [Double] {
      var best = known[0]
      for k in known where abs(k.t - t) < abs(best.t - t) { best = k }
      return best.evaluation.theta
    }
    func stop(_ abort: CrossingAbort, inside: (t: Double, evaluation: ProfileEvaluation))
      -> CrossingSearch
    {
      switch abort {
      case .failed(let t, let reason):
        return CrossingSearch(
          t: inside.t, evaluation: inside.evaluation,
          status: .minimizerFailed(at: path.values(at: t), reason: reason), minimizations: count)
      case .newMinimum(let t, let e):
        return CrossingSearch(
          t: t, evaluation: e, status: .newMinimum(at: path.values(at: t), delta: e.delta),
          minimizations: count)
      }
    }

    // 1. Bracket.
    var inside = known[0]
    var outside: (t: Double, evaluation: ProfileEvaluation)
    var t = min(1, path.limit)
    var from = start
    var failedAt: Double?
    var failures = 0
    var steps = 0
    while true {
      guard steps < c.maxBracketSteps else {
        return CrossingSearch(
          t: inside.t, evaluation: inside.evaluation, status: .maxIterations,
          minimizations: count)
      }
      steps += 1
      let e: ProfileEvaluation
      do {
        e = try evaluate(t, from: from)
      } catch {
        guard case .failed = error, failures < c.retries, t - inside.t > c.tolerance else {
          return stop(error, inside: inside)
        }
        failures += 1
        failedAt = t
        t = 0.5 * (inside.t + t)
        from = inside.evaluation.theta
        continue
      }
      if let f = failedAt, t >= f {
        failedAt = nil
        failures = 0
      }
      if e.delta >= target {
        outside = (t, e)
        break
      }
      inside = (t, e)
      from = e.theta
      if t >= path.limit {
        return CrossingSearch(
          t: t, evaluation: e, status: .beyondLimit(delta: e.delta), minimizations: count)
      }
      var next = t * Self.growth(e.delta, target: target)
      if let f = failedAt { next = min(next, f) }
      t = min(next, path.limit)
    }

    // 2. Root.
    let root = BrentRoot(
      absoluteTolerance: c.tolerance, valueTolerance: c.tolerance * target,
      maxIterations: c.maxRootIterations)
    do {
      let solution = try root.solve(
        { t throws(CrossingAbort) in try evaluate(t, from: nearestStart(t)).delta - target },
        lower: inside.t, fa: inside.evaluation.delta - target, upper: outside.t,
        fb: outside.evaluation.delta - target)
      let e = known.last { $0.t == solution.root }?.evaluation ?? outside.evaluation
      return CrossingSearch(
        t: solution.root, evaluation: e, status: solution.converged ? .found : .maxIterations,
        minimizations: count)
    } catch let abort as CrossingAbort {
      return stop(abort, inside: inside)
    } catch {
      preconditionFailure("unexpected error \(error) in the crossing search")
    }
  }

  /// The factor by which the next bracketing step multiplies t: the parabola through
  /// the minimum reaches `target` at t·√(target/Δ); 10 % more overshoots it, and the
  /// factor stays within [1.3, 4] so that the search neither crawls nor leaps.
  static func growth(_ delta: Double, target: Double) -> Double {
    guard delta > 0 else { return 2 }
    return min(max(1.1 * (target / delta).squareRoot(), 1.3), 4)
  }
}
