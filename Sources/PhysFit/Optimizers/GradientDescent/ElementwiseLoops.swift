import Dispatch

/// The per-step loops of gradient descent over all n parameters — copy, add, the
/// finiteness test — written four values at a time over buffer pointers.
///
/// A network has thousands to millions of parameters and a mini-batch step costs little
/// more than a few passes over them, so these passes are a visible part of training
/// (about 6 % of the 64-128-10 benchmark before this form). The finiteness test sums
/// g − g, which is 0 for a finite g and NaN for ±∞ and NaN, instead of branching per
/// value.
///
/// From ``parallelMinimum`` values on, copy, add, Adam and the learning-rate scaling are
/// split into ranges over the threads a network batch uses (`NetworkThreads.count`):
/// with a million weights these passes are memory-bound serial work between the
/// parallel forward and backward passes, and the other cores would wait for them.
enum ElementwiseLoops {
  typealias Lanes = SIMD4<Double>

  /// 2¹⁷ values (1 MiB per array): below that a pass takes well under 100 µs and a
  /// thread hand-off would be a large part of it.
  static let parallelMinimum = 1 << 17

  /// Calls `body` on consecutive ranges covering 0..<n: one range below
  /// ``parallelMinimum``, else one per thread (each at least half the minimum),
  /// concurrently.
  static func forEachRange(_ n: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let parts = n < parallelMinimum ? 1 : min(NetworkThreads.count, n / (parallelMinimum / 2))
    guard parts > 1 else {
      body(0..<n)
      return
    }
    DispatchQueue.concurrentPerform(iterations: parts) { c in
      body((c * n / parts)..<((c + 1) * n / parts))
    }
  }

  /// y ← x (same count).
  static func copy(_ x: [Double], into y: inout [Double]) {
    precondition(x.count == y.count, "copy needs equal lengths")
    x.withUnsafeBufferPointer { source in
      y.withUnsafeMutableBufferPointer { target in
        guard let s = source.baseAddress, let t = target.baseAddress else { return }
        let (from, to) = (SharedPointer(UnsafeMutablePointer(mutating: s)), SharedPointer(t))
        forEachRange(source.count) { range in
          (to.base + range.lowerBound).update(
            from: from.base + range.lowerBound, count: range.count)
        }
      }
    }
  }

  /// y ← y + x.
  static func add(_ x: [Double], to y: inout [Double]) {
    precondition(x.count == y.count, "add needs equal lengths")
    x.withUnsafeBufferPointer { source in
      y.withUnsafeMutableBufferPointer { target in
        guard let s = source.baseAddress, let t = target.baseAddress else { return }
        let (from, to) = (SharedPointer(UnsafeMutablePointer(mutating: s)), SharedPointer(t))
        forEachRange(source.count) { range in
          add(from.base + range.lowerBound, to: to.base + range.lowerBound, count: range.count)
        }
      }
    }
  }

  /// t ← t + s over `count` values.
  static func add(_ s: UnsafePointer<Double>, to t: UnsafeMutablePointer<Double>, count n: Int) {
    var i = 0
    while i + 4 <= n {
      let sum =
        UnsafeRawPointer(t + i).loadUnaligned(as: Lanes.self)
        + UnsafeRawPointer(s + i).loadUnaligned(as: Lanes.self)
      UnsafeMutableRawPointer(t + i).storeBytes(of: sum, as: Lanes.self)
      i += 4
    }
    while i < n {
      t[i] += s[i]
      i += 1
    }
  }

  /// Whether every value is finite.
  static func allFinite(_ x: [Double]) -> Bool {
    x.withUnsafeBufferPointer { buffer in
      guard let p = buffer.baseAddress else { return true }
      let n = buffer.count
      var probe = Lanes()
      var i = 0
      while i + 4 <= n {
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
        probe += v - v
        i += 4
      }
      var tail = 0.0
      while i < n {
        tail += p[i] - p[i]
        i += 1
      }
      return (probe.sum() + tail) == 0
    }
  }
}
