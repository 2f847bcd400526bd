import Foundation
import PhysFit
import Synchronization

/// The `--checkpoint FILE` of `physfit toys`: a toy file of the same format as
/// `--output` (``ToyShard``, docs/json-schema.md) holding the toys completed so far.
///
/// Each toy's record depends only on the study and its index (its random stream is
/// seeded by `--seed` and the index), so a resumed run skips the recorded indices and
/// its result file is byte for byte the one an uninterrupted run writes.
final class ToysCheckpoint: Sendable {
  let path: String
  /// `--checkpoint-every N` toys; nil saves every ``TrainCheckpoint/defaultInterval``
  /// seconds.
  let every: Int?
  let interruption: Interruption

  private struct State {
    var header: ToyStudyHeader?
    var shard = ShardSpec.whole
    var records: [ToyRecord] = []
    var sinceSave = 0
    var lastSave = Date()
    var failure: String?
  }
  private let state = Mutex(State())

  init(path: String, every: Int?, interruption: Interruption) {
    self.path = path
    self.every = every
    self.interruption = interruption
  }

  /// The records already in the file for this study and shard ([] when there is no
  /// file); throws when the file is not a toy file or belongs to another study.
  func start(header: ToyStudyHeader, shard: ShardSpec) throws -> [ToyRecord] {
    var records: [ToyRecord] = []
    if FileManager.default.fileExists(atPath: path) {
      let saved: ToyShard
      do {
        saved = try ToyShard.read(from: path)
      } catch {
        throw CLIError.input("--checkpoint \(error.description)")
      }
      if let difference = saved.study.difference(from: header) {
        throw CLIError.usage(
          "--checkpoint \(path): saved by another study (\(difference)); rerun with the same "
            + "options and data, or remove the file")
      }
      guard saved.shard == shard else {
        throw CLIError.usage(
          "--checkpoint \(path): holds shard \(saved.shard), not --shard \(shard)")
      }
      records = saved.records
    }
    state.withLock {
      $0.header = header
      $0.shard = shard
      $0.records = records
      $0.lastSave = Date()
    }
    return records
  }

  /// Whether the study should start no more toys: SIGINT, or a checkpoint that could
  /// not be written.
  var isStopRequested: Bool {
    interruption.isRequested || state.withLock { $0.failure != nil }
  }

  /// Adds a completed toy and writes the file when a save is due.
  func record(_ record: ToyRecord) {
    state.withLock { s in
      s.records.append(record)
      s.sinceSave += 1
      let due =
        every.map { s.sinceSave >= $0 }
        ?? (Date().timeIntervalSince(s.lastSave) >= TrainCheckpoint.defaultInterval)
      if due { Self.write(&s, to: path) }
    }
  }

  /// Writes every completed toy now (after an interruption); returns how many.
  func save() -> Int {
    state.withLock { s in
      Self.write(&s, to: path)
      return s.records.count
    }
  }

  private static func write(_ s: inout State, to path: String) {
    guard let header = s.header, s.failure == nil else { return }
    do {
      try ToyShard(study: header, shard: s.shard, records: s.records).write(to: path)
      s.sinceSave = 0
      s.lastSave = Date()
    } catch {
      s.failure = "--checkpoint \(path): \(error)"
    }
  }

  func throwIfWriteFailed() throws {
    if let message = state.withLock({ $0.failure }) { throw CLIError.output(message) }
  }

  /// Deletes the checkpoint once the result file is written.
  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
