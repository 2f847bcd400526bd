import PhysFit

/// The target columns of `physfit train`: one `--y` column, or several for multi-output
/// regression (`--y a,b`, one network output each), with their `--sigma` columns.
struct TrainTargets {
  /// The `--y` column names, in output order.
  var names: [String]
  /// One column of N values per output.
  var columns: [[Double]]
  /// σ columns (chi2 only), one per output, or nil.
  var sigma: [[Double]]?

  /// k, the number of outputs.
  var count: Int { columns.count }

  /// N × k.
  var matrix: Matrix { Matrix(columns: columns) }
}

extension DataOptions {
  /// The `--y` (and `--sigma`) selectors, split at commas: [] when not given.
  var ySelectors: [String] { yColumn.map(Self.split) ?? [] }
  var sigmaSelectors: [String] { sigmaColumn.map(Self.split) ?? [] }

  /// The data with one or several target columns. The file is read and checked by
  /// ``load(readsY:)`` with the first `--y` and `--sigma` column; with several, it is
  /// read once more for the others, which must be distinct columns of the file other
  /// than the inputs (σ > 0).
  func loadTraining() throws -> (data: SelectedData, targets: TrainTargets) {
    let ys = ySelectors
    let sigmas = sigmaSelectors
    var first = self
    first.yColumn = ys.first
    first.sigmaColumn = sigmas.first
    let data = try first.load()
    guard ys.count > 1 || sigmas.count > 1 else {
      return (
        data,
        TrainTargets(
          names: [data.yName ?? "y"], columns: [data.yValues], sigma: data.sigma.map { [$0] })
      )
    }
    let table = try DataTable.read(contentsOf: path, format: format.format)
    let (defaultX, _) = Self.defaultColumns(table)
    let xIndices = try (xColumns.map(Self.split) ?? [defaultX]).map {
      try Self.index($0, in: table, option: "--x")
    }
    let yIndices = try ys.map { try Self.index($0, in: table, option: "--y") }
    let sigmaIndices = try sigmas.map { try Self.index($0, in: table, option: "--sigma") }
    var used: [Int: String] = [:]
    for j in xIndices { used[j] = "an --x input" }
    for (option, indices) in [("--y", yIndices), ("--sigma", sigmaIndices)] {
      for j in indices {
        if let role = used[j] {
          let list = option == "--y" ? yColumn ?? "" : sigmaColumn ?? ""
          throw CLIError.input(
            "\(option) '\(list)' selects column \"\(table.names[j])\", which is already used "
              + "as \(role)")
        }
        used[j] = option == "--y" ? "a --y target" : "a --sigma column"
      }
    }
    let sigma = sigmaIndices.isEmpty ? nil : sigmaIndices.map { table.columns[$0] }
    for (j, column) in zip(sigmaIndices, sigma ?? []) {
      if let row = column.firstIndex(where: { !($0 > 0) }) {
        throw CLIError.input(
          "\(path): σ must be positive, but column \"\(table.names[j])\" has "
            + "\(column[row].formatted) in data row \(row + 1)")
      }
    }
    return (
      data,
      TrainTargets(
        names: yIndices.map { table.names[$0] }, columns: yIndices.map { table.columns[$0] },
        sigma: sigma)
    )
  }
}
