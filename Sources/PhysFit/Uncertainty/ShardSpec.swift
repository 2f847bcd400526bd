/// Shard i of M of a study of N toys: the toys with indices
///
///     ⌊i·N/M⌋ ..< ⌊(i+1)·N/M⌋,     i = 0 … M − 1,
///
/// M consecutive ranges that cover 0 ..< N exactly once, with sizes differing by at
/// most one. Shard i needs nothing from the others, so shards run anywhere — a Slurm
/// job array (`--shard $SLURM_ARRAY_TASK_ID/M`), HTCondor, GNU parallel — and any
/// split of the same study merges to the same result.
public struct ShardSpec: Sendable, Hashable, Codable, CustomStringConvertible {
  /// i, from 0.
  public var index: Int
  /// M ≥ 1.
  public var count: Int

  /// The whole study as one shard, 0/1.
  public static let whole = ShardSpec(uncheckedIndex: 0, count: 1)

  /// Shard `index` (0-based) of `count`.
  ///
  /// - Throws: ``UncertaintyError/invalidSetting(_:)`` unless 0 ≤ index < count.
  public init(index: Int, count: Int) throws(UncertaintyError) {
    guard count >= 1, index >= 0, index < count else {
      throw .invalidSetting("shard \(index)/\(count): need 0 ≤ i < M (shards are numbered from 0)")
    }
    self.index = index
    self.count = count
  }

  private init(uncheckedIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses "i/M".
  public init(parsing text: String) throws(UncertaintyError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let m = Int(parts[1]) else {
      throw .invalidSetting("shard '\(text)': expected i/M, e.g. 0/4 (shards are numbered from 0)")
    }
    try self.init(index: i, count: m)
  }

  /// The toy indices of this shard in a study of `toys` toys.
  public func range(toys: Int) -> Range<Int> {
    // Int multiplication cannot overflow for any study that fits in memory.
    (index * toys / count)..<((index + 1) * toys / count)
  }

  public var description: String { "\(index)/\(count)" }
}
