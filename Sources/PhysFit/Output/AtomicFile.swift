import Foundation

/// A file that cannot be written; the message names the file and the system's reason:
/// `cannot write 'fit.svg': No such file or directory`.
public struct FileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
  public var description: String

  /// An error with a one-line message.
  public init(_ description: String) {
    self.description = description
  }
}

/// Writes files so that they either appear complete or not at all.
///
/// The bytes go to a temporary file in the destination's directory (the same file
/// system), are flushed to disk, and the temporary file is then renamed over the
/// destination: `rename(2)` is atomic, so a reader — or a run that was interrupted —
/// never sees half a figure, report, network or shard. On any failure the temporary
/// file is removed and the destination is untouched. Every output file of PhysFit
/// (figures, reports, saved networks, traces, result files) is written this way.
public enum AtomicFile {
  /// Writes `data` to `path` atomically.
  public static func write(_ data: Data, to path: String) throws(FileWriteError) {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).\(UUID().uuidString).tmp"
    ).path
    func failure() -> FileWriteError {
      FileWriteError("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    guard let file = fopen(temporary, "wx") else { throw failure() }
    let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, data.count, file) }
    let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
    let closed = fclose(file) == 0
    guard written == data.count, flushed, closed, rename(temporary, path) == 0 else {
      let error = failure()
      unlink(temporary)
      throw error
    }
  }

  /// Writes `text` as UTF-8 to `path` atomically.
  public static func write(_ text: String, to path: String) throws(FileWriteError) {
    try write(Data(text.utf8), to: path)
  }
}
