import CGSL

/// The thin singular value decomposition A = U Σ Vᵀ of an m × n matrix, m ≥ n.
///
/// Computed by GSL's one-sided Jacobi method, which finds small singular values to
/// high *relative* accuracy. Covariances are formed as V Σ⁻² Vᵀ from it rather than
/// by inverting JᵀJ, which would square the condition number and lose digits on
/// ill-conditioned fits.
public struct SingularValueDecomposition: Sendable {
  /// m × n, orthonormal columns.
  public let u: Matrix
  /// n singular values, in decreasing order.
  public let singularValues: [Double]
  /// n × n orthogonal.
  public let v: Matrix

  /// Decomposes `a` (m ≥ n). Returns nil if GSL fails (non-finite input).
  public init?(_ a: Matrix) {
    _ = GSL.errorHandlerOff
    let m = a.rows
    let n = a.columns
    guard m >= n, n > 0, a.elements.allSatisfy(\.isFinite) else { return nil }
    let ga = gsl_matrix_alloc(m, n)!
    let gv = gsl_matrix_alloc(n, n)!
    let gs = gsl_vector_alloc(n)!
    defer {
      gsl_matrix_free(ga)
      gsl_matrix_free(gv)
      gsl_vector_free(gs)
    }
    for i in 0..<m {
      for j in 0..<n { gsl_matrix_set(ga, i, j, a[i, j]) }
    }
    guard gsl_linalg_SV_decomp_jacobi(ga, gv, gs) == GSL.success else { return nil }
    var u = Matrix(rows: m, columns: n)
    var v = Matrix(rows: n, columns: n)
    for j in 0..<n {
      for i in 0..<m { u[i, j] = gsl_matrix_get(ga, i, j) }
      for i in 0..<n { v[i, j] = gsl_matrix_get(gv, i, j) }
    }
    self.u = u
    self.v = v
    self.singularValues = (0..<n).map { gsl_vector_get(gs, $0) }
  }

  /// Singular values at or below `relativeTolerance · σ_max` count as zero.
  /// The default 1e-12 leaves three to four digits of margin above double
  /// rounding (~1e-16 relative) for the Jacobians of real fits.
  public func rank(relativeTolerance: Double = 1e-12) -> Int {
    guard let largest = singularValues.first, largest > 0 else { return 0 }
    return singularValues.filter { $0 > relativeTolerance * largest }.count
  }

  /// (AᵀA)⁻¹ = V Σ⁻² Vᵀ over the first `rank` singular values (a pseudo-inverse when
  /// rank-deficient).
  public func inverseGram(rank: Int) -> Matrix {
    let n = v.rows
    var c = Matrix(rows: n, columns: n)
    for k in 0..<rank {
      let w = 1 / (singularValues[k] * singularValues[k])
      for j in 0..<n {
        let vjk = v[j, k] * w
        for i in 0..<n { c[i, j] += v[i, k] * vjk }
      }
    }
    return c
  }

  /// The least-squares solution x minimising ‖A x − b‖, x = V Σ⁻¹ Uᵀ b, over the
  /// first `rank` singular values.
  public func solve(_ b: [Double], rank: Int) -> [Double] {
    let m = u.rows
    let n = v.rows
    var x = Array(repeating: 0.0, count: n)
    for k in 0..<rank {
      var dot = 0.0
      for i in 0..<m { dot += u[i, k] * b[i] }
      let coefficient = dot / singularValues[k]
      for j in 0..<n { x[j] += v[j, k] * coefficient }
    }
    return x
  }
}
