extension GaussianMixture {
  /// The whole mixture fit in one call: EM from k-means starts, then the generic
  /// unbinned fit (``LogDensityNLL``) from EM's solution with `polish`, which removes
  /// EM's variance floor and its value-tolerance stop and gives the Hessian
  /// covariance; the result reads it as components with errors, assignments and
  /// AIC/BIC.
  ///
  /// ```swift
  /// let mixture = try GaussianMixture(components: 3, inputs: ["x", "y"])
  /// let result = try mixture.fit(points, expectationMaximization: .init(.init(seed: 7)))
  /// print(result["mu1_x"]!.value, result["mu1_x"]!.error, result.bic)
  /// ```
  ///
  /// - Parameters:
  ///   - data: the points, n × d, one column per input of the mixture.
  ///   - expectationMaximization: the EM run that gives the start (its seed, restarts
  ///     and stopping rule); default one run from k-means starts with seed 0.
  ///   - polish: the optimizer of the generic fit; default ``BFGS``, superlinear from
  ///     EM's nearby start.
  ///   - observer: hears the polish's iterations (pass one to EM directly for its own).
  /// - Throws: ``ClusteringError`` for data EM rejects, ``FitError`` from the fit.
  public func fit(
    _ data: Matrix, expectationMaximization: ExpectationMaximization = .init(),
    polish: some Optimizer = BFGS(), observer: IterationObserver? = nil
  ) throws -> GaussianMixtureResult {
    let start = try expectationMaximization.fit(self, to: data)
    var fit = try Fit(model: self, sample: data)
    fit.parameters.values = start.parameters
    let result = try fit.minimize(using: polish, observer: observer)
    return GaussianMixtureResult(
      mixture: self, data: data, fit: result, expectationMaximization: start)
  }
}
