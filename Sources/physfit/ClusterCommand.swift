import ArgumentParser
import Foundation
import PhysFit

/// The clustering method of `physfit cluster`.
enum ClusterMethod: String, ExpressibleByArgument, CaseIterable {
  /// A Gaussian mixture fitted by unbinned likelihood: EM from k-means starts, then
  /// BFGS through the generic fit (errors from the Hessian).
  case gmm
  /// k-means (Lloyd from k-means++ seeds): centres, no errors.
  case kmeans
}

/// `--covariance` of a Gaussian mixture.
enum CovarianceChoice: String, ExpressibleByArgument, CaseIterable {
  case full
  case diagonal

  var kind: GaussianMixture.CovarianceKind {
    switch self {
    case .full: .full
    case .diagonal: .diagonal
    }
  }
}

/// `physfit cluster`: the lecture's clustering problem — a Gaussian mixture fitted by
/// likelihood (with errors) or k-means — on columns of a data file.
struct ClusterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Cluster points: a Gaussian mixture fitted by likelihood (with errors) or k-means.",
    discussion: """
      Columns: --x selects the coordinates by name or 1-based index, comma-separated; \
      default every column of the file.

      gmm (default): EM from k-means starts (--restarts EM runs, default 1), then BFGS on \
      −ln ℒ = −Σ ln Σₖ wₖ N(x; μₖ, Σₖ) through the generic fit; errors of the weights, \
      means, widths and correlations from the Hessian (error definition 0.5), propagated \
      from the fit's parameters. AIC = 2k − 2 ln ℒ, BIC = k ln n − 2 ln ℒ. \
      --covariance full (default) or diagonal; one column is always diagonal.

      kmeans: Lloyd from k-means++ seeds, the lowest inertia Σ‖x − c‖² of --restarts \
      starts (default 10).

      Components and clusters are numbered 1…K in order of their means (first \
      coordinate, then the next), so a fixed --seed reproduces labels and values.

      --assignments FILE.csv writes one row per point: the --x columns, `cluster` (1…K) \
      and, for gmm, `responsibility` (the largest posterior probability). The file is \
      written to a temporary name and renamed, so it is never left half-written.

      Exit status: 0 converged; 2 ran but did not converge (the report is printed); \
      64 usage error (--components < 1 or above the number of points, an unknown \
      --method, a setting the method does not read); 65 input error (data file, column, \
      non-finite value, a column without spread, an --assignments file that cannot be \
      written); 70 internal error.

      Example:
        physfit cluster examples/data/clusters.csv --x x,y --components 3 --seed 1
          --assignments labels.csv
      """
  )

  @Argument(help: .dataFile)
  var path: String

  @Option(help: .dataFormat)
  var format: DataFormatChoice = .auto

  @Option(
    name: .customLong("x"),
    help: ArgumentHelp(
      "Coordinate column(s), by name or 1-based index, comma-separated. Default: every column.",
      valueName: "columns"))
  var xColumns: String?

  @Option(help: ArgumentHelp("K, the number of components or clusters (≥ 1).", valueName: "K"))
  var components: Int

  @Option(help: ArgumentHelp("gmm (Gaussian mixture, with errors) or kmeans."))
  var method: ClusterMethod = .gmm

  @Option(help: ArgumentHelp("Covariance of each mixture component: full or diagonal (gmm)."))
  var covariance: CovarianceChoice?

  @Option(help: ArgumentHelp("Seed of the k-means++ starts (reproducible bit for bit)."))
  var seed: UInt64 = 0

  @Option(
    help: ArgumentHelp(
      "Independent starts; the best wins. Default: 1 EM run (gmm), 10 starts (kmeans).",
      valueName: "R"))
  var restarts: Int?

  @Option(
    name: .customLong("assignments"),
    help: ArgumentHelp(
      "Write every point with its cluster label (and responsibility, gmm) to this CSV file.",
      valueName: "file"))
  var assignmentsPath: String?

  @Flag(help: "Print one JSON object (pretty-printed, sorted keys) instead of the report.")
  var json = false

  mutating func validate() throws {
    guard components >= 1 else {
      throw ValidationError("--components '\(components)': must be at least 1")
    }
    if let restarts, restarts < 1 {
      throw ValidationError("--restarts '\(restarts)': must be at least 1")
    }
    if let covariance, method == .kmeans {
      throw ValidationError(
        "--covariance '\(covariance.rawValue)' is not a setting of --method kmeans "
          + "(it applies to gmm)")
    }
    if let xColumns {
      let selectors = DataOptions.split(xColumns)
      if selectors.contains(where: \.isEmpty) {
        throw ValidationError("--x '\(xColumns)': empty column name in the list")
      }
      var seen = Set<String>()
      for s in selectors where !seen.insert(s).inserted {
        throw ValidationError("--x '\(xColumns)': column '\(s)' is listed twice")
      }
    }
    if let assignmentsPath, assignmentsPath.trimmingWhitespace().isEmpty {
      throw ValidationError("--assignments '\(assignmentsPath)': empty file name")
    }
  }

  func run() throws {
    let report: ClusterReport
    let text: String
    do {
      let data = try load()
      guard components <= data.count else {
        throw CLIError.usage(
          "--components '\(components)': \(path) has only \(data.count) point"
            + (data.count == 1 ? "" : "s") + " (at least one per cluster is needed)")
      }
      report = try cluster(data)
      text = json ? try report.json() : report.render()
      if let assignmentsPath {
        try AtomicFile.write(report.assignmentsCSV(), to: assignmentsPath)
      }
    } catch let error as ClusteringError {
      throw CLIError.input(error.description)
    } catch {
      throw CLIError(error)
    }
    StandardStreams.write(text)
    if !report.converged {
      StandardStreams.writeWarning("the clustering did not converge: \(report.reason)")
      throw PhysFitExit.notConverged
    }
  }

  /// Reads the file and selects the `--x` columns (all columns by default).
  func load() throws -> SelectedData {
    let table = try DataTable.read(contentsOf: path, format: format.format)
    let indices: [Int]
    if let xColumns {
      indices = try DataOptions.split(xColumns).map { selector in
        do {
          return try table.columnIndex(selector)
        } catch let error as DataError {
          throw CLIError.input("--x: \(error)")
        }
      }
    } else {
      indices = Array(0..<table.columnCount)
    }
    let names = indices.map { table.names[$0] }
    var inputNames = names.enumerated().map { k, name in
      DataOptions.isIdentifier(name) ? name : (names.count == 1 ? "x" : "x\(k + 1)")
    }
    if Set(inputNames).count != inputNames.count {
      inputNames = names.indices.map { names.count == 1 ? "x" : "x\($0 + 1)" }
    }
    let n = table.rowCount
    var inputs = Matrix(rows: n, columns: indices.count)
    for (k, j) in indices.enumerated() {
      for i in 0..<n { inputs[i, k] = table.columns[j][i] }
    }
    return SelectedData(
      source: path, inputNames: inputNames, xColumnNames: names, inputs: inputs)
  }

  /// Runs the chosen method on the selected points.
  func cluster(_ data: SelectedData) throws -> ClusterReport {
    switch method {
    case .gmm:
      // A density needs spread in every coordinate; say which column has none.
      for j in 0..<data.inputs.columns {
        let first = data.inputs[0, j]
        if (0..<data.count).allSatisfy({ data.inputs[$0, j] == first }) {
          throw CLIError.input(
            "\(data.source): column \"\(data.xColumnNames[j])\" has the same value in every "
              + "row: a Gaussian mixture needs spread in each --x column")
        }
      }
      let mixture = try GaussianMixture(
        components: components, inputs: data.inputNames,
        covariance: (covariance ?? .full).kind)
      let em = ExpectationMaximization(.init(seed: seed, restarts: restarts ?? 1))
      let result = try mixture.fit(data.inputs, expectationMaximization: em, polish: BFGS())
      return ClusterReport(
        data: data, seed: seed, restarts: em.configuration.restarts, outcome: .mixture(result))
    case .kmeans:
      var configuration = KMeans.Configuration(seed: seed)
      if let restarts { configuration.restarts = restarts }
      let result = try KMeans(clusterCount: components, configuration: configuration)
        .cluster(data.inputs)
      return ClusterReport(
        data: data, seed: seed, restarts: configuration.restarts, outcome: .kMeans(result))
    }
  }
}
