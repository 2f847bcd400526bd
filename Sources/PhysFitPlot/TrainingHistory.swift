import PhysFit

/// The loss of a training run epoch by epoch (iteration by iteration for optimizers
/// without epochs), recorded from the optimizer's ``IterationReport``s.
///
/// Values are multiplied by ``scale``: 1/n turns objectives that sum over points into
/// the loss per point that `physfit train` reports; 1 keeps a mean (MSE) as it is.
public struct TrainingHistory: Sendable, Hashable, Codable {
  public var epochs: [Int] = []
  public var training: [Double] = []
  /// The validation loss per epoch; NaN where the run held out no points.
  public var validation: [Double] = []
  public var scale: Double

  public init(scale: Double = 1) {
    self.scale = scale
  }

  /// Appends one report.
  public mutating func record(_ report: IterationReport) {
    epochs.append(report.iteration)
    training.append(report.value * scale)
    validation.append((report.validationValue ?? .nan) * scale)
  }

  /// Whether any epoch has a validation loss.
  public var hasValidation: Bool { validation.contains { $0.isFinite } }

  /// The epoch with the lowest validation loss (the one early stopping keeps), if any.
  public var bestValidationEpoch: Int? {
    var best: (epoch: Int, value: Double)?
    for (e, v) in zip(epochs, validation) where v.isFinite && v < (best?.value ?? .infinity) {
      best = (e, v)
    }
    return best?.epoch
  }
}

/// Collects a ``TrainingHistory`` from an optimizer's observer callbacks:
///
/// ```swift
/// let recorder = TrainingRecorder(scale: 1 / Double(n))
/// let result = try fit.minimize(using: adam, observer: recorder.observe)
/// let figure = TrainingFigure.loss(recorder.history)
/// ```
public final class TrainingRecorder {
  public private(set) var history: TrainingHistory

  public init(scale: Double = 1) {
    history = TrainingHistory(scale: scale)
  }

  /// Records one report (pass this as the observer, or call it from yours).
  public func observe(_ report: IterationReport) {
    history.record(report)
  }
}
