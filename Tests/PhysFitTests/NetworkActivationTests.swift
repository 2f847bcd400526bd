import Foundation
import XCTest

@testable import PhysFit

/// The vectorised tanh of the network layers against tanh in 80-bit precision (`tanhl`
/// through Float80): at most a few ulp everywhere, exact special values, and batched
/// evaluation identical to the scalar activation for every length (the tail of a buffer
/// that is not a multiple of four goes through the same kernel).
final class NetworkActivationTests: XCTestCase {
  /// |a − t| in units of the last place of t (the spacing of doubles at t).
  static func ulps(_ a: Double, _ t: Double) -> Double {
    let spacing = t == 0 ? Double.leastNonzeroMagnitude : abs(t).ulp
    return abs(a - t) / spacing
  }

  #if arch(x86_64)
    /// tanh(x) rounded from extended precision.
    static func reference(_ x: Double) -> Double { Double(Foundation.tanh(Float80(x))) }
  #else
    static func reference(_ x: Double) -> Double { Foundation.tanh(x) }
  #endif

  func testTanhWithinFourUlpsOfExtendedPrecision() {
    var random = RandomSource(seed: 11)
    var points: [Double] = []
    // Uniform where tanh bends, log-uniform from denormal-adjacent to saturated values,
    // and the seam of the kernel's two forms at |x| = 0.625.
    for _ in 0..<20_000 { points.append(random.uniform(-25, 25)) }
    for _ in 0..<20_000 { points.append(random.uniform(-1, 1)) }
    for _ in 0..<20_000 {
      let magnitude = Foundation.pow(10, random.uniform(-300, 3))
      points.append(random.uniform() < 0.5 ? -magnitude : magnitude)
    }
    for k in -50...50 { points.append(0.625 + Double(k) * 0.625.ulp) }
    var worst = 0.0
    var at = 0.0
    for x in points {
      let error = Self.ulps(Activation.tanh(x), Self.reference(x))
      if error > worst { (worst, at) = (error, x) }
    }
    XCTAssertLessThanOrEqual(worst, 4, "worst \(worst) ulp at x = \(at)")
  }

  func testTanhSpecialValues() {
    XCTAssertEqual(Activation.tanh(0), 0)
    XCTAssertEqual(Activation.tanh(-0.0).sign, .minus)
    XCTAssertEqual(Activation.tanh(.infinity), 1)
    XCTAssertEqual(Activation.tanh(-.infinity), -1)
    XCTAssertEqual(Activation.tanh(1e300), 1)
    XCTAssertEqual(Activation.tanh(-30), -1)
    XCTAssertTrue(Activation.tanh(.nan).isNaN)
    // Odd symmetry, exactly: the kernel works on |x| and copies the sign.
    var random = RandomSource(seed: 12)
    for _ in 0..<1000 {
      let x = random.uniform(-20, 20)
      XCTAssertEqual(Activation.tanh(-x), -Activation.tanh(x))
    }
  }

  /// The buffer kernel (in place and out of place) equals the scalar activation bit for
  /// bit, whatever the length's remainder modulo 4.
  func testBufferKernelMatchesScalarForEveryTail() {
    var random = RandomSource(seed: 13)
    for count in [0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65] {
      let z = (0..<count).map { _ in random.uniform(-4, 4) }
      var a = [Double](repeating: .nan, count: count)
      z.withUnsafeBufferPointer { zz in
        a.withUnsafeMutableBufferPointer { aa in
          guard let zBase = zz.baseAddress, let aBase = aa.baseAddress else { return }
          Activation.tanh.apply(zBase, into: aBase, count: count)
        }
      }
      var inPlace = z
      inPlace.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        Activation.tanh.apply(base, into: base, count: count)
      }
      for i in 0..<count {
        XCTAssertEqual(a[i].bitPattern, Activation.tanh(z[i]).bitPattern, "count \(count), i \(i)")
        XCTAssertEqual(inPlace[i].bitPattern, a[i].bitPattern)
      }
    }
  }

  /// A tanh network evaluated on a batch and point by point gives identical numbers.
  func testBatchAndSinglePointAgree() throws {
    let net = try Network(widths: [2, 7, 5, 1], activation: .tanh)
    let theta = net.initialParameters(seed: 4)
    var random = RandomSource(seed: 5)
    let x = Matrix(columns: (0..<2).map { _ in (0..<13).map { _ in random.normal() } })
    let batch = net.evaluate(x, parameters: theta)
    for i in 0..<13 {
      let single = net.evaluate(Matrix(columns: [[x[i, 0]], [x[i, 1]]]), parameters: theta)
      XCTAssertEqual(single[0, 0], batch[i, 0], accuracy: 1e-15 * max(abs(batch[i, 0]), 1))
    }
  }
}
