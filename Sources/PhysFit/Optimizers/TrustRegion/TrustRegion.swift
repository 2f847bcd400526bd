import CGSL
import Foundation

/// One run of GSL's trust-region nonlinear least squares (`gsl_multifit_nlinear`)
/// with a chosen method, scaling and linear solver.
///
/// GSL's driver loop (set → iterate → test), followed by PhysFit's verdict at the
/// end point: a Gauss–Newton polish and `StationarityCheck`, so that a GSL
/// "success" on a plateau or at a non-stationary point is reported as not converged.
/// For fits, the default optimizer is ``LeastSquares``, which runs several of these
/// and keeps the best; use `TrustRegion` directly to study or compare one method.
public struct TrustRegion: LeastSquaresOptimizer {
  /// The settings of one GSL trust-region method; every default is explained at its property.
  public struct Configuration: Sendable, Hashable {
    /// The step method (Levenberg–Marquardt, with geodesic acceleration, dogleg, ...).
    public var method: TrustRegionMethod
    /// How the trust region is scaled per parameter.
    public var scaling: TrustRegionScaling
    /// The linear solver of each step.
    public var solver: TrustRegionSolver
    /// `maxIterations`, `stepTolerance` (GSL xtol) and `gradientTolerance` (GSL gtol)
    /// are used; GSL's ftol is not, so neither is `valueTolerance`.
    public var stopping: StoppingRule
    /// Geodesic acceleration: the largest allowed ratio |acceleration|/|velocity|
    /// (GSL avmax, 0.75 by GSL's default).
    public var accelerationRatio: Double
    /// Largest number of safeguarded Gauss–Newton steps that polish the end point
    /// before the verdict (`StationarityCheck`); 0 gives the verdict on GSL's own
    /// end point.
    public var polishSteps: Int

    /// Defaults: Levenberg–Marquardt with Moré scaling and QR — GSL's own defaults —
    /// but tolerances near machine precision (GSL's examples use 1e-8, which stops
    /// small-residual problems several digits early).
    public init(
      method: TrustRegionMethod = .levenbergMarquardt, scaling: TrustRegionScaling = .more,
      solver: TrustRegionSolver = .qr, stopping: StoppingRule = StoppingRule(),
      accelerationRatio: Double = 0.75, polishSteps: Int = 20
    ) {
      self.method = method
      self.scaling = scaling
      self.solver = solver
      self.stopping = stopping
      self.accelerationRatio = accelerationRatio
      self.polishSteps = polishSteps
    }
  }

  /// The settings this optimizer runs with.
  public var configuration: Configuration

  /// A trust-region optimizer with the given settings.
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// A trust-region optimizer from its method, scaling, solver and stopping rule.
  public init(
    method: TrustRegionMethod, scaling: TrustRegionScaling = .more, solver: TrustRegionSolver = .qr,
    stopping: StoppingRule = StoppingRule()
  ) {
    self.init(Configuration(method: method, scaling: scaling, solver: solver, stopping: stopping))
  }

  public var name: String {
    var s = configuration.method.rawValue
    if configuration.scaling != .more { s += "/\(configuration.scaling.rawValue)" }
    if configuration.solver != .qr { s += "/\(configuration.solver.rawValue)" }
    return s
  }

  public func minimize(
    _ problem: some LeastSquaresMinimizable, from start: [Double], observer: IterationObserver?
  ) -> OptimizationResult {
    _ = GSL.errorHandlerOff
    let context = LeastSquaresCallbacks(problem)
    var result = context.run(
      start: start, configuration: configuration, name: name, observer: observer)
    let before = problem.evaluations - result.evaluations
    if case .nonFiniteStart = result.reason { return result }
    _ = StationarityCheck().settle(problem, &result, polishSteps: configuration.polishSteps)
    result.evaluations = problem.evaluations - before
    return result
  }
}

/// Bridges a Swift least-squares problem to GSL's C callbacks and runs the loop.
private final class LeastSquaresCallbacks {
  let problem: any LeastSquaresMinimizable
  var x: [Double]
  var r: [Double]
  var jacobian = Matrix(rows: 0, columns: 0)
  let m: Int
  let p: Int

  init(_ problem: any LeastSquaresMinimizable) {
    self.problem = problem
    self.m = problem.residualCount
    self.p = problem.dimension
    self.x = Array(repeating: 0, count: p)
    self.r = Array(repeating: 0, count: m)
  }

  /// Non-finite residuals (a model undefined at a trial point) are replaced by a
  /// huge finite value, so the trust region rejects the step and shrinks instead
  /// of GSL aborting the run.
  static var rejectValue: Double { 1e100 }

  func loadX(_ v: UnsafePointer<gsl_vector>) {
    for i in 0..<p { x[i] = gsl_vector_get(v, i) }
  }

  func evaluateResiduals(_ xv: UnsafePointer<gsl_vector>, _ fv: UnsafeMutablePointer<gsl_vector>) {
    loadX(xv)
    problem.residuals(at: x, into: &r)
    var finite = true
    for v in r where !v.isFinite {
      finite = false
      break
    }
    for i in 0..<m { gsl_vector_set(fv, i, finite ? r[i] : Self.rejectValue) }
  }

  func evaluateJacobian(_ xv: UnsafePointer<gsl_vector>, _ jm: UnsafeMutablePointer<gsl_matrix>) {
    loadX(xv)
    problem.jacobian(at: x, into: &jacobian)
    let tda = jm.pointee.tda
    let data = jm.pointee.data!
    for j in 0..<p {
      for i in 0..<m {
        let v = jacobian.elements[i + j * m]
        data[i * tda + j] = v.isFinite ? v : 0
      }
    }
  }

  func run(
    start: [Double], configuration: TrustRegion.Configuration, name: String,
    observer: IterationObserver?
  ) -> OptimizationResult {
    let clock = ContinuousClock.now
    let before = problem.evaluations
    func result(_ reason: StopReason, at point: [Double], value: Double, iterations: Int)
      -> OptimizationResult
    {
      OptimizationResult(
        minimum: point, value: value, reason: reason, iterations: iterations,
        evaluations: problem.evaluations - before, method: name)
    }

    // Start point must give finite residuals.
    problem.residuals(at: start, into: &r)
    let startValue = r.reduce(0) { $0 + $1 * $1 }
    guard startValue.isFinite else {
      return result(.nonFiniteStart, at: start, value: startValue, iterations: 0)
    }
    if p == 0 {
      return result(.noFurtherProgress, at: start, value: startValue, iterations: 0)
    }

    var params = gsl_multifit_nlinear_default_parameters()
    params.trs =
      switch configuration.method {
      case .levenbergMarquardt: physfit_trs_lm()
      case .geodesicLevenbergMarquardt: physfit_trs_lmaccel()
      case .dogleg: physfit_trs_dogleg()
      case .doubleDogleg: physfit_trs_ddogleg()
      case .subspace2D: physfit_trs_subspace2D()
      }
    params.scale =
      switch configuration.scaling {
      case .more: physfit_scale_more()
      case .levenberg: physfit_scale_levenberg()
      case .marquardt: physfit_scale_marquardt()
      }
    params.solver =
      switch configuration.solver {
      case .qr: physfit_solver_qr()
      case .cholesky: physfit_solver_cholesky()
      case .svd: physfit_solver_svd()
      }
    params.avmax = configuration.accelerationRatio

    guard let workspace = gsl_multifit_nlinear_alloc(physfit_nlinear_trust(), &params, m, p)
    else {
      return result(
        .failed("GSL could not allocate a workspace"), at: start, value: startValue, iterations: 0)
    }
    defer { gsl_multifit_nlinear_free(workspace) }

    // GSL keeps a pointer to the fdf struct for the whole run: heap-allocate it.
    let fdf = UnsafeMutablePointer<gsl_multifit_nlinear_fdf>.allocate(capacity: 1)
    defer { fdf.deallocate() }
    fdf.initialize(to: gsl_multifit_nlinear_fdf())
    fdf.pointee.f = { xv, params, fv in
      let me = Unmanaged<LeastSquaresCallbacks>.fromOpaque(params!).takeUnretainedValue()
      me.evaluateResiduals(xv!, fv!)
      return GSL.success
    }
    fdf.pointee.df = { xv, params, jm in
      let me = Unmanaged<LeastSquaresCallbacks>.fromOpaque(params!).takeUnretainedValue()
      me.evaluateJacobian(xv!, jm!)
      return GSL.success
    }
    fdf.pointee.fvv = nil
    fdf.pointee.n = m
    fdf.pointee.p = p
    fdf.pointee.params = Unmanaged.passUnretained(self).toOpaque()

    let x0 = gsl_vector_alloc(p)!
    defer { gsl_vector_free(x0) }
    for i in 0..<p { gsl_vector_set(x0, i, start[i]) }
    let initStatus = gsl_multifit_nlinear_init(x0, fdf, workspace)
    guard initStatus == GSL.success else {
      return result(.failed(GSL.message(initStatus)), at: start, value: startValue, iterations: 0)
    }

    func current() -> (point: [Double], value: Double) {
      let xv = gsl_multifit_nlinear_position(workspace)!
      let fv = gsl_multifit_nlinear_residual(workspace)!
      var chi2 = 0.0
      gsl_blas_ddot(fv, fv, &chi2)
      return ((0..<p).map { gsl_vector_get(xv, $0) }, chi2)
    }

    let stopping = configuration.stopping
    var previous = start
    var iteration = 0
    var reason: StopReason = .maxIterations
    while iteration < stopping.maxIterations {
      let status = gsl_multifit_nlinear_iterate(workspace)
      iteration += 1
      let (point, value) = current()
      if let observer {
        var stepNorm = 0.0
        for i in 0..<p { stepNorm += (point[i] - previous[i]) * (point[i] - previous[i]) }
        observer(
          IterationReport(
            iteration: iteration, evaluations: problem.evaluations - before, value: value,
            gradientNorm: gradientNorm(workspace), stepNorm: stepNorm.squareRoot(),
            elapsed: (ContinuousClock.now - clock).seconds))
      }
      previous = point
      if status == GSL.noProgress {
        reason = .noFurtherProgress
        break
      }
      if status != GSL.success {
        reason = .failed(GSL.message(status))
        break
      }
      var info: Int32 = 0
      let test = gsl_multifit_nlinear_test(
        stopping.stepTolerance, stopping.gradientTolerance, 0, &info, workspace)
      if test == GSL.success {
        reason = info == 1 ? .stepTolerance : .gradientTolerance
        break
      }
      if let budget = stopping.maxEvaluations, (problem.evaluations - before).total >= budget {
        reason = .maxEvaluations
        break
      }
      if let limit = stopping.timeLimit, (ContinuousClock.now - clock).seconds >= limit {
        reason = .timeLimit
        break
      }
    }
    let (point, value) = current()
    return result(reason, at: point, value: value, iterations: iteration)
  }

  /// ‖Jᵀr‖₂ = ½‖∇χ²‖ from the workspace's current gradient vector.
  private func gradientNorm(_ w: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>) -> Double {
    guard let g = w.pointee.g else { return .nan }
    return 2 * gsl_blas_dnrm2(g)
  }
}
