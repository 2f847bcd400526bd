import Foundation
import XCTest

@testable import PhysFit

final class SingularValueDecompositionTests: XCTestCase {
  /// A deterministic, moderately ill-conditioned m × n matrix.
  func matrix(rows m: Int, columns n: Int) -> Matrix {
    var a = Matrix(rows: m, columns: n)
    for i in 0..<m {
      for j in 0..<n {
        let t = Double(i + 1) / Double(m)
        a[i, j] = Foundation.pow(t, Double(j)) + 0.01 * Foundation.sin(Double(7 * i + 3 * j))
      }
    }
    return a
  }

  /// Both paths (direct, and QR-reduced for m > 2n): the least-squares solution meets
  /// the normal equations Aᵀ(Ax − b) = 0, and (AᵀA)⁻¹ from the SVD inverts AᵀA.
  func testLeastSquaresSolutionAndInverseGram() throws {
    for (m, n) in [(5, 4), (8, 4), (200, 6)] {
      let a = matrix(rows: m, columns: n)
      let b = (0..<m).map { Foundation.cos(Double($0)) }
      let svd = try XCTUnwrap(SingularValueDecomposition(a))
      XCTAssertEqual(svd.rank(), n)
      let x = svd.solve(b, rank: n)
      let residual = (0..<m).map { i in (0..<n).reduce(-b[i]) { $0 + a[i, $1] * x[$1] } }
      for j in 0..<n {
        let g = (0..<m).reduce(0.0) { $0 + a[$1, j] * residual[$1] }
        XCTAssertEqual(g, 0, accuracy: 1e-10, "m=\(m) column \(j)")
      }
      let c = svd.inverseGram(rank: n)
      for i in 0..<n {
        for k in 0..<n {
          let gram = (0..<n).reduce(0.0) { sum, l in
            sum + c[i, l] * (0..<m).reduce(0.0) { $0 + a[$1, l] * a[$1, k] }
          }
          XCTAssertEqual(gram, i == k ? 1 : 0, accuracy: 1e-8, "m=\(m) (\(i),\(k))")
        }
      }
    }
  }

  func testRankDeficientMatrixIsDetected() throws {
    var a = matrix(rows: 50, columns: 3)
    for i in 0..<50 { a[i, 2] = 2 * a[i, 0] - a[i, 1] }
    let svd = try XCTUnwrap(SingularValueDecomposition(a))
    XCTAssertEqual(svd.rank(), 2)
    XCTAssertNil(SingularValueDecomposition(Matrix(rows: 2, columns: 3)))
  }
}
