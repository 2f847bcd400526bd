import ArgumentParser
import PhysFit

extension Activation: ExpressibleByArgument {}

/// The learning criterion of `physfit train`: the objectives that train a network.
enum TrainObjective: String, ExpressibleByArgument, CaseIterable {
  /// Mean squared error (regression).
  case mse
  /// χ² with --sigma, else the residual sum of squares (regression).
  case chi2
  /// Binary cross-entropy of 0/1 labels: one output, a logit (identity) or p (sigmoid).
  case bce
  /// Categorical cross-entropy of labels 0..k−1: k logits, softmax inside the loss.
  case ce

  /// The `physfit fit` objective of the same name, for the shared optimizer checks.
  var choice: ObjectiveChoice {
    switch self {
    case .mse: .mse
    case .chi2: .chi2
    case .bce: .bce
    case .ce: .ce
    }
  }

  var isClassification: Bool { self == .bce || self == .ce }
}

/// `--network`, `--activation`, `--output-activation`, `--standardize`.
struct NetworkOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Layer widths joined by '-', input first: 2-64-64-1 is 2 inputs, two hidden layers "
        + "of 64 units, 1 output. The input width must equal the number of --x columns; the "
        + "output width is 1 for mse, chi2 and bce, and the number of classes for ce.",
      valueName: "widths"))
  var network: String

  @Option(help: ArgumentHelp("Activation of the hidden layers. Default tanh."))
  var activation: Activation = .tanh

  @Option(
    help: ArgumentHelp(
      "Activation of the last layer. Default identity (values; logits for bce and ce). "
        + "bce also takes sigmoid (the output is then p, the lecture's Bernoulli output); "
        + "ce takes only identity."))
  var outputActivation: Activation = .identity

  @Flag(
    help: ArgumentHelp(
      "Standardise the inputs (and, for mse and chi2, the target) with the training "
        + "points' means and standard deviations; saved with the network."))
  var standardize = false

  /// The widths of `--network`.
  var widths: [Int] { (try? Self.parse(network)) ?? [] }

  mutating func validate() throws {
    _ = try Self.parse(network)
  }

  /// Parses `2-64-64-1`; throws `ValidationError` naming the option and the value.
  static func parse(_ text: String) throws -> [Int] {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false).map {
      String($0).trimmingWhitespace()
    }
    func fail(_ why: String) -> ValidationError {
      ValidationError("--network '\(text)': \(why)")
    }
    var widths: [Int] = []
    for (k, part) in parts.enumerated() {
      guard let width = Int(part) else {
        throw fail(
          "width \(k + 1) '\(part)' is not a whole number (expected widths joined by '-', "
            + "e.g. 2-64-64-1)")
      }
      guard width >= 1 else { throw fail("width \(k + 1) is \(width); widths must be at least 1") }
      widths.append(width)
    }
    guard widths.count >= 2 else {
      throw fail("needs at least an input and an output width (e.g. 2-64-1)")
    }
    return widths
  }
}
