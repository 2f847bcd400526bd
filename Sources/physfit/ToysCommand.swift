import ArgumentParser
import Foundation
import PhysFit

/// `physfit toys`: a study of pseudo-experiments drawn from the fitted model, or one
/// shard of it.
struct ToysCommand: ParsableCommand, FitSetupCommand {
  static let configuration = CommandConfiguration(
    commandName: "toys",
    abstract: "Pseudo-experiments from the fitted model: pulls, bias, coverage, goodness of fit.",
    discussion: """
      Fits the data as `physfit fit` does, then draws --toys pseudo-experiments from the \
      fitted model (Poisson counts for poisson, Gaussian scatter by σ for chi2 with \
      --sigma and gaussian-nll, values sampled from the density for unbinned-nll and \
      extended-nll), refits each from the fitted values, and reports for every free \
      parameter the pulls (θ̂ − θ)/σ̂ (mean and width with their errors), the bias, the \
      coverage of the ±kσ̂ intervals at --cl (and of profile-likelihood intervals with \
      --minos), and the distribution of the minimum with its empirical p-value (the \
      fraction of toys whose minimum is at least the observed one).

      Reproducible and splittable: toy i draws from its own random stream, seeded by \
      --seed and i, so results do not depend on threads or shards. --shard i/M runs the \
      toys ⌊i·N/M⌋ ..< ⌊(i+1)·N/M⌋ (i from 0); `physfit merge` combines the M files into \
      the report a single run gives, bit for bit. --seed also seeds a stochastic \
      optimizer (annealing, sgd, …), identically in every toy.

      --output FILE.json is the result file (one record per toy; docs/json-schema.md), \
      written atomically; the report of this shard's toys is printed.

      --checkpoint FILE.json saves the completed toys (a toy file) every 30 s \
      (--checkpoint-every N: every N toys) and on Ctrl-C, which starts no new toy and \
      exits with 130 once the running ones finish; rerunning the same command skips the \
      saved toys and writes the same --output, byte for byte. FILE is removed at the end.

      Exit status: 0 success; 2 the fit of the data did not converge; 64 usage; 65 input \
      (also an objective without pseudo-data, e.g. chi2 without --sigma); 73 the result \
      or checkpoint file cannot be written; 130 interrupted by SIGINT with --checkpoint.

      Example (a Slurm job array of 4 shards, then a merge):
        physfit toys hist.csv --model "A*exp(-0.5*((x-m)/s)^2) + B" --objective poisson
          --toys 1000 --seed 7 --shard $SLURM_ARRAY_TASK_ID/4 --output toys-$SLURM_ARRAY_TASK_ID.json
        physfit merge toys-*.json
      """
  )

  @OptionGroup(title: "Data") var data: DataOptions
  @OptionGroup(title: "Model") var modelOptions: ModelOptions
  @OptionGroup(title: "Parameters") var parameters: ParameterOptions
  @OptionGroup(title: "Objective") var objective: ObjectiveOptions
  @OptionGroup(title: "Optimizer (--seed also seeds the toys)") var optimizer: OptimizerOptions

  @Option(
    help: ArgumentHelp("N, the number of pseudo-experiments of the whole study.", valueName: "n"))
  var toys: Int

  @Option(
    help: ArgumentHelp(
      "Run shard i of M (i = 0 … M−1): toys ⌊i·N/M⌋ ..< ⌊(i+1)·N/M⌋. Default 0/1 (all).",
      valueName: "i/m"))
  var shard = "0/1"

  @Option(help: ArgumentHelp("The result file (JSON), written atomically.", valueName: "file.json"))
  var output: String

  @Option(
    name: .customLong("minos"), defaultAsFlag: "all", parsing: .next,
    help: ArgumentHelp(
      "Also compute profile-likelihood intervals in every toy, for the listed parameters "
        + "(all free ones without a list), and report their coverage. Costly.",
      valueName: "params"))
  var minos: String? = nil

  @Option(
    name: .customLong("cl"),
    help: ArgumentHelp(
      "Confidence level of the coverage tests, in (0, 1). Default 0.6827 (±1σ).",
      valueName: "cl"))
  var cl: Double?

  @Option(
    help: ArgumentHelp(
      "Worker threads. Default: the number of processors.", valueName: "n"))
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Print the report as one JSON object (pretty-printed, sorted keys).")
  var json = false

  @Option(
    help: ArgumentHelp(
      "Save completed toys to this file (a toy file, atomically, every 30 s or "
        + "--checkpoint-every toys, and on Ctrl-C); when it exists, resume from it. Removed "
        + "once --output is written.",
      valueName: "file.json"))
  var checkpoint: String?

  @Option(
    help: ArgumentHelp(
      "With --checkpoint: save every n completed toys instead of every 30 s.", valueName: "n"))
  var checkpointEvery: Int?

  mutating func validate() throws {
    // --seed belongs to the optimizer options but seeds the toys here: check the
    // optimizer settings without it.
    var settings = optimizer
    settings.seed = nil
    try objective.check(data: data, model: modelOptions.model)
    try settings.check(objective: objective.objective)
    guard optimizer.seed != nil else {
      throw ValidationError("--seed is required: it seeds the pseudo-experiments (e.g. --seed 1)")
    }
    guard toys >= 1 else { throw ValidationError("--toys \(toys): need at least 1") }
    _ = try shardSpec()
    guard threads >= 1 else { throw ValidationError("--threads \(threads): need at least 1") }
    _ = try MinosOptions.level(cl)
    _ = try minosNames()
    guard URL(fileURLWithPath: output).pathExtension.lowercased() == "json" else {
      throw ValidationError("--output '\(output)': the result file's name must end in .json")
    }
    if let n = checkpointEvery {
      guard checkpoint != nil else {
        throw ValidationError("--checkpoint-every \(n): needs --checkpoint FILE")
      }
      guard n >= 1 else { throw ValidationError("--checkpoint-every \(n): need at least 1") }
    }
    if let checkpoint,
      URL(fileURLWithPath: checkpoint).standardized == URL(fileURLWithPath: output).standardized
    {
      throw ValidationError("--checkpoint '\(checkpoint)': must not be the --output file")
    }
  }

  func shardSpec() throws -> ShardSpec {
    do {
      return try ShardSpec(parsing: shard)
    } catch {
      throw ValidationError("--\(error)")
    }
  }

  /// nil without --minos; empty for all free parameters.
  func minosNames() throws -> [String]? {
    var options = MinosOptions()
    options.minos = minos
    return try options.parameters()
  }

  func run() throws {
    let run = ToysRun(
      toys: toys, shard: try shardSpec(), seed: optimizer.seed ?? 0,
      level: try MinosOptions.level(cl), minos: try minosNames(), threads: threads)
    let interruption = Interruption()
    if let checkpoint {
      interruption.install()
      run.checkpoint = ToysCheckpoint(
        path: checkpoint, every: checkpointEvery, interruption: interruption)
    }
    _ = try fit(with: run, purpose: "a toy study") { data in
      run.fingerprint = ToysFingerprint.make(self, data: data)
    }
    guard let file = run.shardFile else {
      throw CLIError.internal("internal error: the toy study did not run")
    }
    if let saved = run.checkpoint {
      try saved.throwIfWriteFailed()
      if run.interrupted {
        let count = saved.save()
        try saved.throwIfWriteFailed()
        StandardStreams.writeNotice(
          "interrupted: saved \(count) of the shard's \(file.range.count) toys to \(saved.path); "
            + "rerun the same command to resume")
        throw PhysFitExit.interrupted
      }
    }
    do {
      try file.write(to: output)
    } catch {
      throw CLIError(error)
    }
    run.checkpoint?.remove()
    try ToysOutput(shard: file).print(json: json)
  }
}
