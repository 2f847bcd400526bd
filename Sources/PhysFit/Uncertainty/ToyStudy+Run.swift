import Dispatch
import Synchronization

extension ToyStudy {
  /// Runs the toys with indices in `indices` that are not in `completed`, on
  /// ``Configuration/threads`` threads, and returns their records sorted by index.
  ///
  /// Threads take the next index from a shared counter; each record depends only on
  /// its index, so the result is the same for any thread count and scheduling.
  /// `onRecord` is called (from the worker threads, in completion order) as each toy
  /// finishes — for progress, or to save completed toys as they come.
  ///
  /// `shouldStop` is asked before each toy is started (an interruption, e.g. SIGINT):
  /// once it says yes, no new toy starts, the toys in progress finish, and the records
  /// completed so far are returned — to be saved and resumed through `completed`.
  public func run(
    _ indices: Range<Int>, completed: Set<Int> = [],
    shouldStop: (@Sendable () -> Bool)? = nil,
    onRecord: (@Sendable (ToyRecord) -> Void)? = nil
  ) -> [ToyRecord] {
    let work = indices.filter { !completed.contains($0) }
    let slots = Mutex([ToyRecord?](repeating: nil, count: work.count))
    let next = Atomic<Int>(0)
    let threads = max(1, min(configuration.threads, work.count))
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while true {
        let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard k < work.count, shouldStop?() != true else { return }
        let record = toy(work[k])
        slots.withLock { $0[k] = record }
        onRecord?(record)
      }
    }
    return slots.withLock { $0.compactMap { $0 } }
  }
}
