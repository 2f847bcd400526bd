import Foundation
import XCTest

@testable import PhysFit

/// A batch large enough to be cut into row chunks (run on their own threads) gives the
/// same predictions and gradient as the same rows evaluated in pieces too small to be
/// cut, and the backward pass after `evaluate` reuses the chunks' forward results.
final class NetworkThreadingTests: XCTestCase {
  /// The rows `range` of `m`.
  static func rows(_ m: Matrix, _ range: Range<Int>) -> Matrix {
    Matrix(columns: (0..<m.columns).map { j in range.map { m[$0, j] } })
  }

  func testChunkedBatchEqualsUnsplitPieces() throws {
    var net = try Network {
      Dense(3, 90, .tanh)
      Dense(90, 60, .softplus)
      Dense(60, 2)
    }
    // 5,882 weights: chunks of at least 64 rows (and 2¹⁸/5,882 ≈ 45).
    let n = 8 * NetworkThreads.minimumRows + 5
    let weights = net.parameterCount
    XCTAssertEqual(
      NetworkThreads.chunkCount(rows: n, weights: weights), min(NetworkThreads.count, 8),
      "chunks for \(n) rows with \(NetworkThreads.count) thread(s)")
    try net.setStandardization(
      inputs: Standardization(means: [0.1, -1, 2], scales: [2, 0.5, 1]),
      outputs: Standardization(means: [3, -4], scales: [0.7, 2]))
    let theta = NetworkGradientTests.parameters(net, seed: 31)
    let x = NetworkGradientTests.inputs(rows: n, columns: 3, seed: 32)
    let v = NetworkGradientTests.inputs(rows: n, columns: 2, seed: 33)

    var workspace = ModelWorkspace()
    var out = Matrix(rows: 0, columns: 0)
    net.evaluate(x, parameters: theta, into: &out, workspace: &workspace)
    var afterEvaluate: [Double] = []
    net.pullbackAfterEvaluate(
      x, parameters: theta, cotangent: v, into: &afterEvaluate, workspace: &workspace)
    var fresh: [Double] = []
    var other = ModelWorkspace()
    net.pullback(x, parameters: theta, cotangent: v, into: &fresh, workspace: &other)
    XCTAssertEqual(afterEvaluate, fresh)

    // Pieces of fewer than 2·minimumRows rows run as one chunk each.
    var summed = [Double](repeating: 0, count: theta.count)
    let piece = NetworkThreads.minimumRows + 7
    for first in stride(from: 0, to: n, by: piece) {
      let range = first..<min(first + piece, n)
      XCTAssertEqual(NetworkThreads.chunkCount(rows: range.count, weights: weights), 1)
      let y = net.evaluate(Self.rows(x, range), parameters: theta)
      for o in 0..<2 {
        for (k, i) in range.enumerated() {
          XCTAssertEqual(y[k, o], out[i, o], accuracy: 1e-14 * max(abs(out[i, o]), 1))
        }
      }
      var g: [Double] = []
      var w = ModelWorkspace()
      net.pullback(
        Self.rows(x, range), parameters: theta, cotangent: Self.rows(v, range), into: &g,
        workspace: &w)
      for j in g.indices { summed[j] += g[j] }
    }
    XCTAssertLessThan(NetworkGradientTests.relativeError(fresh, summed), 1e-12)
  }

  func testChunksCoverTheRowsOnce() {
    for n in [1, 63, 64, 127, 128, 129, 1000, 1001, 100_000] {
      let chunks = NetworkThreads.chunkCount(rows: n, weights: 4353)
      XCTAssertGreaterThanOrEqual(chunks, 1)
      // A small network stays on one thread for a fit-sized batch.
      XCTAssertEqual(NetworkThreads.chunkCount(rows: min(n, 2000), weights: 97), 1)
      var next = 0
      for c in 0..<chunks {
        let rows = NetworkThreads.rows(of: c, chunks: chunks, rows: n)
        XCTAssertEqual(rows.lowerBound, next)
        XCTAssertTrue(chunks == 1 || rows.count >= NetworkThreads.minimumRows, "\(n), \(c)")
        next = rows.upperBound
      }
      XCTAssertEqual(next, n)
    }
  }
}
