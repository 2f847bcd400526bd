import ArgumentParser
import Foundation
import PhysFit

/// `--trace FILE.csv|.json`: every iteration of every run, as the common observer
/// reported it. CSV: one row per iteration, columns
/// `problem,optimizer,start,iteration,values,gradients,jacobians,evaluations,value,best,gradient_norm,elapsed`
/// (numbers in full precision; nan and inf spelled so). JSON: `{"schemaVersion": 1,
/// "runs": [{problem, optimizer, start, status, trace: [{iteration, evaluations,
/// evaluationCounts, value, best, gradientNorm, elapsed}]}]}` with null for non-finite
/// numbers. `elapsed` (seconds since the run started) is the only field that changes
/// between identical runs.
enum CompareTrace {
  enum Format {
    case csv
    case json
  }

  /// The format from the file name's extension; a usage error (checked in
  /// `validate()`) otherwise.
  static func format(of path: String) throws -> Format {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "csv": return .csv
    case "json": return .json
    default:
      throw ValidationError("--trace '\(path)': the file name must end in .csv or .json")
    }
  }

  static func text(_ comparisons: [Comparison], format: Format) throws -> String {
    switch format {
    case .csv: return csv(comparisons)
    case .json: return try JSONOutput.encode(Document(comparisons))
    }
  }

  static func csv(_ comparisons: [Comparison]) -> String {
    var lines = [
      "problem,optimizer,start,iteration,values,gradients,jacobians,evaluations,value,best,"
        + "gradient_norm,elapsed"
    ]
    for c in comparisons {
      for run in c.runs {
        for r in run.trace {
          let e = r.evaluations
          lines.append(
            [
              CSVField.quoted(c.problem), CSVField.quoted(run.optimizer), "\(run.start)",
              "\(r.iteration)",
              "\(e.values)", "\(e.gradients)", "\(e.jacobians)", "\(e.calls)",
              NumberFormatting.text(r.value), NumberFormatting.text(r.bestValue),
              NumberFormatting.text(r.gradientNorm), NumberFormatting.text(r.elapsed),
            ].joined(separator: ","))
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  struct Document: Encodable {
    var schemaVersion = 1
    var runs: [Run]

    init(_ comparisons: [Comparison]) {
      runs = comparisons.flatMap { c in
        c.runs.map { Run(problem: c.problem, run: $0) }
      }
    }
  }

  struct Run: Encodable {
    var problem: String
    var optimizer: String
    var start: Int
    var status: String
    var trace: [Point]

    init(problem: String, run: RunRecord) {
      self.problem = problem
      optimizer = run.optimizer
      start = run.start
      status = run.status.rawValue
      trace = run.trace.map(Point.init)
    }
  }

  struct Point: Encodable {
    var iteration: Int
    var evaluations: Int
    var evaluationCounts: JSONReport.Evaluations
    var value: JSONNumber
    var best: JSONNumber
    var gradientNorm: JSONNumber
    var elapsed: Double

    init(_ r: IterationRecord) {
      iteration = r.iteration
      evaluations = r.evaluations.calls
      evaluationCounts = JSONReport.Evaluations(
        values: r.evaluations.values, gradients: r.evaluations.gradients,
        jacobians: r.evaluations.jacobians)
      value = JSONNumber(r.value)
      best = JSONNumber(r.bestValue)
      gradientNorm = JSONNumber(r.gradientNorm)
      elapsed = r.elapsed
    }
  }
}
