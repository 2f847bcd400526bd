import ArgumentParser
import Foundation

@main
struct PhysFitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "physfit",
    abstract: "Fit models to data: χ² and likelihood fits, networks, optimizer comparisons.",
    discussion: """
      EXIT STATUS
        0   success (for fit: the fit converged)
        2   the fit did not converge (the report is printed, with the reason)
        64  usage error: a malformed command line or option value
        65  input error: data file, column, formula, parameter, σ ≤ 0, too few points
        70  internal error
        73  an output file cannot be written (nothing half-written is left)
        130 interrupted by SIGINT (train, toys with --checkpoint): the state was saved;
            rerun the same command to resume

      Errors are one line on standard error, `error: <message>` (a formula error adds
      the formula and a caret under the problem); nothing is written to standard
      output when a command fails.
      """,
    subcommands: [
      FitCommand.self, TrainCommand.self, PredictCommand.self, ClusterCommand.self,
      ModelsCommand.self, OptimizersCommand.self, CompareCommand.self,
      ProfileCommand.self, ContourCommand.self, ToysCommand.self, MergeCommand.self,
    ]
  )

  /// Runs the command line with PhysFit's error convention: every failure is
  /// `error: <message>` on standard error and an exit code from ``PhysFitExit``.
  /// (ArgumentParser's own `main()` would add usage text after validation errors.)
  /// Commands convert everything their `run()` throws into a ``CLIError``.
  static func main() {
    let code: ExitCode
    do {
      var command = try parseAsRoot()
      try command.run()
      code = .success
    } catch let error as CLIError {
      StandardStreams.writeError(error.message)
      code = error.exitCode
    } catch let error as ExitCode {
      code = error
    } catch {
      code = exitCode(for: error)
      if code == .success {
        StandardStreams.write(fullMessage(for: error))
      } else {
        StandardStreams.writeError(oneLine(message(for: error)))
      }
    }
    StandardStreams.terminate(code.rawValue)
  }

  /// ArgumentParser lists the valid values of an option on separate `  - value` lines;
  /// PhysFit's errors are one line, so they become a comma-separated list.
  static func oneLine(_ message: String) -> String {
    let lines = message.split(separator: "\n").map { String($0).trimmingWhitespace() }
    guard let first = lines.first, lines.count > 1 else { return message }
    let rest = lines.dropFirst().map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
    return first + " " + rest.joined(separator: ", ")
  }
}
