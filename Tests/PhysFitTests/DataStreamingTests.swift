import Foundation
import XCTest

@testable import PhysFit

/// The file reader streams through a 1 MiB buffer: lines, characters and CRLF pairs that
/// straddle two reads, lines longer than the buffer, and the limits on hostile files.
final class DataStreamingTests: XCTestCase {
  private func temporaryFile(_ name: String, _ contents: Data) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("physfit-stream-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent(name)
    try contents.write(to: url)
    return url.path
  }

  /// About 1.5 MiB of CSV with rows of varying length, CRLF and LF endings, comments with
  /// multi-byte characters and one 1.2 MiB comment line; every value written from a
  /// Double by its own shortest round-trip text, which is the reference.
  func testFileReadAgreesWithTheValuesWrittenAcrossChunkBoundaries() throws {
    var generator = SplitMix(seed: 7)
    var expected: [[Double]] = [[], [], []]
    var text = "# über-header: Δt in µs\nt,y,dy\n"
    var row = 0
    while row < 12_000 {
      let values = [
        Double(row) * 0.001,
        (generator.nextDouble() - 0.5) * pow(10, Double(generator.next() % 40) - 20),
        generator.nextDouble() + 1e-3,
      ]
      for j in 0..<3 { expected[j].append(values[j]) }
      text += values.map { "\($0)" }.joined(separator: row % 3 == 0 ? ", " : ",")
      text += row % 5 == 0 ? "\r\n" : "\n"
      if row % 997 == 0 { text += "# ß∑ comment \(row) ✓\n" }
      if row == 9_000 { text += "#" + String(repeating: "é", count: 600_000) + "\n" }
      row += 1
    }
    text += "1e3,2,3"  // no final line break
    for (j, v) in [1e3, 2, 3].enumerated() { expected[j].append(v) }

    let path = try temporaryFile("stream.csv", Data(text.utf8))
    let table = try DataTable.read(contentsOf: path)
    XCTAssertEqual(table.names, ["t", "y", "dy"])
    XCTAssertEqual(table.rowCount, expected[0].count)
    for j in 0..<3 {
      XCTAssertTrue(
        zip(table.columns[j], expected[j]).allSatisfy { $0.bitPattern == $1.bitPattern },
        "column \(j)")
    }
    XCTAssertEqual(try DataTable.parse(text: text, source: path), table)
  }

  func testWhitespaceFileAcrossChunks() throws {
    var text = "# t counts\n"
    var expected: [Double] = []
    for i in 0..<100_000 {
      text += "\(i)\t \(i * 3)\n"
      expected.append(Double(i * 3))
    }
    let path = try temporaryFile("counts.dat", Data(text.utf8))
    let table = try DataTable.read(contentsOf: path)
    XCTAssertEqual(table.names, ["t", "counts"])
    XCTAssertEqual(table.columns[1], expected)
  }

  func testErrorsInLaterChunksNameTheirLine() throws {
    let rows = (0..<100_000).map { "\($0),\($0)\n" }.joined()  // ≈ 1.2 MiB
    let lines = 1 + 100_000
    let bad = try temporaryFile("bad.csv", Data(("a,b\n" + rows + "3,x\n").utf8))
    XCTAssertThrowsError(try DataTable.read(contentsOf: bad)) { error in
      XCTAssertEqual(
        "\(error)", "\(bad):\(lines + 1):2: expected a number in column \"b\", found 'x'")
    }
    let nul = try temporaryFile("nul.csv", Data(("a,b\n" + rows).utf8) + Data([0x31, 0x00, 0x0A]))
    XCTAssertThrowsError(try DataTable.read(contentsOf: nul)) { error in
      XCTAssertEqual(error as? DataError, .notText(source: nul))
    }
    let latin1 = try temporaryFile(
      "latin1.csv", Data(("a,b\n" + rows + "# caf").utf8) + Data([0xE9, 0x0A]))
    XCTAssertThrowsError(try DataTable.read(contentsOf: latin1)) { error in
      XCTAssertEqual("\(error)", "\(latin1): not a text file")
    }
  }

  /// A line longer than the limit ends the read with an error naming the line, before
  /// more than the limit is buffered; the same for text in memory.
  func testLineLengthLimit() throws {
    let limit = DataTable.maximumLineLength
    let long = Data("a,b\n1,2\n3,".utf8) + Data(repeating: UInt8(ascii: "1"), count: limit)
    let path = try temporaryFile("long.csv", long + Data("\n".utf8))
    let message =
      "\(path):3: line is longer than \(limit) bytes (16 MiB), the most a data "
      + "file's line may have"
    XCTAssertThrowsError(try DataTable.read(contentsOf: path)) { error in
      XCTAssertEqual("\(error)", message)
    }
    let text = String(decoding: long, as: UTF8.self)
    XCTAssertThrowsError(try DataTable.parse(text: text, source: path)) { error in
      XCTAssertEqual("\(error)", message)
    }
    // Just below the limit a (sixteen-million-digit) number is read.
    let number =
      Data("0.".utf8) + Data(repeating: UInt8(ascii: "0"), count: limit - 14)
      + Data("25e\(limit - 12)".utf8)
    XCTAssertEqual(number.count, limit - 1)
    let fits = try temporaryFile("fits.csv", Data("v\n".utf8) + number + Data("\n".utf8))
    XCTAssertEqual(try DataTable.read(contentsOf: fits).columns, [[25]])
  }

  func testColumnLimit() throws {
    let limit = DataTable.maximumColumns
    let names = (0...limit).map { "c\($0)" }.joined(separator: ",")
    XCTAssertThrowsError(try DataTable.parse(text: names + "\n", source: "wide.csv")) { error in
      XCTAssertEqual(
        "\(error)", "wide.csv:1: more than \(limit) columns, the most a data table may have")
    }
    let row = [String](repeating: "1", count: limit + 1).joined(separator: " ")
    XCTAssertThrowsError(try DataTable.parse(text: "# x\n" + row + "\n", source: "w.dat")) {
      XCTAssertEqual("\($0)", "w.dat:2: more than \(limit) columns, the most a data table may have")
    }
    let widest = [String](repeating: "2", count: limit).joined(separator: " ")
    let table = try DataTable.parse(text: widest + "\n", source: "w.dat")
    XCTAssertEqual(table.columnCount, limit)
    XCTAssertEqual(table.columns.last, [2])
  }

  func testDevicesAndEmptyStreams() throws {
    XCTAssertThrowsError(try DataTable.read(contentsOf: "/dev/null")) { error in
      XCTAssertEqual("\(error)", "/dev/null: file is empty")
    }
    XCTAssertThrowsError(try DataTable.read(contentsOf: "/dev/zero")) { error in
      XCTAssertEqual("\(error)", "/dev/zero: not a text file")
    }
  }
}

/// SplitMix64: a tiny deterministic generator for test data.
private struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }
}
