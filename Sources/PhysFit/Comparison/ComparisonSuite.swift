/// A named set of problems for performance profiles: every optimizer runs on every
/// problem (all runs share one pool of threads), and the costs — each optimizer's
/// median evaluations to success per problem (``OptimizerSummary/cost``) — make a
/// ``PerformanceProfile``.
public struct ComparisonSuite: Sendable {
  /// The suite's name (`classic`, `physics`, or your own).
  public var name: String
  /// The problems, each compared with every optimizer.
  public var problems: [any ComparisonProblem]

  /// A suite called `name` of `problems`.
  public init(name: String, problems: [any ComparisonProblem]) {
    self.name = name
    self.problems = problems
  }

  /// The classic test functions at small dimensions: Rosenbrock (2 and 5), Himmelblau,
  /// Beale, Rastrigin, Ackley and Styblinski–Tang (2): valleys, several equal minima,
  /// flat regions and many local minima, each with its known minimum. The sums of squares
  /// (Rosenbrock, Himmelblau, Beale) come with their residuals
  /// (``TestFunction/benchmark``), so the least-squares methods take part there.
  public static func classic() -> ComparisonSuite {
    ComparisonSuite(
      name: "classic",
      problems: [
        function { try TestFunction.rosenbrock(dimension: 2).benchmark },
        function { try TestFunction.rosenbrock(dimension: 5).benchmark },
        function { TestFunction.himmelblau().benchmark },
        function { TestFunction.beale().benchmark },
        function { try TestFunction.rastrigin(dimension: 2) },
        function { try TestFunction.ackley(dimension: 2) },
        function { try TestFunction.styblinskiTang(dimension: 2) },
      ])
  }

  /// Small physics problems with known global minima: Lennard-Jones clusters of 5, 7
  /// and 13 atoms, and the Thomson problem for 5, 8 and 12 charges.
  public static func physics() -> ComparisonSuite {
    ComparisonSuite(
      name: "physics",
      problems: [5, 7, 13].map { n in function { try LennardJonesCluster(atoms: n) } }
        + [5, 8, 12].map { n in function { try ThomsonProblem(charges: n) } })
  }

  /// A suite function known to build (the constructors above use valid sizes).
  private static func function(
    _ make: @escaping @Sendable () throws -> any BenchmarkFunction
  ) -> any ComparisonProblem {
    do {
      return try FunctionComparisonProblem(make)
    } catch {
      preconditionFailure("a built-in suite problem failed to build: \(error)")
    }
  }

  /// Runs every entrant on every problem and builds the profile over the entrants that
  /// can minimise at least one problem of the suite.
  public func run(
    entrants: [ComparisonEntrant], settings: ComparisonSettings = ComparisonSettings(),
    progress: (@Sendable (_ completed: Int, _ total: Int) -> Void)? = nil
  ) -> SuiteResult {
    let comparisons = Comparison.runMany(
      problems, entrants: entrants, settings: settings, progress: progress)
    let solvers = entrants.indices.filter { e in
      comparisons.contains { $0.summaries[e].isApplicable }
    }
    let costs = comparisons.map { c in
      solvers.map { e -> Double in
        let cost = c.summaries[e].cost
        return cost.isFinite ? max(cost, 1) : .infinity
      }
    }
    let profile = PerformanceProfile(
      solvers: solvers.map { entrants[$0].name }, problems: comparisons.map(\.problem),
      costs: costs)
    return SuiteResult(suite: name, comparisons: comparisons, profile: profile)
  }
}

/// The comparisons of a suite, one per problem, and their performance profile.
public struct SuiteResult: Sendable {
  /// The suite's name.
  public var suite: String
  /// One comparison per problem, in the suite's order.
  public var comparisons: [Comparison]
  /// The Dolan–Moré profile of the median evaluations to success over the problems.
  public var profile: PerformanceProfile
}
