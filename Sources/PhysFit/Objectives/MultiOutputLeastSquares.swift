/// Least squares over k outputs per point, for models with several outputs (a network
/// that predicts k quantities at once, `physfit train --y a,b`):
///
///     meanSquaredError:  L = (1/(N·k)) Σᵢ Σₒ (yᵢₒ − ŷᵢₒ)²        (mean over all N·k values)
///     chiSquare:         L = Σᵢ Σₒ ((yᵢₒ − ŷᵢₒ)/σᵢₒ)²            (σ optional, else 1)
///
/// For k = 1 these are ``MeanSquaredError`` and ``ChiSquare``. The mean over all N·k
/// values is the multi-output MSE of PyTorch's `MSELoss` and scikit-learn's
/// `MLPRegressor`; it is the mean of the k per-output MSEs, so every output weighs
/// the same whatever its scale — standardise the outputs (or use χ² with σ) when the
/// outputs have different units. χ² sums the k outputs' χ²s, each in units of its own σ.
///
/// Residuals are ordered output by output, r_(i + N·o), matching the model's
/// ŷ column-major layout and the row order of ``Model/jacobian(_:parameters:into:workspace:)``,
/// so least-squares optimizers (Levenberg–Marquardt) see N·k residuals.
///
/// Error definition 1, errors scaled by s² without σ (as ``MeanSquaredError`` and
/// unweighted ``ChiSquare``), absolute with σ.
public struct MultiOutputLeastSquares: LeastSquaresObjective, PointwiseObjective {
  /// Which normalisation of Σ r².
  public enum Kind: Sendable, Hashable {
    /// (1/(N·k)) Σ (y − ŷ)².
    case meanSquaredError
    /// Σ ((y − ŷ)/σ)², σ = 1 where none is given.
    case chiSquare
  }

  /// y, N × k.
  public let y: Matrix
  /// 1/σ, N × k, or nil (χ² without σ, and always for the MSE).
  public let inverseSigma: Matrix?
  /// The normalisation: mean squared error or χ².
  public let kind: Kind

  /// `columns`: the k target columns, each N values. `sigma` (only with `.chiSquare`):
  /// one σ column per target column, every σ > 0. Throws for no columns, columns of
  /// different lengths, non-finite values or σ ≤ 0 (naming the column, 1-based, and the
  /// row).
  public init(columns: [[Double]], sigma: [[Double]]? = nil, kind: Kind) throws(ObjectiveError) {
    guard let first = columns.first else {
      throw .invalidSetting("a multi-output objective needs at least one target column")
    }
    let n = first.count
    for (o, column) in columns.enumerated() {
      try ObjectiveError.checkLength(column, "y column \(o + 1)", count: n, of: "y column 1")
      try ObjectiveError.check(column, "y column \(o + 1)", expected: "finite") { _ in true }
    }
    if let sigma {
      guard kind == .chiSquare else {
        throw .invalidSetting("σ columns go with χ², not with the mean squared error")
      }
      guard sigma.count == columns.count else {
        throw .lengthMismatch(
          "\(sigma.count) σ column(s) were given for \(columns.count) target column(s)")
      }
      for (o, column) in sigma.enumerated() {
        try ObjectiveError.checkLength(column, "sigma column \(o + 1)", count: n, of: "y")
        try ObjectiveError.check(column, "sigma column \(o + 1)", expected: "positive") {
          $0 > 0
        }
      }
      inverseSigma = Matrix(columns: sigma.map { $0.map { 1 / $0 } })
    } else {
      inverseSigma = nil
    }
    y = Matrix(columns: columns)
    self.kind = kind
  }

  /// k, the number of outputs.
  public var outputCount: Int { y.columns }
  public var errorDefinition: Double { 1 }
  /// N·k values.
  public var dataCount: Int { y.elements.count }
  /// N points (one prediction row each, k columns).
  public var predictionRows: Int { y.rows }
  public var hasAbsoluteErrors: Bool { inverseSigma != nil }

  /// The weight w of every squared residual over all N points: 1/(N·k) for the MSE, 1
  /// for χ² (times 1/σ² per value).
  var weight: Double {
    kind == .chiSquare || y.elements.isEmpty ? 1 : 1 / Double(y.elements.count)
  }

  /// r = √w·(y − ŷ)/σ, d = −√w/σ, for all N·k values.
  public func residuals(
    predictions: Matrix, residuals r: inout [Double], derivatives d: inout [Double]
  ) {
    precondition(
      predictions.rows == y.rows && predictions.columns == y.columns,
      "predictions must be \(y.rows) × \(y.columns)")
    let count = y.elements.count
    if r.count != count { r = Array(repeating: 0, count: count) }
    if d.count != count { d = Array(repeating: 0, count: count) }
    let root = weight.squareRoot()
    for i in 0..<count {
      let w = root * (inverseSigma?.elements[i] ?? 1)
      r[i] = (y.elements[i] - predictions.elements[i]) * w
      d[i] = -w
    }
  }

  public func value(predictions: Matrix) -> Double {
    var sum = 0.0
    for i in y.elements.indices {
      let r = (y.elements[i] - predictions.elements[i]) * (inverseSigma?.elements[i] ?? 1)
      sum += r * r
    }
    return weight * sum
  }

  /// L and ∂L/∂ŷ = −2w(y − ŷ)/σ².
  public func valueAndGradient(predictions: Matrix, gradient: inout Matrix) -> Double {
    precondition(
      predictions.rows == y.rows && predictions.columns == y.columns,
      "predictions must be \(y.rows) × \(y.columns)")
    gradient.resize(rows: predictions.rows, columns: predictions.columns)
    let w = weight
    var sum = 0.0
    for i in y.elements.indices {
      let s = inverseSigma?.elements[i] ?? 1
      let r = (y.elements[i] - predictions.elements[i]) * s
      sum += r * r
      gradient.elements[i] = -2 * w * r * s
    }
    return w * sum
  }

  /// The estimate from the B points `rows`: the batch mean (1/(B·k)) Σ for the MSE, as
  /// ``MeanSquaredError`` does, and (N/B) Σ for χ², as ``ChiSquare`` does.
  public func valueAndGradient(rows: [Int], predictions: Matrix, gradient: inout Matrix)
    -> Double
  {
    let b = rows.count
    let k = y.columns
    precondition(predictions.rows == b && predictions.columns == k, "one row per point")
    gradient.resize(rows: b, columns: k)
    guard b > 0 else { return 0 }
    let n = y.rows
    let w = kind == .chiSquare ? Double(n) / Double(b) : 1 / Double(b * k)
    var sum = 0.0
    for o in 0..<k {
      for (j, i) in rows.enumerated() {
        let s = inverseSigma?.elements[i + o * n] ?? 1
        let r = (y.elements[i + o * n] - predictions.elements[j + o * b]) * s
        sum += r * r
        gradient.elements[j + o * b] = -2 * w * r * s
      }
    }
    return w * sum
  }
}
