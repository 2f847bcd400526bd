/// Model + objective + inputs as a function of θ: what an optimizer minimises in a fit.
///
/// It owns the reusable buffers (predictions, gradients, Jacobians, the model's
/// workspace), so the optimizer's loop allocates nothing after the first call, and
/// it counts evaluations.
public final class FitProblem<M: Model, O: Objective>: Minimizable {
  /// The model f(x; θ).
  public let model: M
  /// n × d inputs, one column per model input.
  public let inputs: Matrix
  /// The learning criterion over the model's predictions.
  public let objective: O
  public private(set) var evaluations = EvaluationCounts()

  private var workspace = ModelWorkspace()
  private var predictions: Matrix
  private var lossGradient: Matrix
  fileprivate var modelJacobian = Matrix(rows: 0, columns: 0)
  fileprivate var residualDerivatives: [Double] = []
  fileprivate var residualTheta: [Double] = []
  fileprivate var batchInputs = Matrix(rows: 0, columns: 0)
  /// The inputs row by row (point i's d values together), made at the first gather: a
  /// mini-batch reads random rows, and from column-major storage every value of them is
  /// a cache miss of its own (12 % of training a 64-input classifier), from row-major
  /// storage a row is d contiguous values.
  fileprivate var rowMajorInputs: [Double] = []
  fileprivate var batchPredictions = Matrix(rows: 0, columns: 0)
  fileprivate var batchGradient = Matrix(rows: 0, columns: 0)

  /// The objective as a function of the model's parameters θ at fixed inputs.
  public init(model: M, inputs: Matrix, objective: O) {
    self.model = model
    self.inputs = inputs
    self.objective = objective
    self.predictions = Matrix(rows: inputs.rows, columns: model.outputCount)
    self.lossGradient = predictions
  }

  public var dimension: Int { model.parameterCount }

  /// ŷ at θ (into the shared prediction buffer).
  fileprivate func predict(_ theta: [Double]) {
    model.evaluate(inputs, parameters: theta, into: &predictions, workspace: &workspace)
  }

  public func value(at theta: [Double]) -> Double {
    evaluations.values += 1
    predict(theta)
    return objective.value(predictions: predictions)
  }

  public func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double {
    evaluations.values += 1
    evaluations.gradients += 1
    predict(theta)
    let f = objective.valueAndGradient(predictions: predictions, gradient: &lossGradient)
    model.pullbackAfterEvaluate(
      inputs, parameters: theta, cotangent: lossGradient, into: &gradient, workspace: &workspace)
    return f
  }

  /// The model's predictions at θ (a copy).
  public func predictions(at theta: [Double]) -> Matrix {
    predict(theta)
    return predictions
  }

  fileprivate var currentPredictions: Matrix { predictions }

  /// Gathers the given rows of the inputs into the batch buffer (no allocation once
  /// the buffer has reached the batch size), from the row-major copy.
  fileprivate func gather(_ rows: [Int]) {
    let (n, d, b) = (inputs.rows, inputs.columns, rows.count)
    batchInputs.resize(rows: b, columns: d)
    if rowMajorInputs.count != n * d {
      rowMajorInputs = Array(repeating: 0, count: n * d)
      for j in 0..<d {
        for i in 0..<n { rowMajorInputs[i * d + j] = inputs.elements[i + j * n] }
      }
    }
    rowMajorInputs.withUnsafeBufferPointer { x in
      batchInputs.elements.withUnsafeMutableBufferPointer { out in
        rows.withUnsafeBufferPointer { r in
          for k in 0..<b {
            let row = x.baseAddress! + r[k] * d
            for j in 0..<d { out[k + j * b] = row[j] }
          }
        }
      }
    }
  }
}

extension FitProblem: StochasticMinimizable where O: PointwiseObjective {
  public var pointCount: Int { inputs.rows }

  public func value(at theta: [Double], points: [Int]) -> Double {
    evaluations.values += 1
    return batchValue(theta, points)
  }

  public func valueAndGradient(at theta: [Double], points: [Int], gradient: inout [Double])
    -> Double
  {
    evaluations.values += 1
    evaluations.gradients += 1
    let f = batchValue(theta, points)
    model.pullbackAfterEvaluate(
      batchInputs, parameters: theta, cotangent: batchGradient, into: &gradient,
      workspace: &workspace)
    return f
  }

  /// The objective's estimate from `points`, leaving ∂L/∂ŷ in the batch buffer.
  private func batchValue(_ theta: [Double], _ points: [Int]) -> Double {
    gather(points)
    model.evaluate(
      batchInputs, parameters: theta, into: &batchPredictions, workspace: &workspace)
    return objective.valueAndGradient(
      rows: points, predictions: batchPredictions, gradient: &batchGradient)
  }
}

extension FitProblem: LeastSquaresMinimizable where O: LeastSquaresObjective {
  public var residualCount: Int { objective.dataCount }

  public func residuals(at theta: [Double], into r: inout [Double]) {
    evaluations.values += 1
    predict(theta)
    objective.residuals(
      predictions: currentPredictions, residuals: &r, derivatives: &residualDerivatives)
    residualTheta = theta
  }

  /// ∂r/∂θ = diag(∂rᵢ/∂ŷᵢ) · ∂ŷ/∂θ.
  public func jacobian(at theta: [Double], into j: inout Matrix) {
    evaluations.jacobians += 1
    if theta != residualTheta {
      // The residual derivatives belong to another point: refresh them.
      var r: [Double] = []
      predict(theta)
      objective.residuals(
        predictions: currentPredictions, residuals: &r, derivatives: &residualDerivatives)
      residualTheta = theta
    }
    model.jacobian(inputs, parameters: theta, into: &modelJacobian, workspace: &workspace)
    let m = modelJacobian.rows
    let p = modelJacobian.columns
    j.resize(rows: m, columns: p)
    for c in 0..<p {
      for i in 0..<m {
        j.elements[i + c * m] = residualDerivatives[i] * modelJacobian.elements[i + c * m]
      }
    }
  }
}
