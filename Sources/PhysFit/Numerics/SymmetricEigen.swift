import CGSL

/// Eigen-decomposition of a symmetric matrix, A = Q Λ Qᵀ (GSL `gsl_eigen_symmv`).
///
/// Used to invert a Hessian: it tells whether the matrix is positive definite and,
/// when it is not, along which directions.
struct SymmetricEigen {
  /// Eigenvalues, ascending.
  let values: [Double]
  /// Eigenvectors as columns, in the order of `values`.
  let vectors: Matrix

  init?(_ a: Matrix) {
    _ = GSL.errorHandlerOff
    let n = a.rows
    guard n == a.columns, n > 0, a.elements.allSatisfy(\.isFinite) else { return nil }
    let m = gsl_matrix_alloc(n, n)!
    let q = gsl_matrix_alloc(n, n)!
    let e = gsl_vector_alloc(n)!
    let work = gsl_eigen_symmv_alloc(n)!
    defer {
      gsl_matrix_free(m)
      gsl_matrix_free(q)
      gsl_vector_free(e)
      gsl_eigen_symmv_free(work)
    }
    for i in 0..<n {
      for j in 0..<n { gsl_matrix_set(m, i, j, 0.5 * (a[i, j] + a[j, i])) }
    }
    guard gsl_eigen_symmv(m, e, q, work) == GSL.success else { return nil }
    gsl_eigen_symmv_sort(e, q, GSL_EIGEN_SORT_VAL_ASC)
    values = (0..<n).map { gsl_vector_get(e, $0) }
    var v = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in 0..<n { v[i, j] = gsl_matrix_get(q, i, j) }
    }
    vectors = v
  }

  /// Whether every eigenvalue exceeds `relativeTolerance` × the largest one.
  func isPositiveDefinite(relativeTolerance: Double = 1e-14) -> Bool {
    guard let largest = values.last, largest > 0 else { return false }
    return values.allSatisfy { $0 > relativeTolerance * largest }
  }

  /// A⁻¹ over the eigenvalues above the tolerance (a pseudo-inverse otherwise).
  func inverse(relativeTolerance: Double = 1e-14) -> Matrix {
    let n = values.count
    var c = Matrix(rows: n, columns: n)
    let largest = values.last ?? 0
    for k in 0..<n where values[k] > relativeTolerance * largest {
      let w = 1 / values[k]
      for j in 0..<n {
        let vj = vectors[j, k] * w
        for i in 0..<n { c[i, j] += vectors[i, k] * vj }
      }
    }
    return c
  }

  /// Positions with the largest weight in the eigenvectors of non-positive (or
  /// negligible) eigenvalues: the parameters of the bad directions.
  func badDirections(relativeTolerance: Double = 1e-14) -> [Int] {
    let n = values.count
    let largest = values.last ?? 0
    var involved: Set<Int> = []
    for k in 0..<n where !(values[k] > relativeTolerance * largest) {
      for i in 0..<n where abs(vectors[i, k]) > 0.1 { involved.insert(i) }
    }
    return involved.sorted()
  }
}
