import Dispatch
import Foundation
import Synchronization

/// How a network spreads one batch over threads: by rows (data parallelism).
///
/// A batch of n rows is cut into up to ``count`` chunks of at least ``minimumRows`` rows;
/// each chunk runs the whole forward and backward pass — its GEMMs, activations and
/// φ′ — on its own thread, in its own part of the workspace, and the backward pass sums
/// the chunks' gradients. For the small layers of a typical physics network (64 units,
/// batches of a few hundred) this uses the cores far better than splitting each GEMM:
/// OpenBLAS's threads only share the GEMMs (the elementwise passes stay on one core), and
/// the synchronisation inside every small GEMM costs more than it saves (measured: the
/// 2-64-64-1 benchmark trained *faster* with one OpenBLAS thread than with two).
///
/// While a network's GEMMs run — on one chunk or several — OpenBLAS is switched to one
/// thread (through `openblas_set_num_threads`, found at run time, so another BLAS simply
/// skips this): concurrent GEMMs then do not queue for its thread pool, and a batch too
/// small to split does not pay for OpenBLAS's synchronisation either. The previous
/// setting is restored when the last concurrent batch ends.
///
/// **Thread count**: the environment's `PHYSFIT_THREADS`, else `OPENBLAS_NUM_THREADS`, else
/// `OMP_NUM_THREADS` (the variables that already say how many cores numerical code may
/// use), else the number of active processors; at most 64. `PHYSFIT_THREADS=1` keeps
/// every batch on the calling thread.
enum NetworkThreads {
  /// The number of threads a batch may use.
  static let count: Int = {
    let environment = ProcessInfo.processInfo.environment
    for name in ["PHYSFIT_THREADS", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"] {
      if let text = environment[name], let n = Int(text.trimmingCharacters(in: .whitespaces)),
        n >= 1
      {
        return min(n, 64)
      }
    }
    return min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 64)
  }()

  /// Fewest rows per chunk: 64, so that a batch of 64 (a common mini-batch size) stays on
  /// one thread: measured on the 64-128-10 benchmark, two chunks of 32 rows trained no
  /// faster than one of 64.
  static let minimumRows = 64

  /// Fewest multiply-adds per chunk and pass, rows × weights: 2¹⁸ (tens of µs of
  /// work), so that the thread hand-off (a few µs, more on a busy machine) stays a small
  /// part of it. A small network on a few hundred points — a fit rather than a
  /// training run — stays on one thread.
  static let minimumWork = 1 << 18

  /// The number of chunks for n rows of a network with `weights` parameters: 1 unless
  /// every chunk gets at least ``minimumRows`` rows and ``minimumWork`` multiply-adds.
  static func chunkCount(rows n: Int, weights: Int) -> Int {
    let rowsPerChunk = max(minimumRows, (minimumWork + weights - 1) / max(weights, 1))
    return max(1, min(count, n / rowsPerChunk))
  }

  /// The rows of chunk c of `chunks` over n rows: consecutive, sizes differing by at
  /// most one.
  static func rows(of c: Int, chunks: Int, rows n: Int) -> Range<Int> {
    (c * n / chunks)..<((c + 1) * n / chunks)
  }

  /// Runs `body(c)` for c = 0..<chunks, concurrently when chunks > 1, with OpenBLAS on
  /// one thread meanwhile, and returns when all have finished.
  static func run(_ chunks: Int, _ body: @Sendable (Int) -> Void) {
    BLASThreads.enterSingleThreaded()
    defer { BLASThreads.leaveSingleThreaded() }
    if chunks == 1 {
      body(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: chunks, execute: body)
    }
  }
}

/// A pointer shared by the chunks of one batch, which touch disjoint parts of it.
struct SharedPointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
  init(_ base: UnsafeMutablePointer<Double>) { self.base = base }
}

/// OpenBLAS's thread setting, switched to 1 while network chunks run their own GEMMs.
enum BLASThreads {
  typealias Getter = @convention(c) () -> Int32
  typealias Setter = @convention(c) (Int32) -> Void

  /// `openblas_get_num_threads` and `openblas_set_num_threads`, if the BLAS is OpenBLAS.
  static let functions: (get: Getter, set: Setter)? = {
    let program = dlopen(nil, RTLD_NOW)
    guard let get = dlsym(program, "openblas_get_num_threads"),
      let set = dlsym(program, "openblas_set_num_threads")
    else { return nil }
    return (unsafeBitCast(get, to: Getter.self), unsafeBitCast(set, to: Setter.self))
  }()

  /// Concurrent single-threaded sections, and the setting to restore after the last.
  static let state = Mutex<(depth: Int, saved: Int32)>((0, 1))

  static func enterSingleThreaded() {
    guard let functions else { return }
    state.withLock { s in
      if s.depth == 0 {
        s.saved = functions.get()
        if s.saved != 1 { functions.set(1) }
      }
      s.depth += 1
    }
  }

  static func leaveSingleThreaded() {
    guard let functions else { return }
    state.withLock { s in
      s.depth -= 1
      if s.depth == 0, s.saved != 1 { functions.set(s.saved) }
    }
  }
}
