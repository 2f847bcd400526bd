extension Comparison {
  /// Runs every entrant from `settings.starts` starts of `problem`, in parallel on
  /// `settings.threads` threads. `progress` is told the runs completed and the total,
  /// after each run.
  public static func run(
    _ problem: some ComparisonProblem, entrants: [ComparisonEntrant],
    settings: ComparisonSettings = ComparisonSettings(),
    progress: (@Sendable (_ completed: Int, _ total: Int) -> Void)? = nil
  ) -> Comparison {
    runMany([problem], entrants: entrants, settings: settings, progress: progress)[0]
  }

  /// One comparison per problem, all runs of all problems sharing one pool of threads.
  static func runMany(
    _ problems: [any ComparisonProblem], entrants: [ComparisonEntrant],
    settings: ComparisonSettings,
    progress: (@Sendable (_ completed: Int, _ total: Int) -> Void)? = nil
  ) -> [Comparison] {
    let starts = problems.map { p in
      (0..<settings.starts).map { p.startPoint(index: $0, seed: settings.seed) }
    }
    let perProblem = entrants.count * settings.starts
    let total = problems.count * perProblem
    let counter = ProgressCounter(total: total, report: progress)
    let job: @Sendable (Int) -> RunRecord = { job in
      let p = job / perProblem
      let e = (job % perProblem) / settings.starts
      let k = job % settings.starts
      return runOne(problems[p], entrants[e], start: k, from: starts[p][k], settings: settings)
    }
    let records = ParallelJobs.map(
      count: total, threads: settings.threads, completed: { counter.tick() }, job)
    return problems.indices.map { p in
      Comparison(
        problem: problems[p], optimizers: entrants.map(\.name), settings: settings,
        runs: Array(records[(p * perProblem)..<((p + 1) * perProblem)]))
    }
  }

  /// One run: the entrant reseeded for start k, its iterations recorded.
  static func runOne(
    _ problem: some ComparisonProblem, _ entrant: ComparisonEntrant, start k: Int,
    from point: [Double], settings: ComparisonSettings
  ) -> RunRecord {
    let recorder = TraceRecorder()
    let seeded = entrant.reseeded(settings.seed &+ UInt64(k))
    guard
      let outcome = problem.run(
        seeded, from: point, budget: settings.budget, observer: recorder.record)
    else {
      return .notApplicable(entrant.name, start: k, startPoint: point)
    }
    return RunRecord(
      optimizer: entrant.name, start: k, startPoint: point,
      status: RunStatus(outcome.reason, budgetExhausted: outcome.budgetExhausted),
      reason: outcome.reason.description, value: outcome.value, point: outcome.point, gap: .nan,
      success: false, evaluationsToSuccess: nil, iterations: outcome.iterations,
      evaluations: outcome.evaluations, time: recorder.elapsed, method: outcome.method,
      trace: recorder.records)
  }
}

/// Counts completed runs for a progress callback (called under the job lock).
private final class ProgressCounter: @unchecked Sendable {
  let total: Int
  let report: (@Sendable (Int, Int) -> Void)?
  private var done = 0

  init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
    self.total = total
    self.report = report
  }

  func tick() {
    done += 1
    report?(done, total)
  }
}
