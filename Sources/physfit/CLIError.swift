import ArgumentParser
import PhysFit

/// An error the program reports as one line, `error: <message>`, with its exit code.
///
/// Exit codes follow BSD `sysexits.h`, so scripts can tell a bad command line from a
/// bad input file from a bug:
/// - 64 (`EX_USAGE`) a malformed command line — ArgumentParser's own parse and
///   validation errors use 64 too;
/// - 65 (`EX_DATAERR`) input that cannot be fitted: the data file, a column, the
///   formula, a parameter name, σ ≤ 0, too few points;
/// - 70 (`EX_SOFTWARE`) anything else: a bug;
/// - 73 (`EX_CANTCREAT`) an output file (figure, report, network, trace) that cannot be
///   written; nothing half-written is left behind (see ``AtomicFile``).
///
/// A fit that runs but does not converge is not an error: ``FitCommand`` prints its
/// report and exits with ``PhysFitExit/notConverged`` (2).
struct CLIError: Error, CustomStringConvertible {
  enum Kind {
    case usage
    case input
    case output
    case `internal`
  }

  var kind: Kind
  var message: String

  static func usage(_ message: String) -> CLIError { CLIError(kind: .usage, message: message) }
  static func input(_ message: String) -> CLIError { CLIError(kind: .input, message: message) }
  static func output(_ message: String) -> CLIError { CLIError(kind: .output, message: message) }
  static func `internal`(_ message: String) -> CLIError {
    CLIError(kind: .internal, message: message)
  }

  var exitCode: ExitCode {
    switch kind {
    case .usage: PhysFitExit.usage
    case .input: PhysFitExit.inputError
    case .output: PhysFitExit.cannotWrite
    case .internal: PhysFitExit.internalError
    }
  }

  var description: String { message }
}

extension CLIError {
  /// Classifies any error thrown while a command runs. Library errors about the user's
  /// input (data, formula, fit set-up) are input errors; unknown errors are internal.
  init(_ error: any Error) {
    switch error {
    case let error as CLIError: self = error
    case let error as DataError: self = .input(error.description)
    case let error as FormulaError: self = .input("--model: " + error.description)
    case let error as FitError: self = .input(error.description)
    case let error as ObjectiveError: self = .input(error.description)
    case let error as FileWriteError: self = .output(error.description)
    default: self = .internal("internal error: \(error)")
    }
  }
}

/// The exit codes of `physfit` (documented in `physfit --help` and docs/cli.md).
enum PhysFitExit {
  /// The fit converged (or the command succeeded).
  static let success = ExitCode.success
  /// The fit ran but did not converge; the report is printed with the reason.
  static let notConverged = ExitCode(2)
  /// Malformed command line (sysexits EX_USAGE).
  static let usage = ExitCode.validationFailure
  /// Input that cannot be used: data file, column, formula, parameter (EX_DATAERR).
  static let inputError = ExitCode(65)
  /// An output file that cannot be written (EX_CANTCREAT).
  static let cannotWrite = ExitCode(73)
  /// A bug (EX_SOFTWARE).
  static let internalError = ExitCode(70)
  /// Stopped by SIGINT with `--checkpoint`: the state was saved for a resume (128 + 2,
  /// the shell's code for a process ended by SIGINT).
  static let interrupted = ExitCode(130)
}
