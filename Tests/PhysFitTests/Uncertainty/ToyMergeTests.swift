import Foundation
import XCTest

@testable import PhysFit

/// The checks of a merge: every error names the files and the toys involved.
final class ToyMergeTests: XCTestCase {
  func header(seed: UInt64 = 1, toys: Int = 10, fingerprint: String = "model") -> ToyStudyHeader {
    ToyStudyHeader(
      seed: seed, toys: toys, parameters: ["a"], free: [true], truth: [1], observedMinimum: 3,
      errorDefinition: 1, confidenceLevel: 0.68, minos: [], fingerprint: fingerprint)
  }

  func shard(_ i: Int, of m: Int, header h: ToyStudyHeader? = nil, drop: Int? = nil) throws
    -> ToyShard
  {
    let h = h ?? header()
    let spec = try ShardSpec(index: i, count: m)
    let records = spec.range(toys: h.toys).filter { $0 != drop }.map {
      ToyRecord(
        index: $0, status: .converged, reason: nil, values: [1 + 0.01 * Double($0)],
        errors: [0.1], minimum: 2, dataCount: 5, intervals: [])
    }
    return ToyShard(study: h, shard: spec, records: records)
  }

  func assertMergeFails(_ files: [(String, ToyShard)], _ expected: String) {
    XCTAssertThrowsError(try ToyShard.merge(files.map { (name: $0.0, shard: $0.1) })) { error in
      XCTAssertTrue("\(error)".contains(expected), "\(error) does not say \(expected)")
    }
  }

  func testMixedSplitsTileTheStudy() throws {
    let merged = try ToyShard.merge(
      [
        ("b", try shard(1, of: 2)), ("a0", try shard(0, of: 4)), ("a1", try shard(1, of: 4)),
      ].map { (name: $0.0, shard: $0.1) })
    XCTAssertEqual(merged.records.map(\.index), Array(0..<10))
  }

  func testGapOverlapIncompleteAndDifferentStudiesAreErrors() throws {
    assertMergeFails(
      [("s0", try shard(0, of: 4)), ("s2", try shard(2, of: 4)), ("s3", try shard(3, of: 4))],
      "toys 2..<5 are missing")
    assertMergeFails(
      [("s0", try shard(0, of: 2)), ("t0", try shard(0, of: 2)), ("s1", try shard(1, of: 2))],
      "s0 and t0 both hold toys 0..<5")
    assertMergeFails(
      [("s0", try shard(0, of: 2)), ("s1", try shard(1, of: 2, drop: 7))],
      "s1 is incomplete")
    assertMergeFails(
      [("s0", try shard(0, of: 2)), ("s1", try shard(1, of: 2, header: header(seed: 2)))],
      "s1 and s0 are different studies (seed: 2 vs 1)")
    assertMergeFails(
      [("s0", try shard(0, of: 2)), ("s1", try shard(1, of: 2, header: header(fingerprint: "x")))],
      "different studies (model, data or settings")
    assertMergeFails([("s0", try shard(0, of: 2))], "toys 5..<10 are missing")
  }

  func testMalformedFilesNameTheProblem() throws {
    XCTAssertThrowsError(try ToyShard.decode(Data("{}".utf8), name: "x.json")) {
      XCTAssertEqual("\($0)", "x.json: not a PhysFit toy file (no \"format\": \"physfit-toys\")")
    }
    var good = try shard(0, of: 2)
    good.records.append(good.records[0])
    XCTAssertThrowsError(try ToyShard.decode(try good.encoded(), name: "y.json")) {
      XCTAssertEqual("\($0)", "y.json: toy 0 appears twice")
    }
    let text = String(decoding: try shard(0, of: 2).encoded(), as: UTF8.self)
      .replacingOccurrences(of: "\"seed\" : 1", with: "\"seed\" : \"one\"")
    XCTAssertThrowsError(try ToyShard.decode(Data(text.utf8), name: "z.json")) {
      XCTAssertEqual("\($0)", "z.json: field 'study.seed' has the wrong type")
    }
  }

  func testShardSpecParsing() throws {
    XCTAssertEqual(try ShardSpec(parsing: "3/4").range(toys: 1000), 750..<1000)
    XCTAssertThrowsError(try ShardSpec(parsing: "4/4"))
    XCTAssertThrowsError(try ShardSpec(parsing: "1-4"))
  }

  /// Finite doubles survive the JSON round trip bit for bit; NaN is written as null.
  func testRecordsRoundTripExactly() throws {
    var random = RandomSource(seed: 3)
    let values = (0..<200).map { _ in
      random.normal() * pow(10, Double(Int(random.uniform() * 40) - 20))
    }
    let record = ToyRecord(
      index: 0, status: .converged, reason: nil, values: values, errors: values.map { abs($0) },
      minimum: .nan, dataCount: 1, intervals: [])
    let data = try JSONEncoder().encode(record)
    let back = try JSONDecoder().decode(ToyRecord.self, from: data)
    XCTAssertEqual(back.values.map(\.bitPattern), values.map(\.bitPattern))
    XCTAssertTrue(back.minimum.isNaN)
    XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"minimum\":null"))
  }
}
