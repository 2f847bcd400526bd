import ArgumentParser
import PhysFit

/// `physfit optimizers`: every optimizer `physfit fit --optimizer` accepts, with what
/// it needs, its reach and its defaults — read from the library's configurations.
struct OptimizersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimizers",
    abstract: "List the optimizers: what each needs, global or local, settings and defaults.",
    discussion: """
      needs: values (derivative-free), values and gradients, or residuals and their \
      Jacobian (least-squares objectives only: chi2, poisson, mse, soft-l1, huber). \
      Global optimizers search the whole (bounded) parameter space; local ones descend \
      from the start. The defaults are the library's; --max-iterations and --tolerance \
      override the limits, and each optimizer's other settings are listed with it.
      """
  )

  @Flag(help: "Print a JSON object instead of the table.")
  var json = false

  /// A default value: a number or a word.
  enum Value: Encodable, CustomStringConvertible {
    case number(Double)
    case text(String)

    func encode(to encoder: any Encoder) throws {
      var c = encoder.singleValueContainer()
      switch self {
      case .number(let x): try c.encode(x)
      case .text(let s): try c.encode(s)
      }
    }

    var description: String {
      switch self {
      case .number(let x): NumberFormatting.compact(x)
      case .text(let s): s
      }
    }
  }

  struct Entry: Encodable {
    var name: String
    /// "values", "values, gradients" or "residuals, Jacobian".
    var needs: String
    var global: Bool
    /// "least-squares" or "any".
    var objectives: String
    var summary: String
    /// Command-line settings besides --max-iterations and --tolerance.
    var settings: [String]
    /// What --max-iterations counts and which tolerance --tolerance sets.
    var iterations: String
    var tolerance: String
    var defaults: [String: Value]
  }

  struct Listing: Encodable {
    var optimizers: [Entry]
  }

  func run() throws {
    let listing = Listing(optimizers: OptimizerChoice.allCases.map(Self.entry))
    do {
      StandardStreams.write(json ? try JSONOutput.encode(listing) : Self.table(listing))
    } catch {
      throw CLIError(error)
    }
  }

  static func table(_ listing: Listing) -> String {
    let width = (listing.optimizers.map(\.name.count).max() ?? 0) + 2
    let indent = String(repeating: " ", count: width)
    var lines: [String] = []
    for e in listing.optimizers {
      let reach = e.global ? "global" : "local"
      let objectives = e.objectives == "any" ? "any objective" : "least-squares objectives"
      lines.append(e.name.padding(width) + "\(reach), \(objectives); needs \(e.needs)")
      lines.append(indent + e.summary)
      let settings = (["--max-iterations", "--tolerance"] + e.settings).joined(separator: ", ")
      lines.append(indent + "settings: " + settings)
      lines.append(indent + "--max-iterations counts \(e.iterations); --tolerance: \(e.tolerance)")
      let defaults = e.defaults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      lines.append(indent + "defaults: " + defaults.joined(separator: ", "))
    }
    return lines.joined(separator: "\n")
  }

  static func entry(_ choice: OptimizerChoice) -> Entry {
    Entry(
      name: choice.rawValue, needs: choice.needs.rawValue, global: choice.isGlobal,
      objectives: choice.isLeastSquares ? "least-squares" : "any", summary: summary(choice),
      settings: OptimizerSetting.allCases.filter { choice.settings.contains($0) }.map(\.rawValue),
      iterations: choice.iterationMeaning, tolerance: choice.toleranceMeaning,
      defaults: defaults(choice))
  }

  static func summary(_ choice: OptimizerChoice) -> String {
    switch choice {
    case .leastSquares:
      "portfolio of GSL trust-region methods, Gauss–Newton polish, verified verdict"
    case .lm: "GSL Levenberg–Marquardt trust region"
    case .lmaccel: "GSL Levenberg–Marquardt with geodesic acceleration"
    case .dogleg: "GSL Powell dogleg"
    case .ddogleg: "GSL double dogleg"
    case .subspace2d: "GSL 2-D subspace trust region"
    case .nelderMead: "GSL nmsimplex2 downhill simplex"
    case .cgFR: "GSL conjugate gradient, Fletcher–Reeves"
    case .cgPR: "GSL conjugate gradient, Polak–Ribière"
    case .bfgs: "GSL vector_bfgs2 quasi-Newton"
    case .steepestDescent: "GSL steepest descent (a baseline)"
    case .sgd: "plain gradient descent, full or mini-batch"
    case .momentum: "heavy-ball momentum gradient descent"
    case .nesterov: "Nesterov momentum gradient descent"
    case .adam: "Adam (Kingma & Ba 2015)"
    case .adamw: "AdamW: Adam with decoupled weight decay"
    case .annealing:
      "simulated annealing with Metropolis acceptance and adaptive steps; follow with --then"
    case .basinHopping:
      "basin hopping: random hops, each minimised fully (L-BFGS), Metropolis on the minima"
    }
  }

  /// The library's default configuration of `choice`, as name → value.
  static func defaults(_ choice: OptimizerChoice) -> [String: Value] {
    var d: [String: Value] = [:]
    func stopping(_ rule: StoppingRule, _ keys: [String]) {
      d["maxIterations"] = .number(Double(rule.maxIterations))
      for key in keys {
        switch key {
        case "stepTolerance": d[key] = .number(rule.stepTolerance)
        case "gradientTolerance": d[key] = .number(rule.gradientTolerance)
        default: d[key] = .number(rule.valueTolerance)
        }
      }
    }
    switch choice.libraryDefault {
    case .leastSquares(let optimizer as LeastSquares):
      let c = optimizer.configuration
      stopping(c.stopping, ["stepTolerance", "gradientTolerance"])
      d["portfolio"] = .text(c.portfolio.map(\.method.rawValue).joined(separator: "/"))
      d["polishSteps"] = .number(Double(c.polishSteps))
      d["scaling"] = .text(c.portfolio.first?.scaling.rawValue ?? "")
      d["solver"] = .text(c.portfolio.first?.solver.rawValue ?? "")
    case .leastSquares(let optimizer as TrustRegion):
      let c = optimizer.configuration
      stopping(c.stopping, ["stepTolerance", "gradientTolerance"])
      d["polishSteps"] = .number(Double(c.polishSteps))
      d["scaling"] = .text(c.scaling.rawValue)
      d["solver"] = .text(c.solver.rawValue)
    case .general(let optimizer as NelderMead):
      let c = optimizer.configuration
      stopping(c.stopping, ["stepTolerance", "valueTolerance"])
      d["initialStep"] = .number(c.initialStep)
    case .general(let optimizer as ConjugateGradient):
      let c = optimizer.configuration
      stopping(c.stopping, ["gradientTolerance"])
      d["initialStep"] = .number(c.initialStep)
      d["lineSearchTolerance"] = .number(c.lineSearchTolerance)
    case .general(let optimizer as BFGS):
      let c = optimizer.configuration
      stopping(c.stopping, ["gradientTolerance"])
      d["initialStep"] = .number(c.initialStep)
      d["lineSearchTolerance"] = .number(c.lineSearchTolerance)
    case .general(let optimizer as SteepestDescent):
      let c = optimizer.configuration
      stopping(c.stopping, ["gradientTolerance"])
      d["initialStep"] = .number(c.initialStep)
      d["stepReduction"] = .number(c.stepReduction)
    case .general(let optimizer as GradientDescent):
      let c = optimizer.configuration
      stopping(c.stopping, ["gradientTolerance"])
      d["learningRate"] = .number(c.learningRate.initial)
      d["schedule"] = .text("constant")
      d["batchSize"] = c.batchSize.map { .number(Double($0)) } ?? .text("full batch")
      d["seed"] = .number(Double(c.seed))
      d["validation"] = .number(c.validationFraction)
      d["patience"] = .number(Double(c.patience))
      d["divergenceRatio"] = .number(c.divergenceRatio)
      for piece in pieces(optimizer.transformation) {
        switch piece {
        case let m as Momentum: d["beta"] = .number(m.beta)
        case let m as Nesterov: d["beta"] = .number(m.beta)
        case let a as ScaleByAdam:
          d["beta1"] = .number(a.beta1)
          d["beta2"] = .number(a.beta2)
          d["epsilon"] = .number(a.epsilon)
        case let w as AddDecayedWeights: d["weightDecay"] = .number(w.rate)
        default: break
        }
      }
    case .general(let optimizer as SimulatedAnnealing):
      let c = optimizer.configuration
      stopping(c.stopping, ["valueTolerance"])
      d["seed"] = .number(Double(c.seed))
      d["cooling"] = .text(describe(c.cooling))
      d["temperature"] =
        c.temperatureScale.map { .number($0 * c.cooling.initial) }
        ?? .text("measured: \(NumberFormatting.compact(c.cooling.initial))·τ, τ = mean uphill step")
      d["movesPerTemperature"] = c.movesPerTemperature.map { .number(Double($0)) } ?? .text("2n")
      d["visiting"] = .text(c.visiting.rawValue)
      d["initialStep"] = .number(c.initialStep)
      d["localDescentIterations"] = .number(Double(c.localDescentIterations))
      d["patience"] = .number(Double(c.patience))
      d["finalTemperature"] = .number(c.finalTemperature)
      d["reheats"] = .number(Double(c.reheats))
    case .general(let optimizer as BasinHopping):
      let c = optimizer.configuration
      stopping(c.stopping, ["valueTolerance"])
      d["seed"] = .number(Double(c.seed))
      d["temperature"] =
        c.temperature.map { .number($0) }
        ?? .text(
          "measured: \(NumberFormatting.compact(c.relativeTemperature))·τ, τ = mean uphill hop")
      d["initialStep"] = .number(c.initialStep)
      d["targetAcceptance"] = .number(c.targetAcceptance)
      d["patience"] = c.patience.map { .number(Double($0)) } ?? .text("none")
      d["memory"] = .number(Double(c.memory))
      d["localGradientTolerance"] = .number(c.localGradientTolerance)
    default:
      break
    }
    return d
  }

  /// The transformations of a gradient-descent update rule, chains flattened.
  static func pieces(_ t: any GradientTransformation) -> [any GradientTransformation] {
    guard let chain = t as? Chain else { return [t] }
    return chain.transformations.flatMap(pieces)
  }

  static func describe(_ s: Schedule) -> String {
    switch s {
    case .exponential(let t, let rate):
      "exponential (T_k = \(NumberFormatting.compact(t))·τ·\(NumberFormatting.compact(rate))ᵏ)"
    case .logarithmic(let t): "logarithmic (T_k = \(NumberFormatting.compact(t))·τ/ln(e + k))"
    default: "\(s)"
    }
  }
}
