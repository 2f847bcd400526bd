/// Gradient descent built from composable pieces: x ← x + u, where the update u comes
/// from the gradient through `transformation` followed by
/// ``ScaleByLearningRate``(`configuration.learningRate`).
///
/// The named optimizers are thin aliases over the pieces:
///
/// | alias | transformation |
/// |---|---|
/// | ``sgd(learningRate:configuration:)`` | none (plain steepest descent) |
/// | ``momentum(learningRate:beta:configuration:)`` | ``Momentum`` |
/// | ``nesterov(learningRate:beta:configuration:)`` | ``Nesterov`` |
/// | ``adam(learningRate:beta1:beta2:epsilon:configuration:)`` | ``ScaleByAdam`` |
/// | ``adamW(learningRate:beta1:beta2:epsilon:weightDecay:configuration:)`` | ``ScaleByAdam``, ``AddDecayedWeights`` |
///
/// **Full batch** (`batchSize == nil`, no validation): one iteration is one step with
/// the exact gradient; the observer hears every step; the run converges by the shared
/// ``StoppingRule``'s gradient test.
///
/// **Mini-batch** (`batchSize` set, on a ``StochasticMinimizable`` such as a fit whose
/// objective is a ``PointwiseObjective``): one iteration is one *epoch* — the training
/// points are shuffled with the seed and visited once in batches of `batchSize`, each
/// batch one step with an unbiased (N/B-scaled) gradient. The start value is the exact
/// objective over the training points (forward passes batch by batch). After each epoch
/// the mean of its batch estimates, the last batch's gradient norm and the epoch's
/// total step go to the observer (once per epoch), and feed the gradient test,
/// divergence detection and the schedule. `stopping.maxIterations` counts epochs. A
/// problem that is not a sum over points runs full batch, and the result's `method`
/// says so.
///
/// **Early stopping** (`validationFraction > 0`, needs a ``StochasticMinimizable``):
/// that fraction of the points, chosen with the seed, is held out; the validation loss
/// is evaluated after every epoch (every step in full-batch mode); the run stops when it
/// has not improved for `patience` epochs and returns the parameters of the best
/// validation epoch (``StopReason/earlyStopped(bestEpoch:lastEpoch:)``).
///
/// **Divergence**: a non-finite objective or gradient, or an objective above
/// `divergenceRatio` × max(|f₀|, 1), stops the run with `.failed("diverged: …")` and
/// returns the lowest point seen. In full-batch mode a step that lands where the
/// objective is not finite (a model outside its domain) is first halved until it is
/// finite (up to 30 times): a rejected step, not divergence.
///
/// **Checkpoints** (``checkpointing``): the run's whole state is handed out at the end of
/// an iteration (every N iterations or seconds, and when asked to stop), a stop request
/// ends it there with ``StopReason/interrupted`` and the best point so far, and a run
/// given a saved state continues it bit for bit (``Checkpoint``).
public struct GradientDescent: Optimizer {
  /// The settings shared by every gradient-descent variant; every default is explained at its
  /// property.
  public struct Configuration: Sendable, Hashable {
    /// Learning rate η_k. Default 10⁻³ (Adam's, Kingma & Ba 2015); the aliases set
    /// their own.
    public var learningRate: Schedule
    /// Points per mini-batch; nil uses every point in every step (full batch).
    public var batchSize: Int?
    /// Iteration (full batch) or epoch (mini-batch) limit, evaluation budget, time
    /// limit and the gradient test. Default: ``defaultStopping``.
    public var stopping: StoppingRule
    /// Seed of the shuffling and of the validation split: a fixed seed reproduces a
    /// run bit for bit. Default 0.
    public var seed: UInt64
    /// Fraction of the points held out for early stopping, in [0, 1); 0 (the default)
    /// holds none out and does not stop early.
    public var validationFraction: Double
    /// Epochs without a lower validation loss before early stopping. Default 10: long
    /// enough to ride out the epoch-to-epoch noise of a mini-batch validation curve,
    /// short enough not to train far past the best epoch (Prechelt 1998 discusses the
    /// trade-off).
    public var patience: Int
    /// An objective above `divergenceRatio`·max(|f₀|, 1) counts as diverged. Default
    /// 10⁶: transients of a stable run (a momentum overshoot, a large first Adam step)
    /// stay within a few times the start value, while a run whose learning rate is
    /// too large grows geometrically and passes 10⁶ within a few dozen steps.
    public var divergenceRatio: Double

    /// The default stopping rule of gradient descent: at most 10⁴ iterations, and
    /// the gradient test at 10⁻⁸ (largest |gᵢ|·max(|xᵢ|, 1) ≤ 10⁻⁸·max(f, 1)).
    ///
    /// Not the 10⁻¹⁵ of the other optimizers: first-order methods converge linearly,
    /// each further digit costing as many steps as the one before, so a tolerance at
    /// machine precision would spend most of the budget below any statistical error.
    /// At 10⁻⁸ the estimated distance to the minimum ½gᵀH⁻¹g is far below a fit's
    /// error definition for any reasonably conditioned problem.
    public static var defaultStopping: StoppingRule {
      StoppingRule(maxIterations: 10_000, gradientTolerance: 1e-8)
    }

    /// Gradient-descent settings; every default is explained at its property.
    public init(
      learningRate: Schedule = .constant(1e-3), batchSize: Int? = nil,
      stopping: StoppingRule = Configuration.defaultStopping, seed: UInt64 = 0,
      validationFraction: Double = 0, patience: Int = 10, divergenceRatio: Double = 1e6
    ) {
      self.learningRate = learningRate
      self.batchSize = batchSize
      self.stopping = stopping
      self.seed = seed
      self.validationFraction = validationFraction
      self.patience = patience
      self.divergenceRatio = divergenceRatio
    }
  }

  /// A short name for reports ("sgd", "adam", ...).
  public var name: String
  /// The pieces before the learning rate (an empty ``Chain`` for plain descent).
  public var transformation: any GradientTransformation
  /// Learning rate, batch size, stopping rule, seed and early stopping.
  public var configuration: Configuration
  /// Saving the run's state and stopping on request (``Checkpointing``); nil (the
  /// default) runs to the end without saving.
  public var checkpointing: Checkpointing? = nil

  /// Gradient descent with any transformation; the learning rate is appended from
  /// `configuration.learningRate`.
  public init(
    name: String, transformation: any GradientTransformation = Chain([]),
    configuration: Configuration = Configuration()
  ) {
    self.name = name
    self.transformation = transformation
    self.configuration = configuration
  }

  /// The whole update rule: `transformation`, then ``ScaleByLearningRate``.
  public var updateRule: Chain {
    Chain([transformation, ScaleByLearningRate(configuration.learningRate)])
  }

  /// Throws for settings out of range, saying which.
  public func validate() throws(GradientDescentError) {
    try updateRule.validate()
    if let b = configuration.batchSize, b < 1 {
      throw GradientDescentError("batch size = \(b) must be at least 1")
    }
    try GradientDescentError.check(
      "validation fraction", configuration.validationFraction, in: 0, 1)
    guard configuration.patience >= 1 else {
      throw GradientDescentError("patience = \(configuration.patience) must be at least 1")
    }
    guard configuration.stopping.maxIterations >= 0 else {
      throw GradientDescentError(
        "maximum iterations = \(configuration.stopping.maxIterations) must not be negative")
    }
    guard configuration.divergenceRatio > 1 else {
      throw GradientDescentError(
        "divergence ratio = \(configuration.divergenceRatio) must be above 1")
    }
  }
}

extension GradientDescent {
  /// The named optimizers below: `configuration` with its learning rate replaced by
  /// the factory's own `learningRate` argument.
  private init(
    name: String, transformation: some GradientTransformation, learningRate: Schedule,
    configuration: Configuration
  ) {
    var c = configuration
    c.learningRate = learningRate
    self.init(name: name, transformation: transformation, configuration: c)
  }

  /// Plain (stochastic) gradient descent, x ← x − η g. η = 0.01: Keras's default, a
  /// safe start for objectives of order one whose curvature is below 2/η = 200.
  public static func sgd(
    learningRate: Schedule = .constant(0.01), configuration: Configuration = Configuration()
  ) -> GradientDescent {
    GradientDescent(
      name: "sgd", transformation: Chain([]), learningRate: learningRate,
      configuration: configuration)
  }

  /// Heavy-ball momentum, v ← β v + g, x ← x − η v. η = 0.01 as for ``sgd(learningRate:configuration:)``,
  /// β = 0.9 (see ``Momentum``).
  public static func momentum(
    learningRate: Schedule = .constant(0.01), beta: Double = 0.9,
    configuration: Configuration = Configuration()
  ) -> GradientDescent {
    GradientDescent(
      name: "momentum", transformation: Momentum(beta: beta), learningRate: learningRate,
      configuration: configuration)
  }

  /// Nesterov momentum, v ← β v + g, x ← x − η (g + β v). Defaults as for momentum.
  public static func nesterov(
    learningRate: Schedule = .constant(0.01), beta: Double = 0.9,
    configuration: Configuration = Configuration()
  ) -> GradientDescent {
    GradientDescent(
      name: "nesterov", transformation: Nesterov(beta: beta), learningRate: learningRate,
      configuration: configuration)
  }

  /// Adam (Kingma & Ba 2015): η = 10⁻³, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸, the paper's
  /// defaults (see ``ScaleByAdam``). Each coordinate moves by about η per step.
  public static func adam(
    learningRate: Schedule = .constant(1e-3), beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, configuration: Configuration = Configuration()
  ) -> GradientDescent {
    GradientDescent(
      name: "adam", transformation: ScaleByAdam(beta1: beta1, beta2: beta2, epsilon: epsilon),
      learningRate: learningRate,
      configuration: configuration)
  }

  /// AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay, x ← x − η(Adam(g)
  /// + λ x). Adam's defaults; λ = 0.01, PyTorch's default (optax uses 10⁻⁴): a gentle
  /// pull towards zero that a well-determined parameter barely feels.
  public static func adamW(
    learningRate: Schedule = .constant(1e-3), beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0.01,
    configuration: Configuration = Configuration()
  ) -> GradientDescent {
    GradientDescent(
      name: "adamw",
      transformation: chain(
        ScaleByAdam(beta1: beta1, beta2: beta2, epsilon: epsilon), AddDecayedWeights(weightDecay)),
      learningRate: learningRate,
      configuration: configuration)
  }
}
