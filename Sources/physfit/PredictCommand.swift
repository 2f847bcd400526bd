import ArgumentParser
import Foundation
import PhysFit

/// `physfit predict`: evaluates a network saved by `physfit train --save` on the
/// columns of a data file and writes CSV.
struct PredictCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Evaluate a saved network (physfit train --save) on a data file; write CSV.",
    discussion: """
      Inputs: the columns named by the network's saved input names, or --x COLS (as many \
      as the network reads, by name or 1-based index, in the network's input order).

      Output: CSV with a header, the input columns as read, then the predictions: one \
      column per output named by the saved output names (regression); for a classifier \
      the predicted class in a column named by the label, then its probabilities, \
      `<label>_p1` for a binary classifier and `<label>_p0` … `<label>_p<k−1>` for k \
      classes. Numbers are written in the shortest form that reads back exactly. \
      --output FILE writes to a temporary file and renames it (never half-written).

      Exit status: 0 success; 64 usage error; 65 input error (model file unreadable, \
      not JSON or not a valid network, data file, missing column, --x of the wrong \
      width, a FILE that cannot be written).

      Example:
        physfit predict sine.json examples/data/sine.csv --output predictions.csv
      """
  )

  @Argument(help: ArgumentHelp("The network file written by train --save.", valueName: "model"))
  var model: String

  @Argument(help: .dataFile)
  var path: String

  @Option(help: .dataFormat)
  var format: DataFormatChoice = .auto

  @Option(
    name: .customLong("x"),
    help: ArgumentHelp(
      "Input columns, comma-separated, by name or 1-based index. Default: the network's "
        + "saved input names.",
      valueName: "columns"))
  var xColumns: String?

  @Option(help: ArgumentHelp("Write the CSV to this file instead of standard output."))
  var output: String?

  mutating func validate() throws {
    if let xColumns, DataOptions.split(xColumns).contains(where: \.isEmpty) {
      throw ValidationError("--x '\(xColumns)': empty column name in the list")
    }
  }

  func run() throws {
    let text: String
    do {
      text = try csv()
    } catch {
      throw CLIError(error)
    }
    if let output {
      do {
        try AtomicFile.write(text, to: output)
      } catch {
        throw CLIError(error)
      }
    } else {
      StandardStreams.write(text)
    }
  }

  /// The CSV text of the inputs and the predictions.
  func csv() throws -> String {
    let trained: TrainedNetwork
    do {
      trained = try TrainedNetwork.load(from: model)
    } catch {
      throw CLIError.input(error.description)
    }
    let table = try DataTable.read(contentsOf: path, format: format.format)
    let names = trained.network.inputNames
    let columns: [Int]
    if let xColumns {
      let selectors = DataOptions.split(xColumns)
      guard selectors.count == names.count else {
        throw CLIError.input(
          "--x '\(xColumns)' selects \(selectors.count) column(s) but the network in \(model) "
            + "reads \(names.count) (\(names.joined(separator: ", ")))")
      }
      columns = try selectors.map { try DataOptions.index($0, in: table, option: "--x") }
    } else {
      columns = try names.map { name in
        guard let j = table.names.firstIndex(of: name) else {
          throw CLIError.input(
            "\(path) has no column '\(name)', an input of the network in \(model) (columns: "
              + "\(table.names.joined(separator: ", "))); select the inputs with --x")
        }
        return j
      }
    }
    let n = table.rowCount
    var inputs = Matrix(rows: n, columns: columns.count)
    for (k, j) in columns.enumerated() {
      for i in 0..<n { inputs[i, k] = table.columns[j][i] }
    }

    var header = columns.map { table.names[$0] }
    var values: [[String]] = columns.map { j in table.columns[j].map { "\($0)" } }
    let label = trained.outputNames[0]
    switch trained.output {
    case .values:
      let y = trained.predict(inputs)
      header += trained.outputNames
      values += (0..<y.columns).map { o in (0..<n).map { "\(y[$0, o])" } }
    case .probability, .logit, .logits:
      let p = trained.probabilities(inputs)
      let classes = TrainedNetwork.classes(probabilities: p, output: trained.output)
      header.append(label)
      values.append(classes.map { "\($0)" })
      if trained.output == .logits {
        header += (0..<p.columns).map { "\(label)_p\($0)" }
        values += (0..<p.columns).map { o in (0..<n).map { "\(p[$0, o])" } }
      } else {
        header.append("\(label)_p1")
        values.append((0..<n).map { "\(p[$0, 0])" })
      }
    }
    var lines = [header.map(CSVField.quoted).joined(separator: ",")]
    lines.reserveCapacity(n + 1)
    for i in 0..<n { lines.append(values.map { $0[i] }.joined(separator: ",")) }
    return lines.joined(separator: "\n") + "\n"
  }

}
