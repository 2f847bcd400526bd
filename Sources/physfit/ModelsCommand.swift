import ArgumentParser
import PhysFit

/// `physfit models`: the catalogue of built-in models.
struct ModelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "List the built-in models: name, formula, parameters and a summary.",
    discussion: """
      Built-ins are formulas in the input x. Use one by name (--model gaussian), in sums \
      (--model "gaussian + linear"), or as a call with your own input and parameter names \
      (--model "gaussian(E, A1, m1, s1)"). Their parameters start at a guess from the data.
      """
  )

  @Flag(help: "Print a JSON object instead of the table.")
  var json = false

  struct Entry: Encodable {
    var name: String
    var formula: String
    var parameters: [String]
    var summary: String
  }

  struct Family: Encodable {
    var pattern: String
    var summary: String
  }

  struct Listing: Encodable {
    var models: [Entry]
    var families: [Family]
  }

  func run() throws {
    let listing = Listing(
      models: BuiltinModels.all.map {
        Entry(
          name: $0.name, formula: $0.formula, parameters: $0.parameterNames, summary: $0.summary)
      },
      families: BuiltinModels.families.map { Family(pattern: $0.pattern, summary: $0.summary) })
    do {
      StandardStreams.write(json ? try JSONOutput.encode(listing) : Self.table(listing))
    } catch {
      throw CLIError(error)
    }
  }

  /// Each model as a block: the name and formula, then its parameters and summary,
  /// indented under the formula (formulas are too long for a one-line table).
  static func table(_ listing: Listing) -> String {
    var lines: [String] = []
    let width = max(listing.models.map(\.name.count).max() ?? 0, 10) + 2
    let indent = String(repeating: " ", count: width)
    for m in listing.models {
      lines.append(m.name.padding(width) + m.formula)
      lines.append(indent + "parameters: " + m.parameters.joined(separator: ", "))
      lines.append(indent + m.summary)
    }
    for f in listing.families {
      lines.append(f.pattern.padding(width) + "c0 + c1*x + … + cN*x^N")
      lines.append(indent + "parameters: c0, c1, …, cN")
      lines.append(indent + f.summary)
    }
    return lines.joined(separator: "\n")
  }
}
