// Fuzz target for the data-file reader (CSV, whitespace and NIST StRD layouts, the
// streaming file reader and the in-memory parser). See docs/fuzzing.md: built with
// -sanitize=fuzzer it runs libFuzzer; built normally it replays the files and
// directories given as arguments.
import Foundation
import FuzzSupport

/// A private directory for the input files (in /dev/shm when there is one: the files
/// are written thousands of times a second), removed at exit.
enum Scratch {
  static let path: String = {
    var base = NSTemporaryDirectory()
    if FileManager.default.isWritableFile(atPath: "/dev/shm") { base = "/dev/shm/" }
    let path = base + "physfit-fuzz-data-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: Scratch.path) }
    return path
  }()
}

/// One input: the bytes of a data file, see ``DataFuzzing/exercise(_:directory:)``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
  _ = DataFuzzing.exercise(bytes, directory: Scratch.path)
  return 0
}

FuzzDriver.main { fuzzDataReader($0, $1) }
