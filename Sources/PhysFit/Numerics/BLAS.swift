import CGSL

/// A thin wrapper over the level-3 BLAS product `dgemm`, column-major only.
///
/// Calls `cblas_dgemm` through GSL's `gsl_cblas.h` declarations; the `CGSL` module
/// links OpenBLAS, which provides the symbol (OpenBLAS's own `cblas.h` clashes with
/// GSL's headers, so it is never included). Dense network layers are GEMMs: a hand
/// loop in Swift reaches a few GFLOP/s, OpenBLAS tens.
enum BLAS {
  /// Whether an operand enters the product as stored or transposed.
  enum Transpose {
    case none
    case transpose

    var cblas: CBLAS_TRANSPOSE {
      switch self {
      case .none: CblasNoTrans
      case .transpose: CblasTrans
      }
    }
  }

  /// C ← α·op(A)·op(B) + β·C, every matrix column-major.
  ///
  /// - Parameters:
  ///   - m, n, k: op(A) is m × k, op(B) is k × n, C is m × n.
  ///   - a, lda: A and its leading dimension (rows of A as stored).
  ///   - b, ldb: B and its leading dimension.
  ///   - c, ldc: C and its leading dimension.
  ///
  /// With β = 0, C need not be initialised (BLAS does not read it). An empty product
  /// (m, n or k = 0) is left to BLAS, which scales C by β.
  static func gemm(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Double = 1,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    precondition(m >= 0 && n >= 0 && k >= 0, "gemm dimensions must be non-negative")
    guard m > 0, n > 0 else { return }
    cblas_dgemm(
      CblasColMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha, a,
      Int32(max(lda, 1)), b, Int32(max(ldb, 1)), beta, c, Int32(max(ldc, 1)))
  }
}
