import Foundation
import PhysFit

/// The report of a toy study, printed by `physfit toys` (for its shard) and by
/// `physfit merge` (for the whole study). A function of the result file alone, so a
/// merge prints exactly what a single run prints.
struct ToysOutput {
  var shard: ToyShard

  var report: ToyReport { shard.report }

  func print(json: Bool) throws {
    do {
      StandardStreams.write(json ? try JSONOutput.encode(ToysJSON(shard)) : text())
    } catch {
      throw CLIError(error)
    }
  }

  func text() -> String {
    let r = report
    let s = shard.study
    var lines: [String] = []
    lines.append("study        \(s.fingerprint)")
    var what = "\(s.toys) toys, seed \(s.seed)"
    if shard.range != 0..<s.toys {
      what +=
        "; this file: shard \(shard.shard), toys \(shard.first)..<\(shard.end) (combine the shards with physfit merge)"
    }
    lines.append("toys         " + what)
    lines.append(
      "fits         \(r.converged) converged, \(r.notConverged) not converged, \(r.failed) failed")
    lines.append(
      "level        CL \(NumberFormatting.fixed(100 * r.confidenceLevel, decimals: 2)) % "
        + "(k = \(NumberFormatting.compact(r.standardDeviations)))")
    lines.append("")
    lines += table(
      ["parameter", "truth", "pull mean", "pull width", "bias", "mean σ̂", "spread", "coverage"],
      r.parameters.map { p in
        [
          p.name, NumberFormatting.compact(p.truth), Self.pm(p.pull.mean, p.pull.meanError),
          Self.pm(p.pull.width, p.pull.widthError), Self.pm(p.residual.mean, p.residual.meanError),
          NumberFormatting.significant(p.meanReportedError, digits: 3),
          NumberFormatting.significant(p.residual.width, digits: 3),
          Self.pm(p.parabolicCoverage.fraction, p.parabolicCoverage.error),
        ]
      })
    let profiled = r.parameters.filter { $0.profile != nil }
    if !profiled.isEmpty {
      lines.append("")
      lines.append("profile-likelihood intervals")
      lines += table(
        ["parameter", "invalid", "pull mean", "pull width", "coverage"],
        profiled.compactMap { p in
          p.profile.map { m in
            [
              p.name, "\(m.invalid)", Self.pm(m.pull.mean, m.pull.meanError),
              Self.pm(m.pull.width, m.pull.widthError),
              Self.pm(m.coverage.fraction, m.coverage.error),
            ]
          }
        })
    }
    let g = r.goodnessOfFit
    lines.append("")
    lines.append(
      "minimum      observed \(NumberFormatting.significant(g.observed, digits: 6)); toys: mean "
        + "\(NumberFormatting.significant(g.mean, digits: 4)), s.d. "
        + "\(NumberFormatting.significant(g.standardDeviation, digits: 4)), median "
        + "\(NumberFormatting.significant(g.median, digits: 4))")
    lines.append(
      "p-value      \(Self.pm(g.pValue, g.pValueError)) (\(g.atLeastObserved) of \(g.count) toys "
        + "have a minimum ≥ the observed one)")
    for problem in r.problems {
      lines.append(
        "problem      toy \(problem.index): \(problem.status.rawValue): \(problem.reason)")
    }
    return lines.joined(separator: "\n")
  }

  /// "0.04 ± 0.03", both to the error's two significant digits.
  static func pm(_ value: Double, _ error: Double) -> String {
    guard value.isFinite else { return "n/a" }
    guard error > 0, error.isFinite else { return NumberFormatting.significant(value, digits: 4) }
    let place = Int((log10(error)).rounded(.down)) - 1
    let decimals = max(0, -place)
    return NumberFormatting.fixed(value, decimals: decimals) + " ± "
      + NumberFormatting.fixed(error, decimals: decimals)
  }

  private func table(_ header: [String], _ rows: [[String]]) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    return all.map { row in
      var line = row[0].padding(widths[0])
      for c in 1..<row.count { line += "   " + row[c].leftPadding(widths[c]) }
      return line.trimmingTrailingSpaces()
    }
  }
}

/// `physfit toys --json` and `physfit merge --json`: the study, the toys covered, and
/// the report (docs/json-schema.md).
struct ToysJSON: Encodable {
  var study: ToyStudyHeader
  var first: Int
  var end: Int
  var report: ToyReport

  init(_ shard: ToyShard) {
    study = shard.study
    first = shard.first
    end = shard.end
    report = shard.report
  }
}
