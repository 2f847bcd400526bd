import Foundation
import PhysFit
import Synchronization

/// The `--checkpoint FILE` of `physfit train`: the optimizer's state
/// (``GradientDescent/Checkpoint``) together with the settings that produced it.
///
/// JSON (docs/json-schema.md), written atomically:
///
/// ```json
/// {"format": "physfit-train-checkpoint", "version": 1,
///  "settings": ["network=1-16-1", …, "data=200 rows, fnv1a …"], "state": {…}}
/// ```
struct TrainCheckpointFile: Codable {
  static let formatName = "physfit-train-checkpoint"
  static let currentVersion = 1

  var format = TrainCheckpointFile.formatName
  var version = TrainCheckpointFile.currentVersion
  /// "name=value" for every setting that decides the run (``TrainCommand/checkpointSettings``).
  var settings: [String]
  /// The optimizer's state after its last saved epoch.
  var state: GradientDescent.Checkpoint
}

/// Reads, writes and removes the checkpoint of one training run, and tells the
/// optimizer when to stop (SIGINT, or a checkpoint that cannot be written).
final class TrainCheckpoint: Sendable {
  let path: String
  let settings: [String]
  /// The state to resume from (the file existed), or nil.
  let resume: GradientDescent.Checkpoint?
  /// `--checkpoint-every N` epochs; nil saves every ``defaultInterval`` seconds.
  let every: Int?
  let interruption: Interruption
  private let failure = Mutex<String?>(nil)
  private let last = Mutex<Int?>(nil)

  /// Without `--checkpoint-every`, the state is saved when 30 s have passed since the
  /// last save: at most 30 s of work are lost to a crash or SIGKILL, and writing the
  /// state (a few arrays the size of the parameters) costs far less than 30 s of
  /// training. SIGINT always saves the current state.
  static let defaultInterval = 30.0

  /// Reads `path` when it exists; throws unless it is a train checkpoint of the same
  /// `settings`.
  init(path: String, settings: [String], every: Int?, interruption: Interruption) throws {
    self.path = path
    self.settings = settings
    self.every = every
    self.interruption = interruption
    resume =
      FileManager.default.fileExists(atPath: path)
      ? try Self.read(path, settings: settings) : nil
  }

  /// The state in `path`, checked against `settings`.
  static func read(_ path: String, settings: [String]) throws -> GradientDescent.Checkpoint {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLIError.input(
        "--checkpoint \(path): cannot read the file (\((error as NSError).localizedDescription))")
    }
    struct Probe: Decodable {
      var format: String?
      var version: Int?
    }
    guard let probe = try? JSONDecoder().decode(Probe.self, from: data),
      probe.format == TrainCheckpointFile.formatName
    else {
      throw CLIError.input(
        "--checkpoint \(path): not a physfit train checkpoint (no \"format\": "
          + "\"\(TrainCheckpointFile.formatName)\"); remove it or choose another file")
    }
    guard probe.version == TrainCheckpointFile.currentVersion else {
      throw CLIError.input(
        "--checkpoint \(path): checkpoint version \(probe.version.map(String.init) ?? "?") is "
          + "not the version \(TrainCheckpointFile.currentVersion) this program reads")
    }
    let file: TrainCheckpointFile
    do {
      file = try GradientDescent.Checkpoint.jsonDecoder().decode(
        TrainCheckpointFile.self, from: data)
    } catch {
      throw CLIError.input("--checkpoint \(path): corrupt checkpoint (\(Self.describe(error)))")
    }
    if file.settings != settings {
      let saved = Dictionary(
        file.settings.map { Self.split($0) }, uniquingKeysWith: { first, _ in first })
      let now = settings.map { Self.split($0) }
      let (name, value) =
        now.first { saved[$0.0] != $0.1 } ?? ("settings", settings.joined(separator: "; "))
      throw CLIError.usage(
        "--checkpoint \(path): saved by a run with other settings (\(name): \(saved[name] ?? "none") "
          + "in the checkpoint, \(value) now); rerun with the same options and data, or remove the file"
      )
    }
    return file.state
  }

  /// The optimizer's side: resume, save every `every` epochs (or 30 s), stop on SIGINT
  /// or after a failed write.
  var control: GradientDescent.Checkpointing {
    GradientDescent.Checkpointing(
      resume: resume, everyIterations: every, interval: every == nil ? Self.defaultInterval : nil,
      save: { [self] state in write(state) },
      isInterrupted: { [self] in interruption.isRequested || failure.withLock { $0 != nil } })
  }

  /// Writes the state atomically; a failure stops the run (reported by
  /// ``throwIfWriteFailed()``).
  func write(_ state: GradientDescent.Checkpoint) {
    do {
      let file = TrainCheckpointFile(settings: settings, state: state)
      try AtomicFile.write(GradientDescent.Checkpoint.jsonEncoder().encode(file), to: path)
      last.withLock { $0 = state.iteration }
    } catch {
      failure.withLock { $0 = $0 ?? "--checkpoint \(path): \(error)" }
    }
  }

  /// The epoch of the last state written, if any.
  var lastSavedEpoch: Int? { last.withLock { $0 } }

  func throwIfWriteFailed() throws {
    if let message = failure.withLock({ $0 }) { throw CLIError.output(message) }
  }

  /// Deletes the checkpoint after a run that ended (not interrupted).
  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }

  private static func split(_ setting: String) -> (String, String) {
    guard let i = setting.firstIndex(of: "=") else { return (setting, "") }
    return (String(setting[..<i]), String(setting[setting.index(after: i)...]))
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let c):
      "missing field '\((c.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
    case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c),
      DecodingError.dataCorrupted(let c):
      "field '\(c.codingPath.map(\.stringValue).joined(separator: "."))': \(c.debugDescription)"
    default: "\(error)"
    }
  }
}

extension TrainCommand {
  /// Every setting that decides the trained weights, "name=value": network, objective,
  /// columns, optimizer settings, seed and a digest of the values read. A checkpoint
  /// resumes only under the same settings. Not included: the data file's path, the
  /// output options (--save, --json, figures) and --checkpoint-every.
  func checkpointSettings(data: SelectedData, targets: TrainTargets) -> [String] {
    let o = optimizer
    var parts = [
      "network=\(network.network)", "activation=\(network.activation)",
      "output-activation=\(network.outputActivation)", "standardize=\(network.standardize)",
      "objective=\(objective.rawValue)", "x=\(data.xColumnNames.joined(separator: ","))",
      "y=\(targets.names.joined(separator: ","))", "sigma=\(self.data.sigmaColumn ?? "")",
      "optimizer=\(o.summary(for: .general))",
    ]
    let optional: [(String, String?)] = [
      ("max-iterations", o.maxIterations.map { "\($0)" }),
      ("tolerance", o.tolerance.map { "\($0)" }),
      ("learning-rate", o.learningRate.map { "\($0)" }), ("schedule", o.schedule),
      ("batch-size", o.batchSize.map { "\($0)" }), ("epochs", o.epochs.map { "\($0)" }),
      ("validation", o.validation.map { "\($0)" }), ("seed", "\(o.seed ?? 0)"),
    ]
    for case (let name, let value?) in optional { parts.append("\(name)=\(value)") }
    var columns = targets.columns
    columns += targets.sigma ?? []
    parts.append(
      "data=\(data.count) rows, fnv1a \(DataDigest.fnv1a(data)) "
        + DataDigest.fnv1a(columns))
    return parts
  }
}
