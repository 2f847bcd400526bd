/// Turns a syntax tree into an ``ExpressionGraph``: resolves names, expands built-in
/// models, and numbers the parameters.
///
/// Name resolution for a bare identifier, first match wins:
/// 1. a data column (an entry of `inputNames`) — so a column named `e`, `pi` or
///    `gaussian` is that column;
/// 2. a constant, `pi` or `e`;
/// 3. a built-in model (``BuiltinModels``), expanded with its catalogue parameter
///    names and the single input; with several inputs the call form is required;
/// 4. a function name used without arguments is an error;
/// 5. anything else is a parameter.
///
/// A call `name(…)` is a math function when `name` is one (even if a column has the
/// same name), else a built-in model, else an error.
///
/// Parameters are numbered by first appearance in the text, left to right. A
/// built-in used by its name alone contributes its parameters at its position, in
/// the catalogue's order (`gaussian` gives A, mu, sigma). When several default-named
/// built-in terms share a parameter name (`gaussian + gaussian`, or the `A` of
/// `gaussian + exponential`), each of those terms gets the name suffixed `_1`, `_2`,
/// … in order of appearance; names that do not collide stay as they are.
struct FormulaResolver {
  let formula: String
  let inputNames: [String]
  var graph = ExpressionGraph()
  var parameterNames: [String] = []
  var builtinTerms: [BuiltinTerm] = []

  private var parameterIndex: [String: Int] = [:]
  private var inputIndex: [String: Int] = [:]
  /// For each default-named built-in instance, in text order: its renames.
  private var renames: [[String: String]] = []
  private var nextInstance = 0

  init(formula: String, inputNames: [String]) {
    self.formula = formula
    self.inputNames = inputNames
    for (i, name) in inputNames.enumerated() where inputIndex[name] == nil {
      inputIndex[name] = i
    }
  }

  private func error(_ column: Int, _ message: String) -> FormulaError {
    FormulaError(formula: formula, column: column, message: message)
  }

  /// Resolves the whole tree and returns the root node.
  mutating func resolve(_ tree: FormulaSyntax) throws(FormulaError) -> Int {
    var instances: [[String]] = []
    collectDefaultInstances(tree, into: &instances)
    var uses: [String: Int] = [:]
    for names in instances {
      for name in Set(names) { uses[name, default: 0] += 1 }
    }
    var seen: [String: Int] = [:]
    renames = instances.map { names in
      var map: [String: String] = [:]
      for name in names where (uses[name] ?? 0) > 1 {
        seen[name, default: 0] += 1
        map[name] = "\(name)_\(seen[name] ?? 0)"
      }
      return map
    }
    return try build(tree)
  }

  /// The parameter names of each default-named built-in instance, in text order.
  private func collectDefaultInstances(_ tree: FormulaSyntax, into instances: inout [[String]]) {
    switch tree.kind {
    case .number: break
    case .name(let name):
      if isBareBuiltin(name), let model = BuiltinModels.named(name) {
        instances.append(model.parameterNames)
      }
    case .call(let name, let arguments):
      for argument in arguments { collectDefaultInstances(argument, into: &instances) }
      if UnaryOperation.callable[name] == nil && name != FormulaNames.voigt,
        arguments.count == 1, let model = BuiltinModels.named(name)
      {
        instances.append(model.parameterNames)
      }
    case .negate(let operand): collectDefaultInstances(operand, into: &instances)
    case .binary(_, let lhs, let rhs):
      collectDefaultInstances(lhs, into: &instances)
      collectDefaultInstances(rhs, into: &instances)
    }
  }

  private func isBareBuiltin(_ name: String) -> Bool {
    inputIndex[name] == nil && FormulaNames.constants[name] == nil
      && BuiltinModels.named(name) != nil
  }

  private mutating func parameter(_ name: String) -> Int {
    if let j = parameterIndex[name] { return graph.parameter(j) }
    let j = parameterNames.count
    parameterNames.append(name)
    parameterIndex[name] = j
    return graph.parameter(j)
  }

  private mutating func build(_ tree: FormulaSyntax) throws(FormulaError) -> Int {
    switch tree.kind {
    case .number(let value):
      return graph.constant(value)
    case .negate(let operand):
      return graph.negate(try build(operand))
    case .binary(let op, let lhs, let rhs):
      let a = try build(lhs)
      let b = try build(rhs)
      return graph.binary(op.operation, a, b)
    case .name(let name):
      if let i = inputIndex[name] { return graph.input(i) }
      if let value = FormulaNames.constants[name] { return graph.constant(value) }
      if let model = BuiltinModels.named(name) {
        guard inputNames.count == 1 else {
          let list = inputNames.joined(separator: ", ")
          let detail =
            inputNames.isEmpty
            ? "the model has no input column" : "the model has several inputs (\(list))"
          throw error(
            tree.column,
            "built-in model '\(name)' needs its input: \(detail); write \(name)(input) "
              + "or \(name)(input, \(model.parameterNames.joined(separator: ", ")))")
        }
        return try expandDefault(model, input: graph.input(0), inputName: inputNames[0], tree)
      }
      if UnaryOperation.callable[name] != nil || name == FormulaNames.voigt {
        throw error(tree.column, "'\(name)' is a function: write \(name)(…)")
      }
      return parameter(name)
    case .call(let name, let arguments):
      return try call(name, arguments, tree)
    }
  }

  private mutating func call(
    _ name: String, _ arguments: [FormulaSyntax], _ tree: FormulaSyntax
  ) throws(FormulaError) -> Int {
    if let op = UnaryOperation.callable[name] {
      guard arguments.count == 1 else {
        throw error(tree.column, "function '\(name)' takes 1 argument, got \(arguments.count)")
      }
      return graph.unary(op, try build(arguments[0]))
    }
    if name == FormulaNames.voigt {
      guard arguments.count == 3 else {
        throw error(
          tree.column,
          "function 'voigt' takes 3 arguments (x, sigma, gamma), got \(arguments.count)")
      }
      let x = try build(arguments[0])
      let sigma = try build(arguments[1])
      let gamma = try build(arguments[2])
      return graph.voigt(component: 0, x, sigma, gamma)
    }
    if let model = BuiltinModels.named(name) {
      let p = model.parameterNames.count
      guard arguments.count == 1 || arguments.count == 1 + p else {
        throw error(
          tree.column,
          "built-in model '\(name)' takes 1 argument (the input) or \(1 + p) (input, "
            + "\(model.parameterNames.joined(separator: ", "))), got \(arguments.count)")
      }
      let input = try build(arguments[0])
      var inputName: String?
      if case .input(let i) = graph.nodes[input] { inputName = inputNames[i] }
      if arguments.count == 1 {
        return try expandDefault(model, input: input, inputName: inputName, tree)
      }
      var nodes: [Int] = []
      var names: [String?] = []
      for argument in arguments.dropFirst() {
        let node = try build(argument)
        nodes.append(node)
        if case .parameter(let j) = graph.nodes[node] {
          names.append(parameterNames[j])
        } else {
          names.append(nil)
        }
      }
      builtinTerms.append(
        BuiltinTerm(builtin: model, input: inputName, parameterNames: names, column: tree.column))
      return expand(model, input: input, parameters: nodes)
    }
    var message = "unknown function '\(name)'"
    if inputIndex[name] != nil || parameterIndex[name] != nil {
      message = "'\(name)' is not a function (products need an explicit '*')"
    } else if let guess = FormulaNames.suggestion(
      for: name, among: FormulaNames.functionNames + BuiltinModels.allNames)
    {
      message += " (did you mean '\(guess)'?)"
    }
    throw error(tree.column, message)
  }

  private mutating func expandDefault(
    _ model: BuiltinModel, input: Int, inputName: String?, _ tree: FormulaSyntax
  ) throws(FormulaError) -> Int {
    let rename = nextInstance < renames.count ? renames[nextInstance] : [:]
    nextInstance += 1
    let names = model.parameterNames.map { rename[$0] ?? $0 }
    let nodes = names.map { parameter($0) }
    builtinTerms.append(
      BuiltinTerm(builtin: model, input: inputName, parameterNames: names, column: tree.column))
    return expand(model, input: input, parameters: nodes)
  }

  /// Builds the model's catalogue formula with `x` bound to `input` and its
  /// parameters bound to `parameters`.
  private mutating func expand(_ model: BuiltinModel, input: Int, parameters: [Int]) -> Int {
    var environment: [String: Int] = ["x": input]
    for (name, node) in zip(model.parameterNames, parameters) { environment[name] = node }
    do {
      let tree = try FormulaParser.parse(model.formula)
      return try substitute(tree, environment)
    } catch {
      preconditionFailure("built-in model '\(model.name)' has a bad formula: \(error)")
    }
  }

  /// Builds a catalogue formula: names come only from `environment` and the
  /// constants, calls only from the math functions.
  private mutating func substitute(
    _ tree: FormulaSyntax, _ environment: [String: Int]
  ) throws(FormulaError) -> Int {
    switch tree.kind {
    case .number(let value): return graph.constant(value)
    case .negate(let operand): return graph.negate(try substitute(operand, environment))
    case .binary(let op, let lhs, let rhs):
      let a = try substitute(lhs, environment)
      let b = try substitute(rhs, environment)
      return graph.binary(op.operation, a, b)
    case .name(let name):
      if let node = environment[name] { return node }
      if let value = FormulaNames.constants[name] { return graph.constant(value) }
      throw error(tree.column, "unbound name '\(name)' in a built-in formula")
    case .call(let name, let arguments):
      var nodes: [Int] = []
      for argument in arguments { nodes.append(try substitute(argument, environment)) }
      if let op = UnaryOperation.callable[name], nodes.count == 1 {
        return graph.unary(op, nodes[0])
      }
      if name == FormulaNames.voigt, nodes.count == 3 {
        return graph.voigt(component: 0, nodes[0], nodes[1], nodes[2])
      }
      throw error(tree.column, "bad call '\(name)' in a built-in formula")
    }
  }
}

extension FormulaSyntax.BinaryOperator {
  var operation: BinaryOperation {
    switch self {
    case .add: return .add
    case .subtract: return .subtract
    case .multiply: return .multiply
    case .divide: return .divide
    case .power: return .power
    }
  }
}
