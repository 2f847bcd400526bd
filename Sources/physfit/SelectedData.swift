import PhysFit

/// The columns of a data file that a fit uses, with the names the formula sees.
struct SelectedData {
  /// The file as given on the command line.
  var source: String
  /// Input names for the formula, one per `--x` column.
  var inputNames: [String]
  /// The file's names of the `--x` columns (equal to `inputNames` unless a header is
  /// not a valid identifier).
  var xColumnNames: [String]
  /// n × d inputs.
  var inputs: Matrix
  /// The `--y` column; nil for objectives that read none (unbinned likelihoods).
  var yName: String?
  var y: [Double]?
  var sigmaName: String?
  var sigma: [Double]?

  var count: Int { inputs.rows }

  /// The `--y` values. Only called for objectives that read `--y`.
  var yValues: [Double] { y ?? [] }
}

extension DataOptions {
  /// Reads the file and selects the columns. Throws ``DataError`` for the file and
  /// ``CLIError/input(_:)`` for a column that cannot be used. Without `readsY` (unbinned
  /// likelihoods) only the `--x` column is read.
  func load(readsY: Bool = true) throws -> SelectedData {
    let table = try DataTable.read(contentsOf: path, format: format.format)
    let (defaultX, defaultY) = Self.defaultColumns(table)
    let xSelectors = xColumns.map(Self.split) ?? [defaultX]
    let ySelector = yColumn ?? defaultY
    if readsY && yColumn == nil && table.columnCount < 2 {
      throw CLIError.input(
        "\(path) has only one column (\(table.names.joined())): give --y, and --x for the input")
    }
    let xIndices = try xSelectors.map { try Self.index($0, in: table, option: "--x") }
    let yIndex = readsY ? try Self.index(ySelector, in: table, option: "--y") : -1
    let sigmaIndex = try sigmaColumn.map { try Self.index($0, in: table, option: "--sigma") }
    if readsY && xIndices.contains(yIndex) {
      throw CLIError.input(
        "--y '\(ySelector)' selects column \"\(table.names[yIndex])\", which is also an --x input")
    }
    if let sigmaIndex, sigmaIndex == yIndex || xIndices.contains(sigmaIndex) {
      throw CLIError.input(
        "--sigma '\(sigmaColumn ?? "")' selects column \"\(table.names[sigmaIndex])\", "
          + "which is already used as \(sigmaIndex == yIndex ? "--y" : "an --x input")")
    }

    let xNames = xIndices.map { table.names[$0] }
    var inputNames = xNames.enumerated().map { k, name in
      Self.isIdentifier(name) ? name : (xNames.count == 1 ? "x" : "x\(k + 1)")
    }
    // A fallback name must not collide with a real column name that is an input.
    if Set(inputNames).count != inputNames.count {
      inputNames = xNames.indices.map { xNames.count == 1 ? "x" : "x\($0 + 1)" }
    }

    let n = table.rowCount
    var inputs = Matrix(rows: n, columns: xIndices.count)
    for (k, j) in xIndices.enumerated() {
      for i in 0..<n { inputs[i, k] = table.columns[j][i] }
    }
    let sigma = sigmaIndex.map { table.columns[$0] }
    if let sigma, let sigmaIndex, let row = sigma.firstIndex(where: { !($0 > 0) }) {
      throw CLIError.input(
        "\(path): σ must be positive, but column \"\(table.names[sigmaIndex])\" has "
          + "\(sigma[row].formatted) in data row \(row + 1)")
    }
    return SelectedData(
      source: path, inputNames: inputNames, xColumnNames: xNames, inputs: inputs,
      yName: readsY ? table.names[yIndex] : nil, y: readsY ? table.columns[yIndex] : nil,
      sigmaName: sigmaIndex.map { table.names[$0] }, sigma: sigma)
  }

  /// The columns used when --x or --y is not given: the columns named `x` and `y` when
  /// the file has them (NIST StRD files list y first), otherwise the first column for x
  /// and the next one for y.
  static func defaultColumns(_ table: DataTable) -> (x: String, y: String) {
    let named = (x: table.names.firstIndex(of: "x"), y: table.names.firstIndex(of: "y"))
    let x = named.x ?? table.names.indices.first { $0 != named.y } ?? 0
    let y = named.y ?? table.names.indices.first { $0 != x } ?? 1
    return (String(x + 1), String(y + 1))
  }

  /// The column `selector` selects, with the option named in the error.
  static func index(_ selector: String, in table: DataTable, option: String) throws
    -> Int
  {
    do {
      return try table.columnIndex(selector)
    } catch let error as DataError {
      throw CLIError.input("\(option): \(error)")
    }
  }

  /// Whether `name` can appear in a formula as it is: a letter or `_`, then letters,
  /// digits or `_` (ASCII).
  static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.isASCII,
      first.properties.isAlphabetic || first == "_"
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_")
    }
  }
}

extension Double {
  /// The shortest text that reads back as this value (`1`, `0.5`, `1e-07`).
  var formatted: String {
    if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
    return "\(self)"
  }
}
