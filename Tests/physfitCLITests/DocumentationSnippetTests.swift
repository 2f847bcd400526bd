import Foundation
import PhysFit
import XCTest

/// The documentation cannot drift from the code: every code block in README.md,
/// docs/*.md and the DocC catalog (Sources/PhysFit/PhysFit.docc) is compiled or run.
///
/// **The convention** (docs/README.md repeats it for writers):
///
/// - A ```` ```swift ```` block is preceded (blank lines aside) by
///   `<!-- snippet: PATH -->`, where PATH is a Swift file the package compiles
///   (under `examples/`, `Sources/`, `Tests/` or `benchmarks/`), and the block is an
///   excerpt of that file: its lines appear there contiguously and in order, compared
///   with leading and trailing whitespace removed. A line `// ...` in the block skips
///   any number of lines of the file. In the file, lines from `// snippet.hide` to
///   `// snippet.show` are compiled but never part of an excerpt (the wrapper function
///   a snippet runs in, its return value). Snippets that are not a program of their own
///   live in a file of `Tests/physfitCLITests/Snippets/`, which this test runs.
///   A block that is Swift but not PhysFit code (a `Package.swift` fragment) says why
///   instead: `<!-- unchecked: REASON -->`.
/// - A ```` ```sh ```` (or `bash`, `shell`) block is run: every command in it that
///   calls `physfit` (as `physfit`, `.build/release/physfit` or `.build/debug/physfit`;
///   `\` continues a line, `&&` and `;` separate commands, other commands such as
///   `apt-get` or `swift build` are skipped) runs with the `physfit` built with this
///   test, in a scratch directory where `examples/` is the repository's, and must exit
///   with status 0. Commands of one document run in order in the same directory, so a
///   later one can read what an earlier one saved. So does a line `$ physfit …` in an
///   untagged block (a transcript). `swift run NAME` must name an executable target
///   (the examples have their own tests). `<!-- no-run: REASON -->` before a block
///   skips it.
final class DocumentationSnippetTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A fenced code block of a Markdown file.
  struct Block {
    var file: String
    /// 1-based line of the opening fence.
    var line: Int
    var language: String
    var lines: [String]
    /// The HTML comment right before the fence (blank lines aside), without `<!--`/`-->`.
    var marker: String?

    var location: String { "\(file):\(line)" }

    /// The value of a marker `<!-- key: value -->`.
    func marker(_ key: String) -> String? {
      guard let marker, marker.hasPrefix(key + ":") else { return nil }
      return marker.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
    }
  }

  /// README.md, docs/*.md (recursively) and the DocC catalog's articles, as paths
  /// relative to the repository root.
  static func documents() throws -> [String] {
    var paths = ["README.md"]
    for directory in ["docs", "Sources/PhysFit/PhysFit.docc"] {
      let url = root.appendingPathComponent(directory)
      guard let files = FileManager.default.enumerator(atPath: url.path) else { continue }
      for case let file as String in files where file.hasSuffix(".md") {
        paths.append(directory + "/" + file)
      }
    }
    return paths.sorted()
  }

  static func blocks(in path: String) throws -> [Block] {
    let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    var blocks: [Block] = []
    var open: Block?
    var lastComment: String?
    for (index, raw) in text.components(separatedBy: "\n").enumerated() {
      let trimmed = raw.trimmingCharacters(in: .whitespaces)
      if var block = open {
        if trimmed == "```" {
          blocks.append(block)
          open = nil
        } else {
          block.lines.append(raw)
          open = block
        }
        continue
      }
      if trimmed.hasPrefix("```") {
        let language = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        open = Block(
          file: path, line: index + 1, language: language, lines: [], marker: lastComment)
        lastComment = nil
      } else if trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") {
        lastComment = String(trimmed.dropFirst(4).dropLast(3)).trimmingCharacters(in: .whitespaces)
      } else if !trimmed.isEmpty {
        lastComment = nil
      }
    }
    return blocks
  }

  static func allBlocks() throws -> [Block] {
    try documents().flatMap { try blocks(in: $0) }
  }

  // MARK: Swift snippets

  /// Whether `snippet` is an excerpt of `source` under the convention above; nil if it
  /// is, else the first snippet line that could not be placed.
  static func excerptMismatch(_ snippet: [String], of source: String) -> String? {
    var visible: [String] = []
    var hidden = false
    for line in source.components(separatedBy: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed == "// snippet.hide" {
        hidden = true
      } else if trimmed == "// snippet.show" {
        hidden = false
      } else if !hidden {
        visible.append(trimmed)
      }
    }
    // Segments between `// ...` lines, each without leading and trailing blank lines.
    var segments: [[String]] = [[]]
    for line in snippet.map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if line == "// ..." { segments.append([]) } else { segments[segments.count - 1].append(line) }
    }
    var start = 0
    for var segment in segments {
      while segment.first == "" { segment.removeFirst() }
      while segment.last == "" { segment.removeLast() }
      guard !segment.isEmpty else { continue }
      var found: Int?
      var position = start
      while position + segment.count <= visible.count {
        if Array(visible[position..<(position + segment.count)]) == segment {
          found = position
          break
        }
        position += 1
      }
      guard let found else {
        // Report the longest placeable prefix's next line.
        for length in stride(from: segment.count - 1, through: 0, by: -1) {
          let prefix = Array(segment[0..<length])
          var p = start
          while p + length <= visible.count {
            if Array(visible[p..<(p + length)]) == prefix { return segment[length] }
            p += 1
          }
        }
        return segment[0]
      }
      start = found + segment.count
    }
    return nil
  }

  func testEverySwiftBlockIsAnExcerptOfACompiledFile() throws {
    let compiledDirectories = ["examples/", "Sources/", "Tests/", "benchmarks/"]
    var checked = 0
    for block in try Self.allBlocks() where block.language == "swift" {
      if let reason = block.marker("unchecked") {
        XCTAssertFalse(reason.isEmpty, "\(block.location): `unchecked:` needs a reason")
        continue
      }
      guard let path = block.marker("snippet") else {
        XCTFail(
          "\(block.location): a ```swift block needs <!-- snippet: PATH --> (an excerpt of a "
            + "compiled file) or <!-- unchecked: REASON --> right before it")
        continue
      }
      guard compiledDirectories.contains(where: path.hasPrefix), path.hasSuffix(".swift") else {
        XCTFail("\(block.location): \(path) is not a Swift file of a compiled target")
        continue
      }
      guard
        let source = try? String(
          contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
      else {
        XCTFail("\(block.location): cannot read \(path)")
        continue
      }
      if let line = Self.excerptMismatch(block.lines, of: source) {
        XCTFail("\(block.location): not an excerpt of \(path); this line is not there: \(line)")
      }
      checked += 1
    }
    XCTAssertGreaterThan(checked, 0, "no Swift blocks found: is the repository root right?")
  }

  /// The excerpt check itself: contiguity, elision, hidden lines, indentation.
  func testExcerptRules() {
    let source = """
      import PhysFit
      // snippet.hide
      func wrapper() {
      // snippet.show
        let a = 1
        let b = 2
        let c = 3
      }
      """
    XCTAssertNil(Self.excerptMismatch(["import PhysFit", "let a = 1", "let b = 2"], of: source))
    XCTAssertNil(Self.excerptMismatch(["let a = 1", "// ...", "let c = 3"], of: source))
    XCTAssertEqual(Self.excerptMismatch(["let a = 1", "let c = 3"], of: source), "let c = 3")
    XCTAssertEqual(Self.excerptMismatch(["func wrapper() {"], of: source), "func wrapper() {")
    XCTAssertEqual(Self.excerptMismatch(["let b = 2", "let a = 1"], of: source), "let a = 1")
  }

  /// The snippet files' functions run and give what the documentation says they do.
  func testSnippetFilesRun() throws {
    let previous = FileManager.default.currentDirectoryPath
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(Self.root.path))
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

    // README: scipy's curve_fit gives tau = 12.7741571 ± 0.25550928 (ExampleTests).
    let readme = try ReadmeSnippets.sameFitFromSwift()
    XCTAssertEqual(readme.result["tau"]?.value ?? 0, 12.7741571, accuracy: 1e-5)
    XCTAssertEqual(readme.closure.parameterNames, ["A", "tau", "B"])
    let first = try GettingStartedSnippets.firstFit()
    XCTAssertEqual(first["tau"]?.error ?? 0, 0.25550928, accuracy: 1e-5)

    let moons = try DataTable.read(contentsOf: "examples/data/moons.csv")
    let x = Matrix(columns: [try moons.column("x1"), try moons.column("x2")])
    let labels = try moons.column("label")
    let p = try GettingStartedSnippets.firstTraining(x: x, labels: labels)
    let correct = zip(p, labels).filter { ($0 > 0.5) == ($1 == 1) }.count
    XCTAssertGreaterThan(Double(correct) / Double(labels.count), 0.9)

    let table = try DataTable.read(contentsOf: "examples/data/clusters.csv")
    let points = Matrix(columns: [try table.column("x"), try table.column("y")])
    let clusters = try GettingStartedSnippets.firstClustering(points: points)
    XCTAssertTrue(clusters.converged)
    XCTAssertEqual(clusters.clusterSizes.reduce(0, +), points.rows)
  }

  // MARK: Commands

  /// A command of a shell block or transcript line, with its location.
  struct Command {
    var location: String
    var text: String
  }

  /// The physfit commands (and `swift run` commands) of a document's runnable blocks.
  static func commands(in blocks: [Block]) -> [Command] {
    var commands: [Command] = []
    for block in blocks where block.marker("no-run") == nil {
      let shell = ["sh", "bash", "shell", "console"].contains(block.language)
      guard shell || block.language.isEmpty else { continue }
      // Join `\` continuations; a transcript line starts with "$ ".
      var logical: [String] = []
      var pending = ""
      for raw in block.lines {
        var line = raw.trimmingCharacters(in: .whitespaces)
        if line.hasSuffix("\\") {
          line.removeLast()
          pending += line + " "
          continue
        }
        logical.append(pending + line)
        pending = ""
      }
      if !pending.isEmpty { logical.append(pending) }
      for line in logical {
        var text = line
        if text.hasPrefix("$ ") {
          text.removeFirst(2)
        } else if !shell {
          continue
        }
        if text.hasPrefix("#") { continue }
        let parts = text.components(separatedBy: "&&").flatMap { $0.components(separatedBy: ";") }
        for part in parts.map({ $0.trimmingCharacters(in: .whitespaces) }) {
          let program = part.split(separator: " ").first.map(String.init) ?? ""
          if program.hasSuffix("physfit") || part.hasPrefix("swift run") {
            commands.append(Command(location: block.location, text: part))
          }
        }
      }
    }
    return commands
  }

  /// Executable targets of Package.swift (for `swift run NAME`).
  static func executableTargets() throws -> Set<String> {
    let manifest = try String(
      contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
    var names = Set<String>()
    var rest = manifest[...]
    while let range = rest.range(of: ".executableTarget(") {
      rest = rest[range.upperBound...]
      if let name = rest.range(of: "name: \""),
        let end = rest[name.upperBound...].firstIndex(of: "\"")
      {
        names.insert(String(rest[name.upperBound..<end]))
      }
    }
    return names
  }

  /// Runs `command` with /bin/sh in `directory`; stdout is discarded.
  static func shell(_ command: String, in directory: URL) throws -> (code: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = directory
    let errorFile = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown)
    }
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let error = try FileHandle(forWritingTo: errorFile)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = error
    try process.run()
    process.waitUntilExit()
    try error.close()
    let text = String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
    return (process.terminationStatus, text)
  }

  func testEveryDocumentedCommandRuns() throws {
    let binary = try PhysFitRunner.binary().path
    let targets = try Self.executableTargets()
    var ran = 0
    for document in try Self.documents() {
      let commands = Self.commands(in: try Self.blocks(in: document))
      guard !commands.isEmpty else { continue }
      let scratch = try Scratch()
      try FileManager.default.createSymbolicLink(
        at: scratch.url.appendingPathComponent("examples"),
        withDestinationURL: Self.root.appendingPathComponent("examples"))
      for command in commands {
        if command.text.hasPrefix("swift run") {
          let words = command.text.split(separator: " ").dropFirst(2)
          let name = words.first { !$0.hasPrefix("-") && $0 != "release" && $0 != "debug" }
          XCTAssertTrue(
            name.map { targets.contains(String($0)) } ?? false,
            "\(command.location): `\(command.text)` names no executable target")
          continue
        }
        let program = command.text.prefix { $0 != " " }
        let line = "'\(binary)'" + command.text.dropFirst(program.count)
        let status = try Self.shell(line, in: scratch.url)
        XCTAssertEqual(
          status.code, 0,
          "\(command.location): `\(command.text)` exited with \(status.code):\n\(status.stderr)")
        ran += 1
      }
    }
    XCTAssertGreaterThan(ran, 0, "no physfit commands found in the documentation")
  }
}
