/// Builds a list of layers from a block, for ``Network/init(inputNames:layers:)``:
///
/// ```swift
/// let net = try Network {
///   Dense(2, 64, .tanh)
///   Dense(64, 64, .tanh)
///   Dense(64, 1)
/// }
/// ```
///
/// Loops and conditionals work as in any result builder (`for _ in 0..<depth { ... }`).
@resultBuilder
public enum LayerBuilder {
  /// One layer.
  public static func buildExpression(_ layer: Dense) -> [Dense] { [layer] }
  /// Several layers, e.g. from a helper function.
  public static func buildExpression(_ layers: [Dense]) -> [Dense] { layers }
  /// The layers of a block, in order.
  public static func buildBlock(_ parts: [Dense]...) -> [Dense] { parts.flatMap { $0 } }
  /// Layers inside an `if` without `else` (none when the condition is false).
  public static func buildOptional(_ part: [Dense]?) -> [Dense] { part ?? [] }
  /// The layers of the `if` branch.
  public static func buildEither(first part: [Dense]) -> [Dense] { part }
  /// The layers of the `else` branch.
  public static func buildEither(second part: [Dense]) -> [Dense] { part }
  /// The layers of a `for` loop, in order.
  public static func buildArray(_ parts: [[Dense]]) -> [Dense] { parts.flatMap { $0 } }
}

/// The name of the layer-stack form `Sequential { Dense(2, 64, .tanh); Dense(64, 1) }`
/// (as in tensorflow/swift-apis and Keras): the same type as ``Network``.
public typealias Sequential = Network
