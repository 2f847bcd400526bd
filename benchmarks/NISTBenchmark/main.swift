// NISTBenchmark: in-process time per fit of every NIST StRD problem in a directory.
//
//     NISTBenchmark <directory of .dat files> [--min-repetitions N] [--min-seconds S]
//                   [--optimizer default|first-verified|lm]
//
// Each problem is fitted from both certified starts exactly as `NISTCertifiedTests` does:
// `ExpressionModel` + `Fit(model:inputs:y:)` (no σ) + start values by name +
// `try fit.minimize()` with default settings. The model is compiled once per problem,
// outside the timed region (its compile time is reported separately as `compileSeconds`);
// the input matrix and the response are prepared once as well. What is timed per
// repetition is `Fit` creation, setting the start values and `minimize()`.
//
// Repetitions continue until both at least `--min-repetitions` (default 20) have run and
// at least `--min-seconds` (default 0.2 s) have passed, after one untimed warm-up; the
// median is reported, because it is insensitive to the odd slow run caused by other
// processes on the machine.
//
// `--optimizer` is for profiling only: `default` (what the NIST test and users get) is
// `minimize()`; `first-verified` stops `LeastSquares`' portfolio at the first verified run;
// `lm` runs Levenberg–Marquardt alone (still polished and verified).
//
// Output: one JSON object per line and case,
// {"problem", "start", "seconds", "converged", "minValueLRE", "compileSeconds",
//  "repetitions", "evaluations", "jacobians", "optimizer"}.

import Foundation
import NISTStRD
import PhysFit

/// The command-line settings.
struct Settings {
  var directory: URL
  var minimumRepetitions = 20
  var minimumSeconds = 0.2
  var optimizer = OptimizerChoice.standard
}

/// The least-squares optimizer the fits use.
enum OptimizerChoice: String {
  case standard = "default"
  case firstVerified = "first-verified"
  case levenbergMarquardt = "lm"

  var optimizer: LeastSquares {
    switch self {
    case .standard: LeastSquares()
    case .firstVerified: LeastSquares(.init(stopAtFirstVerified: true))
    case .levenbergMarquardt: LeastSquares(.init(portfolio: [.init(method: .levenbergMarquardt)]))
    }
  }
}

/// A bad command line or unreadable input, reported on stderr.
struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
}

func parseArguments(_ arguments: [String]) throws -> Settings {
  var directory: String?
  var settings = Settings(directory: URL(fileURLWithPath: "."))
  var rest = arguments[...]
  while let argument = rest.popFirst() {
    switch argument {
    case "--min-repetitions":
      guard let text = rest.popFirst(), let n = Int(text), n >= 1 else {
        throw BenchmarkError(description: "--min-repetitions needs a positive integer")
      }
      settings.minimumRepetitions = n
    case "--min-seconds":
      guard let text = rest.popFirst(), let s = Double(text), s >= 0 else {
        throw BenchmarkError(description: "--min-seconds needs a non-negative number")
      }
      settings.minimumSeconds = s
    case "--optimizer":
      guard let text = rest.popFirst(), let choice = OptimizerChoice(rawValue: text) else {
        throw BenchmarkError(description: "--optimizer needs default, first-verified or lm")
      }
      settings.optimizer = choice
    default:
      guard directory == nil, !argument.hasPrefix("-") else {
        throw BenchmarkError(description: "unexpected argument '\(argument)'")
      }
      directory = argument
    }
  }
  guard let directory else {
    throw BenchmarkError(
      description: "usage: NISTBenchmark <directory of NIST .dat files> "
        + "[--min-repetitions N] [--min-seconds S] [--optimizer default|first-verified|lm]")
  }
  settings.directory = URL(fileURLWithPath: directory, isDirectory: true)
  return settings
}

/// Seconds elapsed while running `body`, on the monotonic clock.
func seconds(_ body: () throws -> Void) rethrows -> Double {
  let clock = ContinuousClock()
  let elapsed = try clock.measure(body)
  let parts = elapsed.components
  return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

/// The median of a non-empty sample.
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  let mid = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid])
}

/// Times `body` until both limits of `settings` are reached, after one warm-up run.
func medianTime(_ settings: Settings, _ body: () throws -> Void) rethrows -> (Double, Int) {
  try body()
  var samples: [Double] = []
  var total = 0.0
  while samples.count < settings.minimumRepetitions || total < settings.minimumSeconds {
    let t = try seconds(body)
    samples.append(t)
    total += t
  }
  return (median(samples), samples.count)
}

/// A JSON number: finite doubles in Swift's shortest round-trip form, otherwise null.
func json(_ value: Double?) -> String {
  guard let value, value.isFinite else { return "null" }
  return "\(value)"
}

/// Benchmarks one problem from both starts and prints one JSON line per start.
func benchmark(_ problem: NISTProblem, _ settings: Settings) throws {
  guard let spec = NISTModel.all[problem.name] else {
    throw BenchmarkError(description: "\(problem.name): no entry in NISTModel.all")
  }
  var model: ExpressionModel?
  let (compileSeconds, _) = try medianTime(settings) {
    model = try ExpressionModel(spec.formula, inputs: spec.inputs)
  }
  guard let model else { return }
  let inputs = Matrix(columns: problem.x)
  let y = spec.fitsLogResponse ? problem.y.map { log($0) } : problem.y

  let optimizer = settings.optimizer.optimizer
  for start in 1...2 {
    var result: FitResult?
    let (time, repetitions) = try medianTime(settings) {
      var fit = try Fit(model: model, inputs: inputs, y: y)
      for p in problem.parameters {
        fit.parameters[p.name]?.value = start == 1 ? p.start1 : p.start2
      }
      switch settings.optimizer {
      case .standard: result = try fit.minimize()
      default: result = try fit.minimize(using: optimizer)
      }
    }
    guard let result else { return }
    let lres = problem.parameters.map { p in
      logRelativeError(result[p.name]?.value ?? .nan, p.value)
    }
    let fields = [
      "\"problem\":\"\(problem.name)\"",
      "\"start\":\(start)",
      "\"seconds\":\(json(time))",
      "\"converged\":\(result.converged)",
      "\"minValueLRE\":\(json(lres.min()))",
      "\"compileSeconds\":\(json(compileSeconds))",
      "\"repetitions\":\(repetitions)",
      "\"evaluations\":\(result.evaluations.values)",
      "\"jacobians\":\(result.evaluations.jacobians)",
      "\"optimizer\":\"\(settings.optimizer.rawValue)\"",
    ]
    print("{" + fields.joined(separator: ",") + "}")
  }
}

func run() -> Int32 {
  do {
    let settings = try parseArguments(Array(CommandLine.arguments.dropFirst()))
    let files: [URL]
    do {
      files = try FileManager.default.contentsOfDirectory(
        at: settings.directory, includingPropertiesForKeys: nil
      )
      .filter { $0.pathExtension == "dat" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
    } catch {
      throw BenchmarkError(description: "cannot list \(settings.directory.path): \(error)")
    }
    guard !files.isEmpty else {
      throw BenchmarkError(description: "no .dat files in \(settings.directory.path)")
    }
    for file in files {
      try benchmark(try NISTProblem(contentsOf: file), settings)
    }
    return 0
  } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    return 1
  }
}

exit(run())
