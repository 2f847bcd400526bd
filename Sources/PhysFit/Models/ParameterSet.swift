/// An ordered set of uniquely named parameters, indexable by position and by name.
public struct ParameterSet: Sendable, Hashable, RandomAccessCollection, MutableCollection {
  /// The parameters, in model order.
  public private(set) var parameters: [Parameter]
  private var indexByName: [String: Int]

  /// Parameters with the given names, each starting at `value` (default 1).
  public init(names: [String], value: Double = 1) {
    self.init(names.map { Parameter($0, value: value) })
  }

  /// A set of parameters; their names must be unique (a programmer error otherwise).
  public init(_ parameters: [Parameter]) {
    var index: [String: Int] = [:]
    for (i, p) in parameters.enumerated() {
      precondition(index[p.name] == nil, "duplicate parameter name '\(p.name)'")
      index[p.name] = i
    }
    self.parameters = parameters
    self.indexByName = index
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { parameters.count }

  public subscript(position: Int) -> Parameter {
    get { parameters[position] }
    set {
      precondition(newValue.name == parameters[position].name, "renaming a parameter in place")
      parameters[position] = newValue
    }
  }

  /// The parameter called `name`, or nil.
  public subscript(name: String) -> Parameter? {
    get { indexByName[name].map { parameters[$0] } }
    set {
      guard let i = indexByName[name] else {
        preconditionFailure("no parameter named '\(name)'")
      }
      guard let newValue else { preconditionFailure("cannot remove parameter '\(name)'") }
      self[i] = newValue
    }
  }

  /// The position of the parameter called `name`.
  public func index(of name: String) -> Int? { indexByName[name] }

  /// The names, in order.
  public var names: [String] { parameters.map(\.name) }
  /// The values, in order; setting them needs one value per parameter.
  public var values: [Double] {
    get { parameters.map(\.value) }
    set {
      precondition(newValue.count == parameters.count)
      for i in parameters.indices { parameters[i].value = newValue[i] }
    }
  }
}
