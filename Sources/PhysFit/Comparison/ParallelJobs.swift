import Dispatch
import Foundation

/// Runs independent jobs on several threads and returns their results in job order,
/// so that the outcome never depends on which thread ran what, or when.
enum ParallelJobs {
  /// `body(0)`, …, `body(count − 1)` on `threads` threads (workers take the next job
  /// index from a shared counter); `completed` is called after each job, serially.
  static func map<T: Sendable>(
    count: Int, threads: Int, completed: (@Sendable () -> Void)? = nil,
    _ body: @escaping @Sendable (Int) -> T
  ) -> [T] {
    let state = State<T>(count: count)
    let workers = min(max(threads, 1), max(count, 1))
    if workers == 1 {
      for i in 0..<count {
        state.store(body(i), at: i)
        completed?()
      }
    } else {
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let i = state.next() {
          let result = body(i)
          state.store(result, at: i)
          state.lock.withLock { completed?() }
        }
      }
    }
    return state.results.map { $0! }
  }

  /// The shared counter and result slots, behind one lock.
  private final class State<T>: @unchecked Sendable {
    let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private(set) var results: [T?]

    init(count: Int) {
      self.count = count
      results = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
      lock.withLock {
        guard nextIndex < count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
      }
    }

    func store(_ value: T, at i: Int) {
      lock.withLock { results[i] = value }
    }
  }
}
