import Foundation
import PhysFit
import Synchronization

/// Runs the toy study of `physfit toys` on the minimised fit of the real data.
final class ToysRun: FitFollowUp {
  let toys: Int
  let shard: ShardSpec
  let seed: UInt64
  let level: ConfidenceLevel
  /// Parameters with profile intervals in each toy: nil none, empty all free ones.
  let minos: [String]?
  let threads: Int
  /// What was fitted (set before the fit runs; see ``ToysFingerprint``).
  var fingerprint = ""
  /// The shard's result, once the study has run (incomplete when interrupted).
  private(set) var shardFile: ToyShard?
  /// `--checkpoint`: resumes completed toys, saves new ones, stops on SIGINT.
  var checkpoint: ToysCheckpoint?
  /// Whether SIGINT stopped the study before every toy of the shard was done.
  var interrupted: Bool { shardFile.map { !$0.missing.isEmpty } ?? false }

  init(
    toys: Int, shard: ShardSpec, seed: UInt64, level: ConfidenceLevel, minos: [String]?,
    threads: Int
  ) {
    self.toys = toys
    self.shard = shard
    self.seed = seed
    self.level = level
    self.minos = minos
    self.threads = threads
  }

  func run<M: Model, O: Objective>(
    fit: Fit<M, O>, result: FitResult, minimizer: FitMinimizer<M, O>
  ) throws {
    guard let objective = fit.objective as? any PseudoDataObjective else {
      throw CLIError.input(
        "toys: this objective cannot draw pseudo-data; toys support chi2 (with --sigma), "
          + "poisson, gaussian-nll, unbinned-nll and extended-nll")
    }
    if let chi2 = fit.objective as? ChiSquare, !chi2.hasAbsoluteErrors {
      throw CLIError.input(
        "toys: a χ² without --sigma has no scatter to draw pseudo-data from: give --sigma")
    }
    for name in minos ?? [] {
      guard let p = fit.parameters[name] else {
        throw CLIError.input(
          "--minos: unknown parameter '\(name)' (the model has: "
            + fit.parameters.names.joined(separator: ", ") + ")")
      }
      if p.isFixed { throw CLIError.input("--minos: '\(name)' is fixed (--fix)") }
    }
    guard result.converged else { throw FitNotConverged(reason: result.reason) }
    try study(objective, fit: fit, result: result, minimizer: minimizer)
  }

  /// The study with the objective's pseudo-data type `P` (which is `O`).
  private func study<M: Model, O: Objective, P: PseudoDataObjective>(
    _: P, fit: Fit<M, O>, result: FitResult, minimizer: FitMinimizer<M, O>
  ) throws {
    guard let fit = fit as? Fit<M, P>, let minimizer = minimizer as? FitMinimizer<M, P> else {
      throw CLIError.internal("internal error: the toy objective's type does not match the fit's")
    }
    let names = minos.map { $0.isEmpty ? fit.parameters.filter { !$0.isFixed }.map(\.name) : $0 }
    let configuration = ToyStudy<M, P>.Configuration(
      seed: seed, level: level, minos: names ?? [], threads: threads)
    let study: ToyStudy<M, P>
    do {
      study = try ToyStudy(
        fit: fit, truth: result.values, minimizer: minimizer, configuration: configuration)
    } catch {
      throw CLIError.input("toys: \(error)")
    }
    let header = study.header(
      toys: toys, observedMinimum: result.objectiveValue, fingerprint: fingerprint)
    let range = shard.range(toys: toys)
    let saved = checkpoint
    let done = try saved?.start(header: header, shard: shard) ?? []
    let progress = ToysProgress(total: range.count - done.count)
    var stop: (@Sendable () -> Bool)?
    if let saved { stop = { saved.isStopRequested } }
    let onRecord: @Sendable (ToyRecord) -> Void = { record in
      progress?.step()
      saved?.record(record)
    }
    let completed = Set(done.map(\.index))
    let records = study.run(range, completed: completed, shouldStop: stop, onRecord: onRecord)
    progress?.finish()
    shardFile = ToyShard(study: header, shard: shard, records: done + records)
  }
}

/// "toys 123/250" on standard error, redrawn at most ten times a second; only when
/// standard error is a terminal. Called from the worker threads.
final class ToysProgress: Sendable {
  private let total: Int
  private let state = Mutex((done: 0, lastDraw: 0.0))
  private let start = Date()

  init?(total: Int) {
    guard isatty(STDERR_FILENO) != 0 else { return nil }
    self.total = total
  }

  func step() {
    let now = Date().timeIntervalSince(start)
    let line: String? = state.withLock { s in
      s.done += 1
      guard s.done == total || now - s.lastDraw >= 0.1 else { return nil }
      s.lastDraw = now
      return "\rtoys \(s.done)/\(total)\u{1B}[K"
    }
    if let line { FileHandle.standardError.write(Data(line.utf8)) }
  }

  func finish() {
    FileHandle.standardError.write(Data("\n".utf8))
  }
}
