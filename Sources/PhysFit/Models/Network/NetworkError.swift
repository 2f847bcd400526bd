/// A network description or standardisation that cannot be used, with what and where.
public struct NetworkError: Error, Sendable, Hashable, CustomStringConvertible {
  public var description: String

  /// An error with a one-line message.
  public init(_ description: String) {
    self.description = description
  }
}
