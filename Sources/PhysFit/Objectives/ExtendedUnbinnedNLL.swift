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
  let sample: UnbinnedSample

  /// Same arguments, defaults and errors as ``UnbinnedNLL/init(data:range:quadrature:)``.
  public init(
    data: [Double], range: ClosedRange<Double>? = nil, quadrature: QuadratureRule? = nil
  ) throws(ObjectiveError) {
    sample = try UnbinnedSample(data: data, range: range, quadrature: quadrature)
  }

  /// The observed values x₁ … xₙ.
  public var data: [Double] { sample.data }
  /// The rule that computes N(θ) over [a, b].
  public var quadrature: QuadratureRule { sample.quadrature }
  public var errorDefinition: Double { 0.5 }
  public var dataCount: Int { sample.data.count }
  /// n data points followed by the K quadrature nodes.
  public var predictionRows: Int { sample.predictionRows }
  /// The interval [a, b] of the normalisation.
  public var range: ClosedRange<Double> { sample.range }

  /// The inputs a fit must evaluate the model at: the data, then the quadrature nodes.
  public var inputs: Matrix { sample.inputs }

  /// The expected number of events ν = N(θ) = Σₖ wₖ f(nodeₖ).
  public func expectedCount(predictions: Matrix) -> Double {
    sample.integral(predictions)
  }

  public func value(predictions: Matrix) -> Double {
    let nu = sample.integral(predictions)
    guard nu > 0, nu.isFinite else { return .infinity }
    return nu - sample.logDensitySum(predictions)
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    let value = value(predictions: predictions)
    sample.writeGradient(
      predictions: predictions, into: &gradient, nodeScale: 1, finite: value.isFinite)
    return value
  }
}
