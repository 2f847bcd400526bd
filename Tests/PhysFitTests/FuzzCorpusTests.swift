import Foundation
import FuzzSupport
import XCTest

@testable import PhysFit

/// Replays the saved fuzzing corpora (Fixtures/fuzz/<target>/, see docs/fuzzing.md)
/// through the library, exactly as the fuzz targets run them: nothing may trap, and
/// every input either succeeds or is rejected with the library's own error type, whose
/// message names a place inside the input.
final class FuzzCorpusTests: XCTestCase {
  private func corpus(_ target: String) throws -> [URL] {
    let resources = try XCTUnwrap(Bundle.module.resourceURL, "test bundle has no resources")
    let directory = resources.appendingPathComponent("Fixtures/fuzz/\(target)")
    let files = try FileManager.default.contentsOfDirectory(
      at: directory, includingPropertiesForKeys: nil
    ).filter { !$0.lastPathComponent.hasPrefix(".") }
    return files.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  func testFormulaCorpus() throws {
    let files = try corpus("FuzzFormula")
    XCTAssertGreaterThanOrEqual(files.count, 20)
    var parsed = 0
    var rejected = 0
    for file in files {
      let formula = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      let outcomes = FormulaFuzzing.exercise(formula)
      XCTAssertEqual(outcomes.count, FormulaFuzzing.inputChoices.count)
      for outcome in outcomes {
        switch outcome {
        case .parsed:
          parsed += 1
        case .rejected(let error):
          rejected += 1
          XCTAssertEqual(error.formula, formula, file.lastPathComponent)
          XCTAssertTrue(
            (1...formula.count + 1).contains(error.column),
            "\(file.lastPathComponent): column \(error.column) of \(formula.count)")
          XCTAssertFalse(error.message.isEmpty, file.lastPathComponent)
          XCTAssertEqual(error.description.split(separator: "\n").count, 3)
        }
      }
    }
    // The corpus holds both kinds.
    XCTAssertGreaterThan(parsed, 0)
    XCTAssertGreaterThan(rejected, 0)
  }

  func testDataReaderCorpus() throws {
    let files = try corpus("FuzzDataReader")
    XCTAssertGreaterThanOrEqual(files.count, 20)
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("physfit-fuzz-corpus-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var tables = 0
    var rejected = 0
    for file in files {
      let data = try Data(contentsOf: file)
      let outcomes = data.withUnsafeBytes { bytes in
        DataFuzzing.exercise(bytes, directory: directory.path)
      }
      XCTAssertEqual(outcomes.count, DataFuzzing.readings.count)
      for outcome in outcomes {
        switch outcome {
        case .table(let table):
          tables += 1
          XCTAssertGreaterThan(table.rowCount, 0, file.lastPathComponent)
        case .rejected(let error):
          rejected += 1
          XCTAssertTrue(
            error.description.contains(directory.path) || "\(error)".contains("no column"),
            "\(file.lastPathComponent): \(error)")
        }
      }
    }
    XCTAssertGreaterThan(tables, 0)
    XCTAssertGreaterThan(rejected, 0)
  }
}
