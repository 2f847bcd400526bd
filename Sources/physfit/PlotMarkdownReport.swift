import Foundation
import PhysFit
import PhysFitPlot

/// The `--report FILE.md` of a fit: what was fitted, the parameter table with values
/// and errors rounded by the PDG rule (the terminal report's rounding), goodness of fit
/// and status, and the figures of `--plot`/`--plot-correlation` linked by their path
/// relative to the report.
struct MarkdownReport {
  var summary: FitSummary
  var reportPath: String
  var figurePath: String?
  var correlationPath: String?

  func render() -> String {
    let r = summary.result
    let data = summary.data
    var lines = ["# Fit of `\(code(summary.model))`", ""]
    var columns = "x = \(data.xColumnNames.joined(separator: ", "))"
    if let y = data.yName { columns += ", y = \(y)" }
    if let sigma = data.sigmaName { columns += ", σ = \(sigma)" }
    lines.append("Data: `\(code(data.source))`, \(data.count) points (\(cell(columns))).")
    lines.append("")
    lines.append("| parameter | value | error | notes |")
    lines.append("|---|---:|---:|---|")
    let formatter = ReportFormatter(summary: summary)
    for p in r.parameters {
      let q = NumberFormatting.quote(p.value, error: p.error)
      let error = p.isFixed ? "fixed" : (q.error.isEmpty ? (p.error.isNaN ? "nan" : "") : q.error)
      lines.append(
        "| \(cell(p.name)) | \(q.value) | \(error) | \(cell(formatter.notes(p))) |")
    }
    lines.append("")
    lines.append(
      "Values and errors are rounded together by the Particle Data Group's rule; "
        + "`--json` gives full precision.")
    lines.append("")
    lines.append("| goodness of fit | |")
    lines.append("|---|---|")
    for (name, value) in formatter.statisticRows() {
      lines.append("| \(cell(name)) | \(cell(value)) |")
    }
    if let figurePath {
      lines += ["", "![fit](\(link(figurePath)))"]
    }
    if let correlationPath {
      lines += ["", "![parameter correlations](\(link(correlationPath)))"]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A table cell: `|` escaped, no line breaks.
  private func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }

  /// Inline code: backticks cannot be escaped inside, so they become quotes.
  private func code(_ text: String) -> String {
    text.replacingOccurrences(of: "`", with: "'")
  }

  /// The figure's path relative to the report's directory (percent-encoded spaces and
  /// parentheses, which end a Markdown link).
  func link(_ figure: String) -> String {
    let base = URL(fileURLWithPath: reportPath).standardizedFileURL.deletingLastPathComponent()
      .pathComponents
    let target = URL(fileURLWithPath: figure).standardizedFileURL.pathComponents
    var common = 0
    while common < min(base.count, target.count) && base[common] == target[common] {
      common += 1
    }
    let up = Array(repeating: "..", count: base.count - common)
    let path = (up + target[common...]).joined(separator: "/")
    return path.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(
      of: "(", with: "%28"
    )
    .replacingOccurrences(of: ")", with: "%29")
  }
}
