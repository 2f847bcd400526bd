import Foundation

/// The entry point shared by the fuzz targets (see docs/fuzzing.md).
///
/// Built with `-sanitize=fuzzer`, the program is linked with libFuzzer, and
/// ``main(_:)`` hands control to it through `LLVMFuzzerRunDriver` (found with
/// `dlsym`, so the same source also builds and runs without the sanitizer): the
/// command line is then libFuzzer's (`-max_total_time=600 CORPUS_DIR`, …).
///
/// Built normally, the program replays inputs: every file named on the command line,
/// and every file in every directory named, goes once through the target, and the
/// program prints how many it ran. A crash or trap on one of them is a regression.
public enum FuzzDriver {
  /// The signature of a fuzz target, libFuzzer's `LLVMFuzzerTestOneInput`.
  public typealias Target = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

  private typealias RunDriver =
    @convention(c) (
      UnsafeMutablePointer<CInt>,
      UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
      Target
    ) -> CInt

  /// Runs libFuzzer on `target` when it is linked in, else replays the arguments.
  public static func main(_ target: Target) -> Never {
    if let symbol = dlsym(nil, "LLVMFuzzerRunDriver") {
      let runDriver = unsafeBitCast(symbol, to: RunDriver.self)
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(runDriver(&argc, &argv, target))
    }
    var count = 0
    for path in CommandLine.arguments.dropFirst() where !path.hasPrefix("-") {
      for file in files(at: path) {
        let data = FileManager.default.contents(atPath: file) ?? Data()
        data.withUnsafeBytes { raw in
          _ = target(raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
        }
        count += 1
      }
    }
    print("replayed \(count) input(s) without a crash")
    exit(0)
  }

  /// The file at `path`, or the regular files in the directory at `path`, sorted.
  private static func files(at path: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return []
    }
    guard isDirectory.boolValue else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.sorted().map { (path as NSString).appendingPathComponent($0) }
  }
}
