import CGSL

/// A confidence level CL and the rise Δ of the objective above its minimum that
/// bounds the confidence region.
///
/// For one parameter (a profile-likelihood interval) Wilks' theorem gives
/// Δ = UP·k² with k = Φ⁻¹((1 + CL)/2), the two-sided standard-normal quantile
/// (GSL's `gsl_cdf_ugaussian_Pinv`) and UP the objective's error definition
/// (1 for χ², ½ for −ln ℒ): CL = 68.27 % is k = 1, Δχ² = 1, Δ(−ln ℒ) = ½.
/// For a joint region of n parameters Δ = UP·F⁻¹_χ²(n)(CL) (GSL's
/// `gsl_cdf_chisq_Pinv`): 2.30·UP for 68.27 % in two parameters.
public struct ConfidenceLevel: Sendable, Hashable, Codable {
  /// The probability content, in (0, 1).
  public let probability: Double

  /// A level from its probability content; throws unless 0 < CL < 1.
  public init(_ probability: Double) throws(UncertaintyError) {
    guard probability > 0, probability < 1 else {
      throw .invalidLevel("confidence level \(probability) must lie strictly between 0 and 1")
    }
    self.probability = probability
  }

  /// The level of a ±k standard-deviation interval of one Gaussian parameter,
  /// CL = erf(k/√2) (k = 1: 0.682 689 …, k = 2: 0.954 499 …). Throws unless k > 0.
  public init(standardDeviations k: Double) throws(UncertaintyError) {
    guard k > 0, k.isFinite else {
      throw .invalidLevel("the number of standard deviations \(k) must be positive")
    }
    _ = GSL.errorHandlerOff
    // 1 − 2Φ(−k) keeps the digits that 2Φ(k) − 1 loses near CL → 1.
    self.probability = 1 - 2 * gsl_cdf_ugaussian_P(-k)
  }

  /// One standard deviation, CL = erf(1/√2) ≈ 68.27 % (the default of MINOS).
  public static let oneSigma = ConfidenceLevel(uncheckedProbability: 1 - 2 * 0.15865525393145707)

  private init(uncheckedProbability p: Double) { probability = p }

  /// k = Φ⁻¹((1 + CL)/2): the half-width of the interval in standard deviations of a
  /// Gaussian estimate.
  public var standardDeviations: Double {
    _ = GSL.errorHandlerOff
    return gsl_cdf_ugaussian_Pinv(0.5 * (1 + probability))
  }

  /// The χ²_n quantile F⁻¹(CL): Δ/UP of a joint region of `n` parameters (k² for n = 1).
  public func chiSquareQuantile(degreesOfFreedom n: Int) -> Double {
    precondition(n >= 1, "a confidence region needs at least one parameter")
    if n == 1 {
      let k = standardDeviations
      return k * k
    }
    _ = GSL.errorHandlerOff
    return gsl_cdf_chisq_Pinv(probability, Double(n))
  }
}

/// Which rise of the objective a 2-D contour follows.
public enum ContourLevel: Sendable, Hashable {
  /// The joint confidence region of the two parameters: Δ = UP·F⁻¹_χ²(2)(CL)
  /// (2.30·UP for 68.27 %, 6.18·UP for 95.45 %). Its coverage is CL for the pair.
  case joint(ConfidenceLevel)
  /// MINUIT's `mncontour` convention, Δ = UP·n²: the contour whose shadow on either
  /// axis is that parameter's n-σ profile interval (its joint coverage is only
  /// 39.3 % for n = 1).
  case standardDeviations(Double)

  /// Δ/UP of this level.
  public var quantile: Double {
    switch self {
    case .joint(let level): level.chiSquareQuantile(degreesOfFreedom: 2)
    case .standardDeviations(let n): n * n
    }
  }
}
