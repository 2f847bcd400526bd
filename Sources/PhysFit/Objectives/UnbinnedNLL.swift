import Foundation

/// Unbinned negative log-likelihood of a density f(x; θ) over one observable,
/// normalised numerically over a range [a, b]:
///
///     −ln ℒ(θ) = −Σᵢ ln f(xᵢ; θ) + n · ln N(θ),   N(θ) = ∫ₐᵇ f(x; θ) dx,
///
/// so the model need not be normalised (only its shape matters). N(θ) comes from a
/// fixed ``QuadratureRule``, chosen once, so the objective is an exact function of
/// the model's values at the data *and* at the quadrature nodes. The fit therefore
/// evaluates the model at ``inputs`` = [x₁ … xₙ; node₁ … node_K] in one batch, and
///
///     ∂L/∂ŷᵢ = −1/f(xᵢ)      (data point i),
///     ∂L/∂ŷₖ = n·wₖ/N        (quadrature node k).
///
/// A density ≤ 0 (or not finite) at a data point, or N ≤ 0, gives L = +∞: a step an
/// optimizer rejects, never a trap. Error definition ½; `dataCount` = n (the nodes
/// are not data). Use ``Fit/init(model:unbinned:range:quadrature:)`` to set one up.
public struct UnbinnedNLL: Objective {
  let sample: UnbinnedSample

  /// The unbinned negative log-likelihood −Σ ln(f(xᵢ)/N(θ)) of the observed values over `range`.
  ///
  /// - Parameters:
  ///   - data: observed values, finite and inside the range.
  ///   - range: the interval the density is normalised over; nil means the data's own
  ///     range [min x, max x].
  ///   - quadrature: the rule for N(θ); nil means ``QuadratureRule/gaussLegendre(lower:upper:panels:order:)``
  ///     with its defaults (512 nodes, relative accuracy 10⁻¹² for densities that vary
  ///     on scales ≥ (b − a)/32). Its interval must be the range.
  /// - Throws: ``ObjectiveError`` for no data, non-finite data, an empty or infinite
  ///   range, data outside the range, or a rule over another interval.
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

  /// The inputs a fit must evaluate the model at: the data, then the quadrature nodes
  /// (an (n + K) × 1 matrix).
  public var inputs: Matrix { sample.inputs }

  /// N(θ) = Σₖ wₖ f(nodeₖ) from predictions at ``inputs``.
  public func normalization(predictions: Matrix) -> Double {
    sample.integral(predictions)
  }

  public func value(predictions: Matrix) -> Double {
    let normalization = sample.integral(predictions)
    guard normalization > 0, normalization.isFinite else { return .infinity }
    return -sample.logDensitySum(predictions) + Double(dataCount) * log(normalization)
  }

  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    let value = value(predictions: predictions)
    sample.writeGradient(
      predictions: predictions, into: &gradient,
      nodeScale: Double(dataCount) / sample.integral(predictions), finite: value.isFinite)
    return value
  }
}

extension Fit where O == UnbinnedNLL {
  /// An unbinned maximum-likelihood fit of the density `model` (one input, one output,
  /// not necessarily normalised) to the observed values `x`, normalised over `range`
  /// (nil: the data's range). The fit's inputs are the objective's [data; nodes].
  ///
  /// ```swift
  /// var fit = try Fit(model: ExpressionModel("exp(-t/tau)", inputs: ["t"]),
  ///                   unbinned: times, range: 0...50)
  /// let result = try fit.minimize(using: someOptimizer)
  /// ```
  public init(
    model: M, unbinned x: [Double], range: ClosedRange<Double>? = nil,
    quadrature: QuadratureRule? = nil
  ) throws {
    try self.init(density: model, data: x, range: range, quadrature: quadrature)
  }
}

extension Fit where O == ExtendedUnbinnedNLL {
  /// An extended unbinned fit: `model` is the unnormalised density whose integral over
  /// `range` is the expected number of events (see ``ExtendedUnbinnedNLL``).
  public init(
    model: M, extendedUnbinned x: [Double], range: ClosedRange<Double>? = nil,
    quadrature: QuadratureRule? = nil
  ) throws {
    try self.init(density: model, data: x, range: range, quadrature: quadrature)
  }
}

/// An unbinned likelihood: made from the observed values alone, and evaluated at its
/// own `inputs` ([data; nodes]).
protocol UnbinnedLikelihood: Objective {
  var inputs: Matrix { get }
  init(
    data: [Double], range: ClosedRange<Double>?, quadrature: QuadratureRule?
  ) throws(ObjectiveError)
}

extension UnbinnedNLL: UnbinnedLikelihood {}
extension ExtendedUnbinnedNLL: UnbinnedLikelihood {}

extension Fit where O: UnbinnedLikelihood {
  /// The fit of both unbinned inits: checks that `model` is a density of one
  /// observable (one input, one output), then makes the objective and evaluates the
  /// model at its [data; nodes].
  fileprivate init(
    density model: M, data x: [Double], range: ClosedRange<Double>?,
    quadrature: QuadratureRule?
  ) throws {
    guard model.inputNames.count == 1, model.outputCount == 1 else {
      throw FitError.inputMismatch(
        "an unbinned fit needs a density of one observable with one output; the model reads \(model.inputNames.count) input(s) and gives \(model.outputCount) output(s)"
      )
    }
    let objective = try O(data: x, range: range, quadrature: quadrature)
    try self.init(model: model, inputs: objective.inputs, objective: objective)
  }
}
