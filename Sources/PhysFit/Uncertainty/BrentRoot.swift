/// Brent–Dekker root finding on a bracket [a, b] with f(a)·f(b) ≤ 0 (Brent,
/// *Algorithms for Minimization without Derivatives*, 1973, ch. 4).
///
/// Each step tries inverse quadratic interpolation through the last three points
/// (the secant step when two coincide) and accepts it only when it lands well
/// inside the bracket and shrinks the step at least half as fast as the one before;
/// otherwise it bisects. The bracket therefore always holds the root and shrinks at
/// least as fast as bisection every other step, while smooth functions converge
/// superlinearly — a profile that is close to a parabola needs 3–5 evaluations.
///
/// Stops when the root is known to within `absoluteTolerance` (half the bracket is
/// at most `absoluteTolerance/2` plus 2ε|x| for rounding), or when |f| ≤
/// `valueTolerance` at the best point, or after `maxIterations` evaluations.
struct BrentRoot {
  var absoluteTolerance: Double
  var valueTolerance: Double
  var maxIterations: Int

  struct Solution {
    /// The best point: the end of the final bracket with the smaller |f|.
    var root: Double
    var value: Double
    /// Evaluations of f used (the two initial ends excluded).
    var iterations: Int
    var converged: Bool
  }

  /// The root of `f` in [a, b], given f(a) = `fa` and f(b) = `fb` of opposite signs
  /// (or one of them 0). Errors thrown by `f` end the search and propagate.
  func solve(
    _ f: (Double) throws -> Double, lower a0: Double, fa fa0: Double, upper b0: Double,
    fb fb0: Double
  ) rethrows -> Solution {
    precondition(!(fa0 > 0 && fb0 > 0) && !(fa0 < 0 && fb0 < 0), "the root is not bracketed")
    var (a, b, fa, fb) = (a0, b0, fa0, fb0)
    var (c, fc) = (b, fb)
    var d = b - a
    var e = d
    var iterations = 0
    while true {
      if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
        (c, fc) = (a, fa)
        d = b - a
        e = d
      }
      if abs(fc) < abs(fb) {
        (a, fa) = (b, fb)
        (b, fb) = (c, fc)
        (c, fc) = (a, fa)
      }
      let tolerance = 2 * Double.ulpOfOne * abs(b) + 0.5 * absoluteTolerance
      let half = 0.5 * (c - b)
      if abs(half) <= tolerance || fb == 0 || abs(fb) <= valueTolerance {
        return Solution(root: b, value: fb, iterations: iterations, converged: true)
      }
      if iterations >= maxIterations {
        return Solution(root: b, value: fb, iterations: iterations, converged: false)
      }
      if abs(e) >= tolerance && abs(fa) > abs(fb) {
        let s = fb / fa
        var p: Double
        var q: Double
        if a == c {
          // Secant step.
          p = 2 * half * s
          q = 1 - s
        } else {
          // Inverse quadratic interpolation.
          let qa = fa / fc
          let r = fb / fc
          p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1))
          q = (qa - 1) * (r - 1) * (s - 1)
        }
        if p > 0 { q = -q }
        p = abs(p)
        if 2 * p < min(3 * half * q - abs(tolerance * q), abs(e * q)) {
          e = d
          d = p / q
        } else {
          d = half
          e = d
        }
      } else {
        d = half
        e = d
      }
      (a, fa) = (b, fb)
      b += abs(d) > tolerance ? d : (half >= 0 ? tolerance : -tolerance)
      fb = try f(b)
      iterations += 1
    }
  }
}
