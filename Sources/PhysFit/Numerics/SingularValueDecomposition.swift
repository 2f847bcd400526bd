import CGSL

/// The thin singular value decomposition A = U Σ Vᵀ of an m × n matrix, m ≥ n.
///
/// Computed by GSL's one-sided Jacobi method, which finds small singular values to
/// high *relative* accuracy. Covariances are formed as V Σ⁻² Vᵀ from it rather than
/// by inverting JᵀJ, which would square the condition number and lose digits on
/// ill-conditioned fits. A tall A (the Jacobian of a fit, m ≫ n) is first reduced by
/// a Householder QR, A = QR, and only the n × n factor R is decomposed: R = U_R Σ Vᵀ,
/// U = Q U_R. This costs O(mn²) once instead of Jacobi sweeps over all m rows.
public struct SingularValueDecomposition: Sendable {
  /// n singular values, in decreasing order.
  public let singularValues: [Double]
  /// n × n orthogonal.
  public let v: Matrix
  /// U_R (n × n), the left singular vectors of R.
  private let leftOfR: Matrix
  /// Householder vectors and τ of the QR reduction, row-major as GSL stores them
  /// (nil when A was decomposed directly: then `leftOfR` is U itself, m × n).
  private let householder: (qr: [Double], tau: [Double], rows: Int)?

  /// Decomposes `a` (m ≥ n). Returns nil if GSL fails (non-finite input).
  public init?(_ a: Matrix) {
    _ = GSL.errorHandlerOff
    let m = a.rows
    let n = a.columns
    guard m >= n, n > 0, a.elements.allSatisfy(\.isFinite) else { return nil }
    let reduce = m > 2 * n
    let ga = gsl_matrix_alloc(m, n)!
    let gv = gsl_matrix_alloc(n, n)!
    let gs = gsl_vector_alloc(n)!
    let tau = gsl_vector_alloc(n)!
    defer {
      gsl_matrix_free(ga)
      gsl_matrix_free(gv)
      gsl_vector_free(gs)
      gsl_vector_free(tau)
    }
    for i in 0..<m {
      for j in 0..<n { gsl_matrix_set(ga, i, j, a[i, j]) }
    }
    var target = ga
    var r: UnsafeMutablePointer<gsl_matrix>?
    defer { if let r { gsl_matrix_free(r) } }
    if reduce {
      guard gsl_linalg_QR_decomp(ga, tau) == GSL.success else { return nil }
      r = gsl_matrix_calloc(n, n)!
      for i in 0..<n {
        for j in i..<n { gsl_matrix_set(r!, i, j, gsl_matrix_get(ga, i, j)) }
      }
      target = r!
    }
    guard gsl_linalg_SV_decomp_jacobi(target, gv, gs) == GSL.success else { return nil }
    let rows = reduce ? n : m
    var u = Matrix(rows: rows, columns: n)
    var v = Matrix(rows: n, columns: n)
    for j in 0..<n {
      for i in 0..<rows { u[i, j] = gsl_matrix_get(target, i, j) }
      for i in 0..<n { v[i, j] = gsl_matrix_get(gv, i, j) }
    }
    self.leftOfR = u
    self.v = v
    self.singularValues = (0..<n).map { gsl_vector_get(gs, $0) }
    if reduce {
      let data = UnsafeBufferPointer(start: ga.pointee.data, count: m * n)
      self.householder = (Array(data), (0..<n).map { gsl_vector_get(tau, $0) }, m)
    } else {
      self.householder = nil
    }
  }

  /// Uᵀb for a vector b of length m.
  private func leftTransposeTimes(_ b: [Double]) -> [Double] {
    let n = v.rows
    var rhs = b
    if let (qr, tau, m) = householder {
      // Qᵀb through the stored Householder reflectors; the first n entries belong to R.
      var qrCopy = qr
      var tauCopy = tau
      qrCopy.withUnsafeMutableBufferPointer { q in
        tauCopy.withUnsafeMutableBufferPointer { t in
          rhs.withUnsafeMutableBufferPointer { x in
            var qView = gsl_matrix_view_array(q.baseAddress, m, n)
            var tView = gsl_vector_view_array(t.baseAddress, n)
            var xView = gsl_vector_view_array(x.baseAddress, m)
            _ = gsl_linalg_QR_QTvec(&qView.matrix, &tView.vector, &xView.vector)
          }
        }
      }
    }
    let rows = leftOfR.rows
    return (0..<n).map { k in
      var dot = 0.0
      for i in 0..<rows { dot += leftOfR[i, k] * rhs[i] }
      return dot
    }
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
    let n = v.rows
    let projected = leftTransposeTimes(b)
    var x = Array(repeating: 0.0, count: n)
    for k in 0..<rank {
      let coefficient = projected[k] / singularValues[k]
      for j in 0..<n { x[j] += v[j, k] * coefficient }
    }
    return x
  }
}
