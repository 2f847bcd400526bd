import Dispatch
import Foundation
import Synchronization

/// SIGINT (Ctrl-C) as a request to stop, for the commands that checkpoint (`train`,
/// `toys` with `--checkpoint`).
///
/// ``install()`` ignores the signal's default action (which would kill the process and
/// lose the work) and watches it with a dispatch source on a background queue — not in
/// a signal handler, so setting the flag may use any code. The long-running loop polls
/// ``isRequested`` between epochs (toys); when set it saves its state and the command
/// exits with ``PhysFitExit/interrupted`` (130, the shell's code for SIGINT). A second
/// SIGINT exits at once with 130, without saving.
///
/// Without `--checkpoint` nothing is installed: SIGINT kills the process as usual.
final class Interruption: @unchecked Sendable {
  private let flag = Atomic<Bool>(false)
  /// Kept alive for as long as the handler is installed.
  private var source: DispatchSourceSignal?

  /// Whether SIGINT has arrived since ``install()``.
  var isRequested: Bool { flag.load(ordering: .acquiring) }

  /// Starts watching SIGINT.
  func install() {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [self] in
      if flag.exchange(true, ordering: .acquiringAndReleasing) {
        FileHandle.standardError.write(
          Data("physfit: interrupted again; exiting without saving\n".utf8))
        _exit(PhysFitExit.interrupted.rawValue)
      }
    }
    source.resume()
    self.source = source
  }
}
