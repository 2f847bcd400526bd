import Foundation
import XCTest

/// Runs the built `physfit` executable (or another product, such as an example) as a
/// subprocess.
///
/// The binary sits in the build products directory next to the test bundle, for debug
/// and release builds and custom `--scratch-path`s alike. `PHYSFIT_BINARY` overrides
/// the search.
enum PhysFitRunner {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// A failure to run or read the program (binary missing, output not JSON).
  struct RunFailure: Error, CustomStringConvertible {
    var description: String
  }

  static func binary(named name: String = "physfit") throws -> URL {
    var candidates: [URL] = []
    if name == "physfit", let path = ProcessInfo.processInfo.environment["PHYSFIT_BINARY"] {
      candidates.append(URL(fileURLWithPath: path))
    }
    // Linux: Bundle.main is the xctest executable in the products directory.
    // macOS: the .xctest bundle is in the products directory.
    let bundles = [Bundle.main.bundleURL] + Bundle.allBundles.map(\.bundleURL)
    for url in bundles {
      for directory in [url, url.deletingLastPathComponent()] {
        candidates.append(directory.appendingPathComponent(name))
      }
    }
    for url in candidates {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: url.path)
      {
        return url
      }
    }
    throw RunFailure(
      description: "\(name) binary not found next to the test bundle (looked in: "
        + candidates.map(\.path).joined(separator: ", ") + "); build it or set PHYSFIT_BINARY")
  }

  /// Runs `program arguments` in `directory` and collects both streams; `whileRunning`
  /// (if given) is called with the started process before waiting for it to end.
  static func run(
    _ arguments: [String], in directory: URL? = nil, program: String = "physfit",
    whileRunning: ((Process) -> Void)? = nil
  ) throws -> Output {
    let process = Process()
    process.executableURL = try binary(named: program)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    // Files rather than pipes: the child can never block on a full pipe.
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("physfit-run-\(UUID().uuidString)")
    let outURL = base.appendingPathExtension("out")
    let errURL = base.appendingPathExtension("err")
    for url in [outURL, errURL] {
      guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown)
      }
    }
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    whileRunning?(process)
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Output(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}

/// A fresh temporary directory with helpers to write data files into it.
final class Scratch {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("physfit-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `name` and returns the path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file.path
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

extension PhysFitRunner.Output {
  /// The stdout parsed as one JSON object.
  func json() throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    guard let dictionary = object as? [String: Any] else {
      throw PhysFitRunner.RunFailure(description: "stdout is not a JSON object: \(stdout)")
    }
    return dictionary
  }
}
