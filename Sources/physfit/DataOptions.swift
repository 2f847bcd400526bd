import ArgumentParser
import PhysFit

/// The layout of the data file, as typed on the command line.
enum DataFormatChoice: String, ExpressibleByArgument, CaseIterable {
  case auto
  case csv
  case whitespace
  case nist

  var format: DataFormat {
    switch self {
    case .auto: .automatic
    case .csv: .csv
    case .whitespace: .whitespace
    case .nist: .nistStRD
    }
  }
}

extension ArgumentHelp {
  /// The help of every command's data-file argument.
  static let dataFile = ArgumentHelp(
    "The data file: CSV with a header row, or whitespace-separated columns named by a "
      + "leading '# name name …' comment line.",
    valueName: "data")

  /// The help of every command's --format option.
  static let dataFormat = ArgumentHelp(
    "File layout: auto (CSV for .csv files or lines with commas, a NIST StRD file by its "
      + "first line, else whitespace), csv, whitespace, nist.")
}

/// The data file and the columns a fit reads: shared by every command that fits data.
struct DataOptions: ParsableArguments {
  @Argument(help: .dataFile)
  var path: String

  @Option(help: .dataFormat)
  var format: DataFormatChoice = .auto

  @Option(
    name: .customLong("x"),
    help: ArgumentHelp(
      "Input column(s), by name or 1-based index, comma-separated for several inputs. "
        + "They become the formula's input names (a column selected by index is named by "
        + "its header). Default: the column named x, else the first column.",
      valueName: "columns"))
  var xColumns: String?

  @Option(
    name: .customLong("y"),
    help: ArgumentHelp(
      "The measured column, by name or 1-based index. Default: the column named y, else "
        + "the first column that is not the input.",
      valueName: "column"))
  var yColumn: String?

  @Option(
    name: .customLong("sigma"),
    help: ArgumentHelp(
      "Column of absolute errors σ > 0 (then χ² = Σ((y − f)/σ)² and errors are absolute). "
        + "Without it, the fit minimises the residual sum of squares and scales the errors by "
        + "√(RSS/ndf).",
      valueName: "column"))
  var sigmaColumn: String?

  mutating func validate() throws {
    if let xColumns {
      let selectors = Self.split(xColumns)
      if selectors.contains(where: \.isEmpty) {
        throw ValidationError("--x '\(xColumns)': empty column name in the list")
      }
      var seen = Set<String>()
      for s in selectors where !seen.insert(s).inserted {
        throw ValidationError("--x '\(xColumns)': column '\(s)' is listed twice")
      }
    }
    for (option, value) in [("--y", yColumn), ("--sigma", sigmaColumn)] {
      if let value, value.trimmingWhitespace().isEmpty {
        throw ValidationError("\(option) '\(value)': empty column name")
      }
    }
  }

  /// Splits a comma-separated list, trimming blanks around each item.
  static func split(_ list: String) -> [String] {
    list.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0).trimmingWhitespace()
    }
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return String(s)
  }
}
