import Foundation

/// One problem of the NIST StRD nonlinear-regression suite, read from its `.dat` file.
///
/// The files have a fixed layout that the header itself describes:
///
///     File Format:   ASCII
///                    Starting Values   (lines 41 to 43)
///                    Certified Values  (lines 41 to 48)
///                    Data              (lines 61 to 214)
///
/// Lines of the "Starting Values" range read `b1 = start1 start2 certified stddev`;
/// the rest of the "Certified Values" range holds the residual sum of squares, the
/// residual standard deviation, the degrees of freedom and the number of observations;
/// each line of the "Data" range holds y, then the predictor(s). Line numbers are
/// 1-based, as in the header, and are taken from the header rather than assumed.
public struct NISTProblem: Sendable {
  /// One parameter bⱼ: both starting points and its certified value and standard deviation.
  public struct CertifiedParameter: Sendable {
    public var name: String
    public var start1: Double
    public var start2: Double
    public var value: Double
    public var standardDeviation: Double

    public init(
      name: String, start1: Double, start2: Double, value: Double, standardDeviation: Double
    ) {
      self.name = name
      self.start1 = start1
      self.start2 = start2
      self.value = value
      self.standardDeviation = standardDeviation
    }
  }

  /// The dataset name from the header (`Dataset Name:  Misra1a  (Misra1a.dat)`).
  public var name: String
  /// b1…bp in file order.
  public var parameters: [CertifiedParameter]
  /// The certified residual sum of squares Σ (yᵢ − f(xᵢ; b))².
  public var certifiedResidualSumOfSquares: Double
  /// The degrees of freedom the header states. Not always n − p: Rat43's header says 9,
  /// while its certified standard deviations use n − p = 11. Use
  /// ``degreesOfFreedom`` for anything computed.
  public var headerDegreesOfFreedom: Int
  /// Names of the predictor columns, from the `Data:  y  x` line (`x`, or `x1`, `x2`).
  public var predictorNames: [String]
  /// The response column.
  public var y: [Double]
  /// The predictor columns, one array per predictor, each of length n.
  public var x: [[Double]]

  /// n, the number of observations.
  public var observationCount: Int { y.count }
  /// p, the number of parameters.
  public var parameterCount: Int { parameters.count }
  /// n − p, the value the certified standard deviations are computed with.
  public var degreesOfFreedom: Int { observationCount - parameterCount }
  /// Start 1 and Start 2 as value vectors in b1…bp order.
  public var starts: [[Double]] { [parameters.map(\.start1), parameters.map(\.start2)] }
}

/// A malformed NIST file: which file, which 1-based line, and what was wrong.
public struct NISTParseError: Error, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}

extension NISTProblem {
  /// Reads and parses the file at `url`.
  public init(contentsOf url: URL) throws {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw NISTParseError(
        file: url.lastPathComponent, line: nil, message: "cannot read: \(error)")
    }
    try self.init(parsing: text, file: url.lastPathComponent)
  }

  /// Parses the text of a NIST StRD nonlinear-regression `.dat` file.
  ///
  /// - Parameter file: the name used in error messages.
  public init(parsing text: String, file: String) throws {
    // Split on any line terminator: the originals use CRLF, copies often LF.
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .map(String.init)

    func fail(_ message: String, line: Int? = nil) -> NISTParseError {
      NISTParseError(file: file, line: line, message: message)
    }
    func line(_ number: Int) throws -> String {
      guard number >= 1, number <= lines.count else {
        throw fail("file has \(lines.count) lines, header refers to line \(number)")
      }
      return lines[number - 1]
    }
    func fields(_ s: String) -> [String] {
      s.split(whereSeparator: \.isWhitespace).map(String.init)
    }
    func number(_ token: String, line: Int) throws -> Double {
      guard let value = Double(token), value.isFinite else {
        throw fail("'\(token)' is not a number", line: line)
      }
      return value
    }
    /// The `(lines A to B)` range on the header line that starts with `label`.
    func range(_ label: String) throws -> ClosedRange<Int> {
      // Only the `File Format:` block has `(lines`; `Data:` also starts a later header line.
      for (i, l) in lines.prefix(40).enumerated()
      where l.trimmingCharacters(in: .whitespaces).hasPrefix(label) {
        guard let open = l.range(of: "(lines") else { continue }
        guard let close = l.range(of: ")", range: open.upperBound..<l.endIndex) else {
          throw fail("no ')' closing '(lines A to B)' after '\(label)'", line: i + 1)
        }
        let inner = fields(String(l[open.upperBound..<close.lowerBound]))
        guard inner.count == 3, inner[1] == "to", let a = Int(inner[0]), let b = Int(inner[2]),
          a <= b
        else { throw fail("cannot read line range in '\(l)'", line: i + 1) }
        return a...b
      }
      throw fail("no header line '\(label) (lines A to B)'")
    }
    /// The value after `label:` on a line within `lineRange`.
    func labelled(_ label: String, in lineRange: ClosedRange<Int>) throws -> (String, Int) {
      for n in lineRange {
        let l = try line(n)
        if let r = l.range(of: label + ":") {
          guard let token = fields(String(l[r.upperBound...])).first else {
            throw fail("no value after '\(label):'", line: n)
          }
          return (token, n)
        }
      }
      throw fail("no '\(label):' in lines \(lineRange.lowerBound)–\(lineRange.upperBound)")
    }

    // Name.
    guard let nameLine = lines.prefix(10).firstIndex(where: { $0.contains("Dataset Name:") }),
      let r = lines[nameLine].range(of: "Dataset Name:"),
      let name = fields(String(lines[nameLine][r.upperBound...])).first
    else { throw fail("no 'Dataset Name:' in the first 10 lines") }
    self.name = name

    let startLines = try range("Starting Values")
    let certifiedLines = try range("Certified Values")
    let dataLines = try range("Data")

    // Parameters: `bj = start1 start2 certified stddev`.
    var parameters: [CertifiedParameter] = []
    for n in startLines {
      let f = fields(try line(n))
      guard f.count == 6, f[1] == "=" else {
        throw fail("expected 'bj = start1 start2 certified stddev'", line: n)
      }
      let expected = "b\(parameters.count + 1)"
      guard f[0] == expected else { throw fail("expected \(expected), found \(f[0])", line: n) }
      parameters.append(
        CertifiedParameter(
          name: f[0], start1: try number(f[2], line: n), start2: try number(f[3], line: n),
          value: try number(f[4], line: n), standardDeviation: try number(f[5], line: n)))
    }
    self.parameters = parameters

    // Cross-check p against the `Model:` block's "N Parameters".
    if let modelLine = lines.prefix(40).firstIndex(where: { $0.contains("Parameters (b1") }),
      let stated = fields(lines[modelLine]).first.flatMap(Int.init),
      stated != parameters.count
    {
      throw fail(
        "header states \(stated) parameters, starting values have \(parameters.count)",
        line: modelLine + 1)
    }

    let (rss, rssLine) = try labelled("Residual Sum of Squares", in: certifiedLines)
    self.certifiedResidualSumOfSquares = try number(rss, line: rssLine)
    let (dof, dofLine) = try labelled("Degrees of Freedom", in: certifiedLines)
    guard let headerDof = Int(dof) else { throw fail("'\(dof)' is not an integer", line: dofLine) }
    self.headerDegreesOfFreedom = headerDof
    let (count, countLine) = try labelled("Number of Observations", in: certifiedLines)
    guard let statedCount = Int(count) else {
      throw fail("'\(count)' is not an integer", line: countLine)
    }

    // Column names: the `Data:  y  x` line just above the data.
    let columnLine = dataLines.lowerBound - 1
    let columns = fields(try line(columnLine))
    guard columns.count >= 3, columns[0] == "Data:", columns[1] == "y" else {
      throw fail("expected 'Data:  y  x…' above the data", line: columnLine)
    }
    self.predictorNames = Array(columns.dropFirst(2))

    // Data rows: y, then each predictor.
    var y: [Double] = []
    var x = Array(repeating: [Double](), count: predictorNames.count)
    for n in dataLines {
      let f = fields(try line(n))
      guard f.count == 1 + predictorNames.count else {
        throw fail("expected \(1 + predictorNames.count) columns, found \(f.count)", line: n)
      }
      y.append(try number(f[0], line: n))
      for j in x.indices { x[j].append(try number(f[j + 1], line: n)) }
    }
    guard y.count == statedCount else {
      throw fail("header states \(statedCount) observations, data range has \(y.count)")
    }
    self.y = y
    self.x = x
  }
}
