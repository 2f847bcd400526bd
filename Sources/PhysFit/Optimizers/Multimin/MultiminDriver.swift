import CGSL

/// GSL's gradient-based multimin algorithms (`gsl_multimin_fdfminimizer_*`).
enum MultiminGradientMethod {
  case fletcherReeves
  case polakRibiere
  case bfgs
  case steepestDescent

  var type: UnsafePointer<gsl_multimin_fdfminimizer_type>? {
    switch self {
    case .fletcherReeves: physfit_fdfmin_cg_fr()
    case .polakRibiere: physfit_fdfmin_cg_pr()
    case .bfgs: physfit_fdfmin_bfgs2()
    case .steepestDescent: physfit_fdfmin_steepest()
    }
  }
}

/// The settings of one run of the shared driver.
struct MultiminSettings {
  var name: String
  var stopping: StoppingRule
  /// Simplex: the initial simplex size; gradient methods: the first trial step.
  /// Relative: multiplied by max(‖x₀‖∞, 1).
  var initialStep: Double
  /// Gradient methods: GSL's line-search `tol`.
  var lineSearchTolerance: Double = 0.1
  /// Gradient methods: at GSL_ENOPROG, the largest scaled gradient that still counts
  /// as a stationary point (see ``StoppingRule/gradientTolerance`` for the scaling).
  var stationaryGradientTolerance: Double = 1e-4
}

/// Bridges a Swift problem to GSL's multimin C callbacks and runs GSL's loop
/// (set → iterate → test) with PhysFit's ``StoppingRule``.
///
/// The class is not generic because C function pointers cannot capture generic
/// parameters: it holds the problem as `any Minimizable` and reaches itself from the
/// callbacks through GSL's `params` pointer.
///
/// Non-finite values: a point where the problem's value or gradient is not finite
/// (a model undefined there) is reported to GSL as a finite value above every value
/// the run can hold, with a zero gradient, so the point is rejected instead of GSL
/// stopping with GSL_EBADFUNC or carrying NaN through its interpolation. The simplex
/// only compares values and gets 10¹⁰⁰ (problems whose true values exceed that are not
/// supported). The gradient methods never hold a value above f(x₀) and get
/// f(x₀) + 10·max(|f(x₀)|, 1): a moderate value, because the conjugate-gradient line
/// search shrinks its step by its quadratic interpolation, ∝ 1/(f_reject − f), and a
/// value of 10¹⁰⁰ would collapse the step to nothing at the first rejected point.
final class MultiminDriver {
  let problem: any Minimizable
  let n: Int
  private var x: [Double]
  private var g: [Double]
  private let before: EvaluationCounts
  private let clock = ContinuousClock.now

  /// The value reported for points where the problem is not finite (see above).
  private var rejectValue = 1e100
  /// Whether the last gradient evaluation was rejected.
  private var lastWasRejected = false
  private var startValue = 0.0

  init(_ problem: any Minimizable) {
    self.problem = problem
    self.n = problem.dimension
    self.x = Array(repeating: 0, count: problem.dimension)
    self.g = Array(repeating: 0, count: problem.dimension)
    self.before = problem.evaluations
  }

  // MARK: Callbacks

  private func load(_ v: UnsafePointer<gsl_vector>) {
    for i in 0..<n { x[i] = gsl_vector_get(v, i) }
  }

  func value(_ v: UnsafePointer<gsl_vector>) -> Double {
    load(v)
    let f = problem.value(at: x)
    return f.isFinite ? f : rejectValue
  }

  func valueAndGradient(_ v: UnsafePointer<gsl_vector>, _ gv: UnsafeMutablePointer<gsl_vector>?)
    -> Double
  {
    load(v)
    var f = problem.valueAndGradient(at: x, gradient: &g)
    lastWasRejected = !f.isFinite || !g.allSatisfy(\.isFinite)
    if lastWasRejected {
      f = rejectValue
      for i in 0..<n { g[i] = 0 }
    }
    if let gv { for i in 0..<n { gsl_vector_set(gv, i, g[i]) } }
    return f
  }

  /// `self` as GSL's `params` pointer; the callbacks get it back with ``from(_:)``.
  private var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

  /// The driver behind GSL's `params` pointer.
  private static func from(_ params: UnsafeMutableRawPointer?) -> MultiminDriver {
    Unmanaged<MultiminDriver>.fromOpaque(params!).takeUnretainedValue()
  }

  // MARK: Runs

  private var used: EvaluationCounts { problem.evaluations - before }
  private var elapsed: Double { (ContinuousClock.now - clock).seconds }

  private func result(
    _ reason: StopReason, _ point: [Double], _ value: Double, _ k: Int, _ name: String
  ) -> OptimizationResult {
    OptimizationResult(
      minimum: point, value: value, reason: reason, iterations: k, evaluations: used, method: name)
  }

  /// A run that failed before its first iteration.
  private func failure(_ message: String, _ start: [Double], _ name: String)
    -> OptimizationResult
  {
    result(.failed(message), start, .nan, 0, name)
  }

  /// Checks the start point; returns a finished result when there is nothing to run.
  private func checkStart(_ start: [Double], _ name: String) -> OptimizationResult? {
    precondition(start.count == n, "\(name): start has \(start.count) coordinates, expected \(n)")
    let f = problem.value(at: start)
    if !f.isFinite { return result(.nonFiniteStart, start, f, 0, name) }
    startValue = f
    if n == 0 { return result(.noFurtherProgress, start, f, 0, name) }
    return nil
  }

  private func scale(of v: [Double]) -> Double {
    max(v.reduce(0) { max($0, abs($1)) }, 1)
  }

  /// The budget tests shared by every algorithm: evaluations and time.
  private func budgetExhausted(_ stopping: StoppingRule) -> StopReason? {
    if let budget = stopping.maxEvaluations, used.total >= budget { return .maxEvaluations }
    if let limit = stopping.timeLimit, elapsed >= limit { return .timeLimit }
    return nil
  }

  /// The value test, when enabled (`valueTolerance > 0`).
  private static func valueConverged(_ old: Double, _ new: Double, _ stopping: StoppingRule)
    -> Bool
  {
    stopping.valueTolerance > 0
      && abs(new - old) <= stopping.valueTolerance * max(abs(new), .leastNormalMagnitude)
  }

  /// Nelder–Mead (`nmsimplex2`): stops when the simplex size (mean distance of the
  /// vertices from their centroid) is ≤ stepTolerance·(‖x‖∞ + stepTolerance), or
  /// when the spread of the corner values, max f − min f, is
  /// ≤ valueTolerance·max(|f|, tiny). With the default valueTolerance 0 the latter
  /// fires when all corners have the same value to the last bit: the simplex can then
  /// no longer tell its corners apart and would cycle without shrinking.
  func runSimplex(from start: [Double], _ settings: MultiminSettings, observer: IterationObserver?)
    -> OptimizationResult
  {
    _ = GSL.errorHandlerOff
    let name = settings.name
    if let done = checkStart(start, name) { return done }
    guard let s = gsl_multimin_fminimizer_alloc(physfit_fmin_nmsimplex2(), n) else {
      return failure("GSL could not allocate a workspace", start, name)
    }
    defer { gsl_multimin_fminimizer_free(s) }

    // GSL keeps a pointer to the function struct for the whole run.
    let function = UnsafeMutablePointer<gsl_multimin_function>.allocate(capacity: 1)
    defer { function.deallocate() }
    function.initialize(to: gsl_multimin_function())
    function.pointee.f = { v, params in MultiminDriver.from(params).value(v!) }
    function.pointee.n = n
    function.pointee.params = context

    let x0 = gsl_vector_alloc(n)!
    let steps = gsl_vector_alloc(n)!
    defer {
      gsl_vector_free(x0)
      gsl_vector_free(steps)
    }
    let step = settings.initialStep * scale(of: start)
    for i in 0..<n {
      gsl_vector_set(x0, i, start[i])
      gsl_vector_set(steps, i, step)
    }
    let status = gsl_multimin_fminimizer_set(s, function, x0, steps)
    guard status == GSL.success else {
      return failure(GSL.message(status), start, name)
    }

    func current() -> ([Double], Double) {
      let v = gsl_multimin_fminimizer_x(s)!
      return ((0..<n).map { gsl_vector_get(v, $0) }, gsl_multimin_fminimizer_minimum(s))
    }
    let stopping = settings.stopping
    var previous = current().0
    var k = 0
    var reason: StopReason = .maxIterations
    while k < stopping.maxIterations {
      let status = gsl_multimin_fminimizer_iterate(s)
      k += 1
      let (point, value) = current()
      observer?(report(k, value, .nan, point, previous))
      defer { previous = point }
      if status != GSL.success {
        let message = GSL.message(status)
        reason = status == GSL.noProgress ? .stalled(message) : .failed(message)
        break
      }
      let size = gsl_multimin_fminimizer_size(s)
      let tolerance = stopping.stepTolerance
      let largest = point.reduce(0) { max($0, abs($1)) }
      if size <= tolerance * (largest + tolerance) {
        reason = .stepTolerance
        break
      }
      if valueSpread(s) <= stopping.valueTolerance * max(abs(value), .leastNormalMagnitude) {
        reason = .valueTolerance
        break
      }
      if let budget = budgetExhausted(stopping) {
        reason = budget
        break
      }
    }
    let (point, value) = current()
    return result(reason, point, value, k, name)
  }

  /// max − min of the values at the simplex corners.
  private func valueSpread(_ s: UnsafeMutablePointer<gsl_multimin_fminimizer>) -> Double {
    guard let values = physfit_nmsimplex_values(s) else { return .infinity }
    return gsl_vector_max(values) - gsl_vector_min(values)
  }

  /// A gradient method. Stops on the scaled gradient test,
  /// maxᵢ |gᵢ|·max(|xᵢ|, 1) ≤ gradientTolerance·max(|f|, 1); GSL_ENOPROG (no decrease
  /// found along the search direction) counts as convergence when the same scaled
  /// gradient is ≤ `stationaryGradientTolerance`, and as a stall otherwise — after one
  /// restart along −g at that point, which often lets the method continue.
  func runGradient(
    _ method: MultiminGradientMethod, from start: [Double], _ settings: MultiminSettings,
    observer: IterationObserver?
  ) -> OptimizationResult {
    _ = GSL.errorHandlerOff
    let name = settings.name
    if let done = checkStart(start, name) { return done }
    rejectValue = startValue + 10 * max(abs(startValue), 1)
    guard let s = gsl_multimin_fdfminimizer_alloc(method.type, n) else {
      return failure("GSL could not allocate a workspace", start, name)
    }
    defer { gsl_multimin_fdfminimizer_free(s) }

    let function = UnsafeMutablePointer<gsl_multimin_function_fdf>.allocate(capacity: 1)
    defer { function.deallocate() }
    function.initialize(to: gsl_multimin_function_fdf())
    function.pointee.f = { v, params in MultiminDriver.from(params).value(v!) }
    function.pointee.df = { v, params, gv in
      _ = MultiminDriver.from(params).valueAndGradient(v!, gv)
    }
    function.pointee.fdf = { v, params, f, gv in
      f?.pointee = MultiminDriver.from(params).valueAndGradient(v!, gv)
    }
    function.pointee.n = n
    function.pointee.params = context

    let x0 = gsl_vector_alloc(n)!
    defer { gsl_vector_free(x0) }
    for i in 0..<n { gsl_vector_set(x0, i, start[i]) }
    let status = gsl_multimin_fdfminimizer_set(
      s, function, x0, settings.initialStep * scale(of: start), settings.lineSearchTolerance)
    guard status == GSL.success else {
      return failure(GSL.message(status), start, name)
    }

    func current() -> ([Double], Double) {
      let v = gsl_multimin_fdfminimizer_x(s)!
      return ((0..<n).map { gsl_vector_get(v, $0) }, gsl_multimin_fdfminimizer_minimum(s))
    }
    /// ‖g‖₂ and the scaled gradient maxᵢ |gᵢ|·max(|xᵢ|, 1) / max(|f|, 1).
    func gradientMeasures(_ point: [Double], _ value: Double) -> (norm: Double, scaled: Double) {
      let gv = gsl_multimin_fdfminimizer_gradient(s)!
      var largest = 0.0
      for i in 0..<n {
        largest = max(largest, abs(gsl_vector_get(gv, i)) * max(abs(point[i]), 1))
      }
      return (gsl_blas_dnrm2(gv), largest / max(abs(value), 1))
    }

    let stopping = settings.stopping
    var (previous, previousValue) = current()
    if lastWasRejected {
      return result(
        .failed("the gradient is not finite at the start point"), start, previousValue, 0, name)
    }
    if gradientMeasures(previous, previousValue).scaled <= stopping.gradientTolerance {
      return result(.gradientTolerance, previous, previousValue, 0, name)
    }
    var k = 0
    var reason: StopReason = .maxIterations
    var restartedAt: [Double]? = nil
    while k < stopping.maxIterations {
      let status = gsl_multimin_fdfminimizer_iterate(s)
      k += 1
      let (point, value) = current()
      let gradient = gradientMeasures(point, value)
      observer?(report(k, value, gradient.norm, point, previous))
      defer { (previous, previousValue) = (point, value) }
      if status == GSL.noProgress, gradient.scaled > stopping.gradientTolerance,
        restartedAt != point
      {
        // vector_bfgs2 and the CG methods can lose their search direction (a stale
        // Hessian approximation or conjugacy): restart once along −g before judging.
        gsl_multimin_fdfminimizer_restart(s)
        restartedAt = point
        continue
      }
      if status == GSL.noProgress {
        reason =
          gradient.scaled <= settings.stationaryGradientTolerance
          ? .noFurtherProgress
          : .stalled(
            "no decrease along the search direction at a scaled gradient of "
              + "\(gradient.scaled), above \(settings.stationaryGradientTolerance)")
        break
      }
      if status != GSL.success {
        reason = .failed(GSL.message(status))
        break
      }
      if gradient.scaled <= stopping.gradientTolerance {
        reason = .gradientTolerance
        break
      }
      if Self.valueConverged(previousValue, value, stopping) {
        reason = .valueTolerance
        break
      }
      if let budget = budgetExhausted(stopping) {
        reason = budget
        break
      }
    }
    let (point, value) = current()
    return result(reason, point, value, k, name)
  }

  private func report(
    _ k: Int, _ value: Double, _ gradientNorm: Double, _ point: [Double], _ previous: [Double]
  ) -> IterationReport {
    var step = 0.0
    for i in 0..<n { step += (point[i] - previous[i]) * (point[i] - previous[i]) }
    return IterationReport(
      iteration: k, evaluations: used, value: value, gradientNorm: gradientNorm,
      stepNorm: step.squareRoot(), elapsed: elapsed)
  }
}
