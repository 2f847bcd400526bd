import CGSL

/// The probability of a χ² at least as large as `chi2` for `ndf` degrees of
/// freedom, Q(χ²; ndf) = 1 − P(χ²; ndf), from GSL's `gsl_cdf_chisq_Q`.
/// NaN for ndf ≤ 0.
public func chiSquarePValue(_ chi2: Double, ndf: Int) -> Double {
  guard ndf > 0, chi2.isFinite, chi2 >= 0 else { return .nan }
  _ = GSL.errorHandlerOff
  return gsl_cdf_chisq_Q(chi2, Double(ndf))
}
