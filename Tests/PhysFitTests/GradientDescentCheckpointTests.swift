import Foundation
import Synchronization
import XCTest

@testable import PhysFit

/// Checkpointing of gradient descent: a run interrupted after k iterations, its state
/// written to JSON and read back, and resumed, ends with the same parameters — bit for
/// bit — as the run that was never interrupted. The reference is the uninterrupted run
/// itself (same problem, settings and seed), an independent computation of the same
/// result that shares no saved state with the resumed one.
final class GradientDescentCheckpointTests: XCTestCase {
  /// Saved states and a stop request after `stopAfter` iterations, as the CLI's
  /// SIGINT handler would set it.
  final class Recorder: Sendable {
    let stopAfter: Int
    private let calls = Atomic<Int>(0)
    private let states = Mutex<[GradientDescent.Checkpoint]>([])

    init(stopAfter: Int = .max) { self.stopAfter = stopAfter }

    var saved: [GradientDescent.Checkpoint] { states.withLock { $0 } }

    func checkpointing(
      resume: GradientDescent.Checkpoint? = nil, every: Int? = nil
    ) -> GradientDescent.Checkpointing {
      GradientDescent.Checkpointing(
        resume: resume, everyIterations: every,
        save: { state in self.states.withLock { $0.append(state) } },
        isInterrupted: { self.calls.wrappingAdd(1, ordering: .relaxed).newValue >= self.stopAfter })
    }
  }

  /// The state through its JSON file format and back.
  func roundTrip(_ state: GradientDescent.Checkpoint) throws -> GradientDescent.Checkpoint {
    let data = try GradientDescent.Checkpoint.jsonEncoder().encode(state)
    return try GradientDescent.Checkpoint.jsonDecoder().decode(
      GradientDescent.Checkpoint.self, from: data)
  }

  /// 1-6-1 tanh network on 48 points of sin x with noise-free targets.
  func networkFit() throws -> Fit<Network, MeanSquaredError> {
    let x = (0..<48).map { -3 + 6 * Double($0) / 47 }
    let net = try Network {
      Dense(1, 6, .tanh)
      Dense(6, 1)
    }
    var fit = try Fit(
      model: net, inputs: Matrix(column: x), objective: try MeanSquaredError(y: x.map(sin)))
    fit.initializeWeights(seed: 4)
    return fit
  }

  /// Mini-batch Adam with early stopping and reduce-on-plateau: every piece of state
  /// the epoch loop keeps (moments, β powers, shuffled order, generator, validation
  /// bookkeeping, the schedule's memory) must survive the checkpoint.
  func adam(epochs: Int) -> GradientDescent {
    var gd = GradientDescent.adam(
      learningRate: .reduceOnPlateau(initial: 0.01, factor: 0.5, patience: 3))
    gd.configuration.batchSize = 7
    gd.configuration.seed = 11
    gd.configuration.validationFraction = 0.25
    gd.configuration.patience = 1000
    gd.configuration.stopping.maxIterations = epochs
    return gd
  }

  func testInterruptedMiniBatchRunResumesBitForBit() throws {
    let fit = try networkFit()
    let reference = try fit.minimize(using: adam(epochs: 40))
    XCTAssertEqual(reference.iterations, 40)

    var first = adam(epochs: 40)
    let recorder = Recorder(stopAfter: 13)
    first.checkpointing = recorder.checkpointing()
    let stopped = try fit.minimize(using: first)
    XCTAssertEqual(stopped.reason, StopReason.interrupted)
    XCTAssertEqual(stopped.iterations, 13)
    let saved = try XCTUnwrap(recorder.saved.last)
    XCTAssertEqual(recorder.saved.count, 1, "only the interruption saves without a period")
    XCTAssertEqual(saved.iteration, 13)
    XCTAssertEqual(saved.mode, .epochs)
    // The interrupted run returns the best validation epoch's parameters so far.
    XCTAssertEqual(stopped.values.map(\.bitPattern), saved.bestParameters.map(\.bitPattern))
    // The best validation epoch of the whole run comes later: the result depends on
    // the resumed part.
    XCTAssertNotEqual(stopped.values, reference.values)

    var second = adam(epochs: 40)
    second.checkpointing = Recorder().checkpointing(resume: try roundTrip(saved))
    let resumed = try fit.minimize(using: second)
    XCTAssertEqual(resumed.reason, reference.reason)
    XCTAssertEqual(resumed.iterations, 40)
    XCTAssertEqual(resumed.values.map(\.bitPattern), reference.values.map(\.bitPattern))
    XCTAssertEqual(resumed.objectiveValue.bitPattern, reference.objectiveValue.bitPattern)
    XCTAssertEqual(resumed.evaluations, reference.evaluations, "counts add up over both parts")
  }

  /// A periodic save (every 5 epochs) is as good as the interruption's: resuming from
  /// the state of epoch 10 ends where the uninterrupted run ends (its best validation
  /// epoch is 32).
  func testPeriodicStatesResume() throws {
    let fit = try networkFit()
    var gd = adam(epochs: 32)
    let recorder = Recorder()
    gd.checkpointing = recorder.checkpointing(every: 5)
    let reference = try fit.minimize(using: gd)
    XCTAssertEqual(recorder.saved.map(\.iteration), [5, 10, 15, 20, 25, 30])

    var resumed = adam(epochs: 32)
    resumed.checkpointing = Recorder().checkpointing(resume: try roundTrip(recorder.saved[1]))
    let result = try fit.minimize(using: resumed)
    XCTAssertEqual(result.values.map(\.bitPattern), reference.values.map(\.bitPattern))
  }

  /// Full batch, heavy-ball momentum on Rosenbrock (the optimizer's own coordinates,
  /// no fit around it): interrupted at step 150 and resumed, it ends on the same bits.
  func testInterruptedFullBatchRunResumesBitForBit() throws {
    func momentum() -> GradientDescent {
      var gd = GradientDescent.momentum(learningRate: .constant(2e-4), beta: 0.9)
      gd.configuration.stopping.maxIterations = 400
      return gd
    }
    let start = [-1.2, 1.0]
    let f = try TestFunction.rosenbrock()
    let reference = momentum().minimize(f, from: start, observer: nil)
    var first = momentum()
    let recorder = Recorder(stopAfter: 150)
    first.checkpointing = recorder.checkpointing()
    let stopped = first.minimize(f, from: start, observer: nil)
    XCTAssertEqual(stopped.reason, StopReason.interrupted)
    let saved = try XCTUnwrap(recorder.saved.last)
    XCTAssertEqual(saved.mode, .fullBatch)
    XCTAssertEqual(saved.iteration, 150)

    var second = momentum()
    second.checkpointing = Recorder().checkpointing(resume: try roundTrip(saved))
    let resumed = second.minimize(f, from: start, observer: nil)
    XCTAssertEqual(resumed.reason, reference.reason)
    XCTAssertEqual(resumed.iterations, reference.iterations)
    XCTAssertEqual(resumed.minimum.map(\.bitPattern), reference.minimum.map(\.bitPattern))
  }

  /// A state saved with other hyperparameters, by another optimizer or for another
  /// dimension is refused with a message, not silently continued.
  func testMismatchedStateIsRefused() throws {
    let fit = try networkFit()
    var gd = adam(epochs: 3)
    let recorder = Recorder()
    gd.checkpointing = recorder.checkpointing(every: 1)
    _ = try fit.minimize(using: gd)
    let saved = try XCTUnwrap(recorder.saved.last)

    var other = GradientDescent.adam(learningRate: .constant(0.01))
    other.configuration = adam(epochs: 3).configuration
    other.configuration.learningRate = .constant(0.01)
    other.checkpointing = Recorder().checkpointing(resume: saved)
    let refused = try fit.minimize(using: other)
    guard case .failed(let why) = refused.reason else { return XCTFail("\(refused.reason)") }
    XCTAssertTrue(why.hasPrefix("cannot resume:"), why)
    XCTAssertTrue(why.contains("scaleByLearningRate"), why)

    var sgd = GradientDescent.sgd()
    sgd.configuration.stopping.maxIterations = 3
    sgd.checkpointing = Recorder().checkpointing(resume: saved)
    let wrongLoop = sgd.minimize(try TestFunction.rosenbrock(), from: [0, 0], observer: nil)
    guard case .failed(let loop) = wrongLoop.reason else { return XCTFail("\(wrongLoop.reason)") }
    XCTAssertTrue(loop.contains("not by sgd (fullBatch)"), loop)
  }

  /// Every double, including ±∞ and NaN, and every 64-bit generator word survive the
  /// file format exactly.
  func testStateFileKeepsEveryBit() throws {
    var random = RandomSource(seed: 99)
    let values =
      (0..<400).map { _ in Double(bitPattern: random.next()) }.filter(\.isFinite)
      + [Double.infinity, -.infinity, .pi, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    let words: [UInt64] = [.max, 1 << 63 | 12345, 3, 0x9E37_79B9_7F4A_7C15]
    let state = GradientDescent.Checkpoint(
      mode: .epochs, method: "adam", iteration: 3, parameters: values, value: .nan,
      gradient: values, bestParameters: values, bestValue: .infinity, divergenceCeiling: 1e6,
      evaluations: EvaluationCounts(values: 1, gradients: 2), elapsed: 0.5,
      transformation: TransformationState(transformation: "x", numbers: ["n": -.infinity]),
      trainingOrder: [2, 0, 1], shufflerWords: words)
    let back = try roundTrip(state)
    XCTAssertEqual(back.parameters.map(\.bitPattern), values.map(\.bitPattern))
    XCTAssertTrue(back.value.isNaN)
    XCTAssertEqual(back.shufflerWords, words)
    XCTAssertEqual(back.transformation.numbers["n"], -.infinity)
  }
}
