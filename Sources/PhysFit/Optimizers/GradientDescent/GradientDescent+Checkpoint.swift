import Foundation

extension GradientDescent {
  /// Everything the next iteration (step or epoch) of a gradient-descent run depends
  /// on, saved at the end of an iteration: resuming from it continues the run bit for
  /// bit, so an interrupted and resumed run ends with the same parameters as one that
  /// was never interrupted (same problem, same settings, same seed).
  ///
  /// It holds the point x, its value and last gradient (the gradient test at the top
  /// of the next iteration reads them), the update rule's state (Adam's moments and
  /// step count, a velocity, the schedule's progress; ``TransformationState``), the
  /// best point so far, the divergence ceiling (fixed by the start value, which a
  /// resumed run does not recompute), the evaluations and seconds spent; in epoch mode
  /// also the training points in their current shuffled order, the shuffling
  /// generator's state and the early-stopping bookkeeping. The validation points are
  /// recomputed from the seed (``Configuration/split(pointCount:)``).
  ///
  /// Only gradient descent checkpoints: its runs (network training) are the long
  /// ones. The other optimizers finish a fit in seconds and are simply rerun.
  ///
  /// JSON (docs/json-schema.md, `physfit-descent-state` version 1): numbers are
  /// written with the shortest text that reads back to the same bits, non-finite
  /// ones as the strings "inf", "-inf", "nan" (use ``jsonEncoder()`` and
  /// ``jsonDecoder()``).
  public struct Checkpoint: Sendable, Hashable, Codable {
    /// The `format` field.
    public static let formatName = "physfit-descent-state"
    /// The layout version this program writes and reads.
    public static let currentVersion = 1

    /// Which loop saved the state.
    public enum Mode: String, Sendable, Hashable, Codable {
      /// One step per iteration with the exact gradient.
      case fullBatch
      /// One epoch of mini-batches (or early stopping) per iteration.
      case epochs
    }

    /// Always ``formatName``.
    public var format = Checkpoint.formatName
    /// ``currentVersion`` when written by this program.
    public var version = Checkpoint.currentVersion
    /// The loop that saved it; a resume must run the same loop.
    public var mode: Mode
    /// The run's method text ("adam (mini-batch 32)"); a resume must have the same.
    public var method: String
    /// Iterations (epochs) completed.
    public var iteration: Int
    /// x after the last completed iteration (the optimizer's coordinates).
    public var parameters: [Double]
    /// The objective reported for that iteration.
    public var value: Double
    /// The last gradient (the last mini-batch's in epoch mode).
    public var gradient: [Double]
    /// The best point so far (lowest value; the best validation epoch when holding out).
    public var bestParameters: [Double]
    /// Its value.
    public var bestValue: Double
    /// The divergence threshold, ratio × max(|f₀|, 1).
    public var divergenceCeiling: Double
    /// Evaluations since the start of the run, over all its resumed parts.
    public var evaluations: EvaluationCounts
    /// Seconds since the start of the run, over all its resumed parts.
    public var elapsed: Double
    /// The update rule's state.
    public var transformation: TransformationState
    /// Epoch mode: the training points in the order of the last shuffle.
    public var trainingOrder: [Int]?
    /// Epoch mode: the shuffling generator's four state words.
    public var shufflerWords: [UInt64]?
    /// Early stopping: the lowest validation loss, its epoch, epochs since.
    public var bestValidation: Double?
    /// Early stopping: the epoch of the lowest validation loss.
    public var bestEpoch: Int?
    /// Early stopping: epochs since that epoch.
    public var sinceBest: Int?

    /// The encoder of checkpoint files: sorted keys, non-finite numbers as strings.
    public static func jsonEncoder() -> JSONEncoder {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      return encoder
    }

    /// The decoder matching ``jsonEncoder()``.
    public static func jsonDecoder() -> JSONDecoder {
      let decoder = JSONDecoder()
      decoder.nonConformingFloatDecodingStrategy = .convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      return decoder
    }

    /// Throws unless this state can continue a run of `method` in `mode` over
    /// `dimension` parameters.
    func check(_ mode: Mode, method: String, dimension n: Int) throws(GradientDescentError) {
      guard format == Self.formatName, version == Self.currentVersion else {
        throw GradientDescentError(
          "not a version \(Self.currentVersion) \(Self.formatName) (format \(format), version \(version))"
        )
      }
      guard self.mode == mode, self.method == method else {
        throw GradientDescentError(
          "the state was saved by \(self.method) (\(self.mode.rawValue)), not by \(method) (\(mode.rawValue))"
        )
      }
      guard parameters.count == n, gradient.count == n, bestParameters.count == n else {
        throw GradientDescentError("the state has \(parameters.count) parameters, not \(n)")
      }
      guard iteration >= 0 else {
        throw GradientDescentError("the iteration count \(iteration) is negative")
      }
    }
  }

  /// How a run saves its state and learns that it should stop: set
  /// ``GradientDescent/checkpointing`` and every optimizer copy carries it through
  /// ``Fit/minimize(using:observer:)-(Optimizer,_)`` and pipelines.
  ///
  /// At the end of an iteration (an epoch in mini-batch mode) the run calls `save`
  /// when `everyIterations` iterations or `interval` seconds have passed since the
  /// last save, and asks `isInterrupted`. When interrupted it saves the state once
  /// more and returns the best point so far with ``StopReason/interrupted``; rerunning
  /// with `resume` set to that state continues where it stopped. Interruption is
  /// checked only between iterations, so a saved state is always consistent.
  public struct Checkpointing: Sendable {
    /// The state to continue from, or nil to start afresh.
    public var resume: Checkpoint?
    /// Save every this many iterations (nil: not by count).
    public var everyIterations: Int?
    /// Save when this many seconds have passed since the last save (nil: not by time).
    public var interval: Double?
    /// Receives each saved state (called on the optimizer's thread).
    public var save: @Sendable (Checkpoint) -> Void
    /// Whether the run should stop at the end of the current iteration.
    public var isInterrupted: @Sendable () -> Bool

    /// Checkpointing with the given resume state, save frequency and callbacks.
    public init(
      resume: Checkpoint? = nil, everyIterations: Int? = nil, interval: Double? = nil,
      save: @escaping @Sendable (Checkpoint) -> Void,
      isInterrupted: @escaping @Sendable () -> Bool = { false }
    ) {
      self.resume = resume
      self.everyIterations = everyIterations
      self.interval = interval
      self.save = save
      self.isInterrupted = isInterrupted
    }

    /// Whether a save is due after iteration `k`, `seconds` after the last save.
    func isDue(iteration k: Int, secondsSinceSave seconds: Double) -> Bool {
      if let every = everyIterations, every >= 1, k % every == 0 { return true }
      if let interval, seconds >= interval { return true }
      return false
    }

    /// At the end of iteration `k`: saves `state()` when due or interrupted and says
    /// whether to stop. `lastSave` is the run's clock at the last save.
    func endOfIteration(
      _ k: Int, now: Double, lastSave: inout Double, state: () -> Checkpoint?
    ) -> Bool {
      let interrupted = isInterrupted()
      if interrupted || isDue(iteration: k, secondsSinceSave: now - lastSave) {
        if let saved = state() { save(saved) }
        lastSave = now
      }
      return interrupted
    }
  }
}

extension GradientDescent.Checkpoint {
  /// The saved shuffling generator.
  var shuffler: RandomSource? {
    shufflerWords.flatMap { RandomSource(words: $0, spareNormal: .nan) }
  }
}
