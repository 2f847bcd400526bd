import Foundation
import PhysFit

/// The terminal report of `physfit compare`: a header, then one row per optimizer
/// (success rate, median final value, median gap, evaluations, time, status counts);
/// for a suite, the success rates per problem and the performance profile.
enum CompareReport {
  /// The τ at which tables and JSON give the profile ρ_s(τ) (∞ last: the fraction of
  /// problems solved at all).
  static let profileTaus: [Double] = [1, 2, 4, 8, 16, 32, .infinity]

  /// The header lines of the settings shared by every report.
  static func settingsLines(
    _ settings: ComparisonSettings, optimizers: Int, limits: String?
  ) -> [String] {
    let budget =
      settings.budget.map { "budget \($0) evaluations per run" }
      ?? "no budget (each optimizer's own stopping rule)"
    var lines = [
      "runs         \(settings.starts) start\(settings.starts == 1 ? "" : "s") (seed \(settings.seed)) "
        + "× \(optimizers) optimizer\(optimizers == 1 ? "" : "s"); \(budget)",
      "success      f − f* ≤ \(NumberFormatting.compact(settings.successTolerance))·max(|f*|, 1)",
    ]
    if let limits { lines.append("limits       \(limits)") }
    return lines
  }

  /// The report of one comparison; `describe` lines go first (the problem or fit).
  static func render(
    _ c: Comparison, describe: [String], limits: String?
  ) -> String {
    var lines = describe
    let reference =
      c.knownMinimum != nil
      ? "known minimum f* = \(number(c.reference))"
      : "f* = best value of any run = \(number(c.reference))"
    lines.append("reference    \(reference)")
    lines += settingsLines(c.settings, optimizers: c.optimizers.count, limits: limits)
    lines.append("")
    lines += table(c)
    if let best = c.bestRun {
      lines.append("")
      var text =
        "best         \(best.optimizer) from start \(best.start): f = \(number(best.value))"
      if best.point.count <= 6 {
        let values = zip(c.coordinateNames, best.point).map { "\($0) = \(number($1))" }
        text += " at " + values.joined(separator: ", ")
      }
      lines.append(text)
    }
    return lines.joined(separator: "\n")
  }

  /// The optimizer rows.
  static func table(_ c: Comparison) -> [String] {
    let header = [
      "optimizer", "success", "median f", "median gap", "evaluations", "time", "status",
    ]
    var rows: [[String]] = []
    var notes: [String] = []
    for s in c.summaries {
      guard s.isApplicable else {
        rows.append([s.optimizer, "n/a", "", "", "", "", "not applicable"])
        notes.append(s.optimizer)
        continue
      }
      let evaluations =
        "\(count(s.evaluations.median)) [\(count(s.evaluations.lower))–\(count(s.evaluations.upper))]"
      rows.append([
        s.optimizer, "\(s.successes)/\(s.runs)", number(s.value.median), number(s.gap.median),
        evaluations, seconds(s.time.median), statusText(s.statusCounts),
      ])
    }
    var lines = columns([header] + rows)
    if !notes.isEmpty {
      lines.append("")
      lines.append(
        "not applicable: \(notes.joined(separator: ", ")) need\(notes.count == 1 ? "s" : "") "
          + "a least-squares problem (residuals and their Jacobian)")
    }
    return lines
  }

  /// The report of a suite: success per problem, then the profile.
  static func render(_ r: SuiteResult, settings: ComparisonSettings, limits: String?) -> String {
    var lines = [
      "suite        \(r.suite): " + r.comparisons.map(\.problem).joined(separator: ", ")
    ]
    let optimizers = r.comparisons.first?.optimizers ?? []
    lines += settingsLines(settings, optimizers: optimizers.count, limits: limits)
    lines.append("")
    lines.append("success rate per problem (successful starts / starts)")
    var rows = [["optimizer"] + r.comparisons.map(\.problem)]
    for (k, name) in optimizers.enumerated() {
      rows.append(
        [name]
          + r.comparisons.map { c in
            let s = c.summaries[k]
            return s.isApplicable ? "\(s.successes)/\(s.runs)" : "n/a"
          })
    }
    lines += columns(rows)
    lines.append("")
    lines.append(
      "performance profile ρ(τ): share of problems solved within τ × the best cost; cost = "
        + "median evaluations to success (∞ when fewer than half of the starts succeed)")
    var profileRows = [["optimizer"] + profileTaus.map { $0.isFinite ? "τ=\(Int($0))" : "solved" }]
    for (s, name) in r.profile.solvers.enumerated() {
      profileRows.append(
        [name]
          + profileTaus.map { String(format: "%.2f", r.profile.fraction(solver: s, within: $0)) })
    }
    lines += columns(profileRows)
    return lines.joined(separator: "\n")
  }

  /// "converged 18, budget exhausted 2", in the order of ``RunStatus``.
  static func statusText(_ counts: [RunStatus: Int]) -> String {
    RunStatus.allCases.compactMap { status in
      counts[status].map { "\(status.rawValue) \($0)" }
    }.joined(separator: ", ")
  }

  static func number(_ x: Double) -> String {
    NumberFormatting.significant(x, digits: 4)
  }

  /// An evaluation count (a quartile may fall between two whole counts).
  static func count(_ x: Double) -> String {
    guard x.isFinite else { return NumberFormatting.text(x) }
    return x == x.rounded() ? String(Int64(x)) : String(format: "%.1f", x)
  }

  /// Seconds as "0.42 ms", "12.3 ms", "1.25 s".
  static func seconds(_ t: Double) -> String {
    guard t.isFinite else { return NumberFormatting.text(t) }
    if t < 1 { return NumberFormatting.significant(t * 1000, digits: 3) + " ms" }
    return NumberFormatting.significant(t, digits: 3) + " s"
  }

  /// Left-aligned columns separated by two spaces.
  static func columns(_ rows: [[String]]) -> [String] {
    let count = rows.map(\.count).max() ?? 0
    let widths = (0..<count).map { j in rows.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { j, cell in
        j == row.count - 1 ? cell : cell.padding(widths[j] + 2)
      }.joined()
    }
  }
}
