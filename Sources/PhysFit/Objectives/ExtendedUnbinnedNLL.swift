import Foundation

/// Extended unbinned negative log-likelihood: the number of events n is itself
/// Poisson-distributed with mean ν, the yield, and
///
///     −ln ℒ(θ) = ν − Σᵢ ln(ν · f̂(xᵢ)) = N(θ) − Σᵢ ln f(xᵢ; θ),   N(θ) = ∫ₐᵇ f dx,
///
/// where f̂ = f/N is the normalised shape. The yield is the model's own
/// normalisation: write f as an *unnormalised* density, the expected number of events
/// per unit x (e.g. `nu * exp(-t/tau)/tau`), and ν = N(θ). This is the standard form
/// (iminuit's `ExtendedUnbinnedNLL` takes the same density), it needs no special
/// yield parameter, and a sum of components `n1*f1 + n2*f2` fits the yields of each.
/// (Constant terms such as ln n! are dropped: they do not move the minimum.)
///
/// As in ``UnbinnedNLL``, N(θ) comes from a fixed ``QuadratureRule`` and the model is
/// evaluated at ``inputs`` = [data; nodes]:
///
///     ∂L/∂ŷᵢ = −1/f(xᵢ)   (data point i),    ∂L/∂ŷₖ = wₖ   (node k).
///
/// f ≤ 0 at a data point, or N ≤ 0, gives L = +∞ (a rejected step). Error definition
/// ½; `dataCount` = n. At the minimum ν̂ = n exactly when ν is a free overall factor,
/// with error √n.
public struct ExtendedUnbinnedNLL: Objective {
  /// The observed values x₁ … xₙ.
  public let data: [Double]
  /// The rule that computes N(θ) over [a, b].
  public let quadrature: QuadratureRule

  /// Same arguments, defaults and errors as ``UnbinnedNLL/init(data:range:quadrature:)``.
  public init(
    data: [Double], range: ClosedRange<Double>? = nil, quadrature: QuadratureRule? = nil
  ) throws(ObjectiveError) {
    self.data = data
    self.quadrature = try UnbinnedNLL.makeRule(data: data, range: range, quadrature: quadrature)
  }

  public var errorDefinition: Double { 0.5 }
  public var dataCount: Int { data.count }
  /// n data points followed by the K quadrature nodes.
  public var predictionRows: Int { data.count + quadrature.nodes.count }
  /// The interval [a, b] of the normalisation.
  public var range: ClosedRange<Double> { quadrature.lower...quadrature.upper }

  /// The inputs a fit must evaluate the model at: the data, then the quadrature nodes.
  public var inputs: Matrix { Matrix(column: data + quadrature.nodes) }

  /// The expected number of events ν = N(θ) = Σₖ wₖ f(nodeₖ).
  public func expectedCount(predictions: Matrix) -> Double {
    let n = data.count
    return predictions.elements.withUnsafeBufferPointer { f in
      var sum = 0.0
      for (k, w) in quadrature.weights.enumerated() { sum += w * f[n + k] }
      return sum
    }
  }

  public func value(predictions: Matrix) -> Double {
    let nu = expectedCount(predictions: predictions)
    guard nu > 0, nu.isFinite else { return .infinity }
    let logSum = predictions.elements.withUnsafeBufferPointer { f in
      var sum = 0.0
      for i in 0..<data.count {
        guard f[i] > 0, f[i].isFinite else { return -Double.infinity }
        sum += log(f[i])
      }
      return sum
    }
    return nu - logSum
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    let value = value(predictions: predictions)
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let n = data.count
    let finite = value.isFinite
    predictions.elements.withUnsafeBufferPointer { f in
      gradient.elements.withUnsafeMutableBufferPointer { g in
        for i in 0..<n { g[i] = finite ? -1 / f[i] : 0 }
        for (k, w) in quadrature.weights.enumerated() { g[n + k] = finite ? w : 0 }
      }
    }
    return value
  }
}
