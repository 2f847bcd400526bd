/// Dolan–Moré performance profiles (Dolan & Moré 2002, "Benchmarking optimization
/// software with performance profiles", Math. Program. 91:201): which optimizer solves
/// most problems, and at what cost relative to the best.
///
/// With cost t_{p,s} of optimizer s on problem p (+∞ for a failure), the performance
/// ratio is r_{p,s} = t_{p,s} / min_s t_{p,s}, and the profile
///
///     ρ_s(τ) = |{p : r_{p,s} ≤ τ}| / n_p
///
/// is the fraction of problems s solves within a factor τ of the best. ρ_s(1) is how
/// often s is the cheapest; ρ_s(τ → ∞) is how often it succeeds at all. A problem that
/// no optimizer solves has r = +∞ for all.
public struct PerformanceProfile: Sendable, Hashable {
  /// Optimizer names (columns of ``costs``).
  public var solvers: [String]
  /// Problem names (rows of ``costs``).
  public var problems: [String]
  /// t_{p,s}: costs[p][s], positive, +∞ for a failure.
  public var costs: [[Double]]

  /// The profile of `costs[p][s]`, the cost of solver s on problem p (+∞ or NaN when it failed).
  public init(solvers: [String], problems: [String], costs: [[Double]]) {
    precondition(costs.count == problems.count, "one row of costs per problem")
    precondition(costs.allSatisfy { $0.count == solvers.count }, "one cost per solver")
    precondition(
      costs.allSatisfy { $0.allSatisfy { $0 > 0 } }, "costs are positive (+∞ for a failure)")
    self.solvers = solvers
    self.problems = problems
    self.costs = costs
  }

  /// r_{p,s}.
  public func ratio(problem p: Int, solver s: Int) -> Double {
    let best = costs[p].min() ?? .infinity
    guard best.isFinite, costs[p][s].isFinite else { return .infinity }
    return costs[p][s] / best
  }

  /// ρ_s(τ); τ = +∞ gives the share of problems s solves at all.
  public func fraction(solver s: Int, within tau: Double) -> Double {
    guard !problems.isEmpty else { return 0 }
    let solved = problems.indices.filter {
      let r = ratio(problem: $0, solver: s)
      return r.isFinite && r <= tau
    }.count
    return Double(solved) / Double(problems.count)
  }

  /// The finite ratios of solver s, ascending: where its profile steps up.
  public func breakpoints(solver s: Int) -> [Double] {
    problems.indices.map { ratio(problem: $0, solver: s) }.filter(\.isFinite).sorted()
  }

  /// The largest finite ratio of any solver (1 when there is none): beyond it every
  /// profile is flat.
  public var largestFiniteRatio: Double {
    solvers.indices.flatMap { breakpoints(solver: $0) }.max() ?? 1
  }

  /// The profile of solver s as a step function from τ = 1 to `tauMax`: (τ, ρ) pairs
  /// with a vertical step at each breakpoint, for plotting.
  public func steps(solver s: Int, tauMax: Double) -> [(tau: Double, fraction: Double)] {
    var points: [(Double, Double)] = [(1, fraction(solver: s, within: 1))]
    for r in Set(breakpoints(solver: s)).sorted() where r > 1 && r <= tauMax {
      points.append((r, fraction(solver: s, within: r.nextDown)))
      points.append((r, fraction(solver: s, within: r)))
    }
    points.append((tauMax, fraction(solver: s, within: tauMax)))
    return points
  }
}
