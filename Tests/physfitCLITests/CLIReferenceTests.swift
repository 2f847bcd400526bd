import Foundation
import XCTest

/// docs/cli.md is the command-line reference: it must name every subcommand that
/// `physfit --help` lists and, in that subcommand's section, every option its
/// `--help` lists. The program's own help is the reference here, so a new option
/// without documentation fails this test.
final class CLIReferenceTests: XCTestCase {
  static let reference = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/cli.md")

  /// The subcommand names in the SUBCOMMANDS block of the root help.
  static func subcommands(inHelp help: String) -> [String] {
    var names: [String] = []
    var inBlock = false
    for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("SUBCOMMANDS:") {
        inBlock = true
        continue
      }
      guard inBlock else { continue }
      // The list ends at its first blank line ("  See 'physfit help …'" follows).
      if line.trimmingCharacters(in: .whitespaces).isEmpty {
        if names.isEmpty { continue }
        break
      }
      if !line.hasPrefix(" ") { break }
      // A name line is indented by two spaces; continuation lines by many more.
      guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
      if let name = line.split(separator: " ").first, name != "help" {
        names.append(String(name))
      }
    }
    return names
  }

  /// The long options (`--name`) of the OPTIONS blocks of a subcommand's help, except
  /// the generated --help and --version.
  static func options(inHelp help: String) -> Set<String> {
    var options: Set<String> = []
    var inOptions = false
    for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
      // Option groups are headed by an upper-case title: "OPTIONS:", "DATA:", ….
      if line.hasSuffix(":"), !line.hasPrefix("USAGE"),
        line.dropLast().allSatisfy({ $0.isUppercase || $0 == " " || $0 == "-" })
      {
        inOptions = true
        continue
      }
      if !line.isEmpty, !line.hasPrefix(" ") { inOptions = false }
      // Only the option column, indented by two: "  -s, --seed <seed>   Description …"
      // (description lines are indented further and may mention other options).
      guard inOptions, line.hasPrefix("  -") else { continue }
      let trimmed = line.drop { $0 == " " }
      for word in trimmed.split(separator: " ") {
        let word = word.trimmingCharacters(in: CharacterSet(charactersIn: ",[]"))
        guard word.hasPrefix("--") else {
          if word.hasPrefix("-") { continue }
          break
        }
        // "--minos[=<minos>]" names --minos.
        let name = "--" + word.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        if name != "--help", name != "--version" { options.insert(name) }
      }
    }
    return options
  }

  /// The text of the section `## \`physfit NAME\`` up to the next level-2 heading.
  static func section(_ name: String, of document: String) -> String? {
    let heading = "## `physfit \(name)`"
    guard let start = document.range(of: heading + "\n") else { return nil }
    let rest = document[start.upperBound...]
    let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  /// Whether `text` names `option` as a whole word (`--x` is not found in `--xlabel`).
  static func mentions(_ option: String, in text: String) -> Bool {
    var rest = text[...]
    while let range = rest.range(of: option) {
      let next = rest[range.upperBound...].first
      if !(next.map { $0.isLetter || $0.isNumber || $0 == "-" } ?? false) { return true }
      rest = rest[range.upperBound...]
    }
    return false
  }

  func testTheParsersFindOptionsAndSubcommands() {
    let help = """
      USAGE: physfit <subcommand>

      OPTIONS:
        -h, --help              Show help information.

      SUBCOMMANDS:
        fit                     Fit a model to columns of a data file: χ²,
                                likelihoods or cross-entropy.
        train                   Train a network.

        See 'physfit help <subcommand>' for detailed help.
      """
    XCTAssertEqual(Self.subcommands(inHelp: help), ["fit", "train"])
    let fitHelp = """
      DATA OPTIONS:
        --x <x>                 Input column(s).
        -s, --seed <seed>       The seed; --not-an-option in a description.
        --minos[=<minos>]       Profile intervals.
                                Continued; --also-not-an-option here.
      OPTIONS:
        -h, --help              Show help information.
      """
    XCTAssertEqual(Self.options(inHelp: fitHelp), ["--x", "--seed", "--minos"])
    XCTAssertTrue(Self.mentions("--x", in: "use `--x` here"))
    XCTAssertFalse(Self.mentions("--x", in: "only --xlabel and --x-axis"))
  }

  func testEverySubcommandAndOptionOfTheHelpIsInTheReference() throws {
    let document = try String(contentsOf: Self.reference, encoding: .utf8)
    let root = try PhysFitRunner.run(["--help"])
    XCTAssertEqual(root.status, 0, root.stderr)
    let commands = Self.subcommands(inHelp: root.stdout)
    XCTAssertGreaterThanOrEqual(commands.count, 11, root.stdout)
    for command in commands {
      guard let section = Self.section(command, of: document) else {
        XCTFail("docs/cli.md has no section ## `physfit \(command)`")
        continue
      }
      let help = try PhysFitRunner.run([command, "--help"])
      XCTAssertEqual(help.status, 0, help.stderr)
      // A section whose usage says "[fit options]" takes those from the fit section.
      var text = section
      if section.contains("[fit options]"), let fit = Self.section("fit", of: document) {
        text += fit
      }
      for option in Self.options(inHelp: help.stdout).sorted() {
        XCTAssertTrue(
          Self.mentions(option, in: text),
          "docs/cli.md, section physfit \(command), does not document \(option)")
      }
    }
  }
}
