import Foundation
import XCTest

@testable import PhysFit

final class DataReaderTests: XCTestCase {
  private func assertColumns(
    _ table: DataTable, _ expected: [[Double]], file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(table.columns.count, expected.count, "column count", file: file, line: line)
    for (got, want) in zip(table.columns, expected) {
      XCTAssertEqual(got.count, want.count, file: file, line: line)
      for (g, w) in zip(got, want) {
        XCTAssertEqual(g, w, accuracy: 1e-15 * abs(w), file: file, line: line)
      }
    }
  }

  private func temporaryFile(_ name: String, _ contents: Data) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("physfit-data-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent(name)
    try contents.write(to: url)
    return url.path
  }

  // MARK: CSV

  func testCSVWithSpacesQuotesCommentsAndBlankLines() throws {
    let text = """
      # run 42, detector A
       t , "y, mV" ,dy

      0, 1.5, 0.1
      # a comment in the middle
      1 ,-2e-3,.5   # trailing comment
      2,+2.0E+05,5.\r
      """
    let table = try DataTable.parse(text: text, source: "run.csv")
    XCTAssertEqual(table.names, ["t", "y, mV", "dy"])
    XCTAssertEqual(table.rowCount, 3)
    XCTAssertEqual(table.source, "run.csv")
    assertColumns(table, [[0, 1, 2], [1.5, -0.002, 200_000], [0.1, 0.5, 5]])
    XCTAssertEqual(try table.column(named: "y, mV"), [1.5, -0.002, 200_000])
  }

  func testCSVQuotedNameWithEscapedQuoteAndHash() throws {
    let table = try DataTable.parse(text: "\"a \"\"b\"\"\",\"#c\"\n1,2\n", source: "q.csv")
    XCTAssertEqual(table.names, ["a \"b\"", "#c"])
  }

  func testCSVWithoutHeaderGetsPositionalNames() throws {
    let table = try DataTable.parse(text: "1,2\n3,4\n", source: "plain.csv")
    XCTAssertEqual(table.names, ["1", "2"])
    assertColumns(table, [[1, 3], [2, 4]])
    XCTAssertEqual(try table.column("2"), [2, 4])
  }

  // MARK: Whitespace

  func testWhitespaceNamesFromLastMatchingComment() throws {
    let text = """
      # Decay measurement, 2024
      # columns:
      # t   counts   dy
      0.0   100   10
      1.0\t 61    7.8
      # a later comment is not a header
      2.0   37  6.1
      """
    let table = try DataTable.parse(text: text, source: "decay.dat")
    XCTAssertEqual(table.names, ["t", "counts", "dy"])
    assertColumns(table, [[0, 1, 2], [100, 61, 37], [10, 7.8, 6.1]])
  }

  func testWhitespaceWithoutNamesUsesPositionsAndIndexSelection() throws {
    let text = "# a comment with five words\n1 2 3\n4 5 6 # note\n"
    let table = try DataTable.parse(text: text, source: "data.txt")
    XCTAssertEqual(table.names, ["1", "2", "3"])
    XCTAssertEqual(try table.column("3"), [3, 6])
    XCTAssertEqual(try table.columnIndex("1"), 0)
  }

  func testWhitespaceTextHeaderRow() throws {
    let table = try DataTable.parse(text: "x y\n1 2\n3 4\n", source: "h.dat")
    XCTAssertEqual(table.names, ["x", "y"])
    assertColumns(table, [[1, 3], [2, 4]])
  }

  func testVeryLongLines() throws {
    let count = 50_000
    let row = (0..<count).map { String($0) }.joined(separator: " ")
    let comment = "# " + String(repeating: "x", count: 1_000_000)
    let table = try DataTable.parse(text: comment + "\n" + row + "\n", source: "wide.dat")
    XCTAssertEqual(table.columnCount, count)
    XCTAssertEqual(try table.column("50000"), [49_999])
  }

  // MARK: Format choice

  func testFormatDetectionAndOverride() throws {
    XCTAssertEqual(try DataTable.parse(text: "a,b\n1,2\n", source: "x.dat").names, ["a", "b"])
    XCTAssertEqual(try DataTable.parse(text: "#a b\n1 2\n", source: "x.txt").names, ["a", "b"])
    // A .csv name is CSV even when the header has no comma (a single column).
    XCTAssertEqual(try DataTable.parse(text: "y\n1\n2\n", source: "one.csv").names, ["y"])
    // The explicit format wins over the extension.
    let forced = try DataTable.parse(text: "# a b\n1 2\n", source: "x.csv", format: .whitespace)
    XCTAssertEqual(forced.names, ["a", "b"])
    XCTAssertThrowsError(try DataTable.parse(text: "a b\n1 2\n", source: "x.dat", format: .csv))
  }

  // MARK: Numbers

  func testNumberSyntax() throws {
    let accepted: [(String, Double)] = [
      ("1", 1), ("-1.5", -1.5), ("1e-3", 0.001), ("+2.0E+05", 200_000), (".5", 0.5),
      ("5.", 5), ("-0", 0), ("000123.4500", 123.45), ("1e-400", 0),
      ("123456789012345678901234567890", 1.2345678901234568e29),
      ("0.1234567890123456789e-300", 1.234567890123456789e-301),
    ]
    for (text, value) in accepted {
      let table = try DataTable.parse(text: "v\n\(text)\n", source: "n.csv")
      XCTAssertEqual(table.columns[0][0], value, "'\(text)'")
    }
    for text in ["1.2.3", "nan", "inf", "-Infinity", "0x10", "1e", "e5", ".", "-", "1,5e", "1 2"] {
      XCTAssertThrowsError(try DataTable.parse(text: "v\n\(text)\n", source: "n.csv"), text)
    }
  }

  /// The parser must agree bit for bit with Swift's correctly rounded Double(String).
  func testNumbersAreCorrectlyRounded() throws {
    var generator = SystemRandomNumberGenerator()
    var texts: [String] = []
    for _ in 0..<20_000 {
      let digits = Int.random(in: 1...25, using: &generator)
      var mantissa = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }
        .joined()
      let point = Int.random(in: 0...digits, using: &generator)
      mantissa.insert(".", at: mantissa.index(mantissa.startIndex, offsetBy: point))
      if mantissa == "." { mantissa = "0" }
      let exponent = Int.random(in: -340...(308 - point), using: &generator)  // finite
      texts.append(
        (Bool.random(using: &generator) ? "-" : "") + mantissa
          + (exponent == 0 ? "" : "e\(exponent)"))
    }
    let table = try DataTable.parse(text: "v\n" + texts.joined(separator: "\n"), source: "r.csv")
    for (text, value) in zip(texts, table.columns[0]) {
      let expected = Double(text)!
      XCTAssertEqual(value.bitPattern, expected.bitPattern, "'\(text)': \(value) vs \(expected)")
    }
  }

  // MARK: Selection

  func testColumnSelection() throws {
    let table = try DataTable.parse(text: "t,3,y\n1,2,3\n", source: "sel.csv")
    XCTAssertEqual(try table.column("t"), [1])
    XCTAssertEqual(try table.column("3"), [2], "a column named \"3\" wins over position 3")
    XCTAssertEqual(try table.column("1"), [1])
    XCTAssertEqual(try table.columnIndex("2"), 1)
    for selector in ["z", "0", "4", "-1", "+1", ""] {
      XCTAssertThrowsError(try table.column(selector)) { error in
        XCTAssertEqual("\(error)", "no column '\(selector)' in sel.csv (columns: t, 3, y)")
      }
    }
    XCTAssertThrowsError(try table.column(named: "1"))
  }

  // MARK: Files

  func testReadingFiles() throws {
    let path = try temporaryFile("good.csv", Data("x,y\n1,2\n".utf8))
    let table = try DataTable.read(contentsOf: path)
    XCTAssertEqual(table.names, ["x", "y"])
    XCTAssertEqual(table.source, path)

    XCTAssertThrowsError(try DataTable.read(contentsOf: "no-such-dir/x.csv")) { error in
      XCTAssertEqual("\(error)", "cannot read 'no-such-dir/x.csv': no such file")
    }
    let directory = (path as NSString).deletingLastPathComponent
    XCTAssertThrowsError(try DataTable.read(contentsOf: directory)) { error in
      XCTAssertEqual("\(error)", "cannot read '\(directory)': is a directory")
    }
    let binary = try temporaryFile("data.csv", Data([0x78, 0x0A, 0x31, 0x00, 0x32, 0x0A]))
    XCTAssertThrowsError(try DataTable.read(contentsOf: binary)) { error in
      XCTAssertEqual("\(error)", "\(binary): not a text file")
    }
    let latin1 = try temporaryFile("l.csv", Data([0x78, 0xB5, 0x0A, 0x31, 0x0A]))
    XCTAssertThrowsError(try DataTable.read(contentsOf: latin1)) { error in
      XCTAssertEqual("\(error)", "\(latin1): not a text file")
    }
    let utf8 = try temporaryFile("u.csv", Data([0xEF, 0xBB, 0xBF] + Array("µs,Δt\n1,2\n".utf8)))
    XCTAssertEqual(try DataTable.read(contentsOf: utf8).names, ["µs", "Δt"])
  }

  // MARK: Errors

  func testBadInputMessages() {
    let cases: [(source: String, text: String, message: String)] = [
      ("data.csv", "", "data.csv: file is empty"),
      ("data.csv", "  \n\n \t\n", "data.csv: file is empty"),
      (
        "data.csv", "# only\n# comments\n", "data.csv: no header row (only blank and comment lines)"
      ),
      ("data.csv", "t,y,dy\n# nothing\n", "data.csv: no data rows"),
      ("data.dat", "# t y\n", "data.dat: no data rows"),
      ("data.dat", "t y\n", "data.dat: no data rows"),
      (
        "data.csv", "t,y,dy\n1,2,3\n4,abc,6\n",
        "data.csv:3:2: expected a number in column \"y\", found 'abc'"
      ),
      (
        "data.csv", "t,y,dy\n1,2,1.2.3\n",
        "data.csv:2:3: expected a number in column \"dy\", found '1.2.3'"
      ),
      (
        "data.csv", "t,y,dy\n0x1F,2,3\n",
        "data.csv:2:1: expected a number in column \"t\", found '0x1F'"
      ),
      ("data.csv", "t,y\n1,nan\n", "data.csv:2:2: value 'nan' in column \"y\" is not finite"),
      ("data.csv", "t,y\n-inf,1\n", "data.csv:2:1: value '-inf' in column \"t\" is not finite"),
      ("data.csv", "t,y\n1,1e999\n", "data.csv:2:2: value '1e999' in column \"y\" is not finite"),
      ("data.csv", "t,y,dy\n1,,3\n", "data.csv:2:2: empty value in column \"y\""),
      ("data.csv", "t,y,dy\n1,2,3\n\n# c\n4,5\n", "data.csv:5: expected 3 values, found 2"),
      ("data.csv", "t,y\n1,2,3,4\n", "data.csv:2: expected 2 values, found 4"),
      ("data.csv", "t,y\n1,2,\n", "data.csv:2: expected 2 values, found 3"),
      ("data.csv", "t,y,t\n1,2,3\n", "data.csv:1: duplicate column name 't' (columns 1 and 3)"),
      ("data.csv", "# c\nt,,y\n1,2,3\n", "data.csv:2:2: empty column name"),
      ("data.csv", "t,\"y\n1,2\n", "data.csv:1:2: unterminated quote in column name"),
      ("data.dat", "# t y\n1 2\n3 4 5\n", "data.dat:3: expected 2 values, found 3"),
      ("data.dat", "1 2 3\n4 x 6\n", "data.dat:2:2: expected a number in column \"2\", found 'x'"),
      ("data.dat", "# t y y\n1 2 3\n", "data.dat:1: duplicate column name 'y' (columns 2 and 3)"),
      (
        "data.dat", "# t y\n1 " + String(repeating: "9", count: 60) + "z\n",
        "data.dat:2:2: expected a number in column \"y\", found '"
          + String(repeating: "9", count: 37) + "...'"
      ),
    ]
    XCTAssertGreaterThanOrEqual(cases.count, 15)
    for c in cases {
      XCTAssertThrowsError(try DataTable.parse(text: c.text, source: c.source), c.message) {
        error in
        XCTAssertTrue(error is DataError)
        XCTAssertEqual("\(error)", c.message)
      }
    }
  }
}
