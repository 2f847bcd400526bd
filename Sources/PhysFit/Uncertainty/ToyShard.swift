import Foundation

/// The result file of one shard of a toy study (or of a whole study, shard 0/1):
/// the study's header, which toys it covers, and one record per toy, by index.
///
/// JSON, written atomically (``AtomicFile``), documented in docs/json-schema.md:
///
/// ```json
/// {"format": "physfit-toys", "version": 1, "study": {…ToyStudyHeader…},
///  "shard": {"index": 0, "count": 4}, "first": 0, "end": 250,
///  "records": [{"index": 0, "status": "converged", "values": […], …}, …]}
/// ```
public struct ToyShard: Sendable, Codable {
  /// The `format` field of every toy file.
  public static let formatName = "physfit-toys"
  /// The layout version this program writes and reads.
  public static let currentVersion = 1

  /// Always ``formatName``; checked on reading.
  public var format = ToyShard.formatName
  /// The layout version, ``currentVersion`` when written by this program.
  public var version = ToyShard.currentVersion
  /// The study the toys belong to (shards merge only when their headers agree).
  public var study: ToyStudyHeader
  /// Which part of the study's toys this file holds.
  public var shard: ShardSpec
  /// The first toy index of the shard.
  public var first: Int
  /// One past the last toy index of the shard.
  public var end: Int
  /// The toys' records, sorted by index.
  public var records: [ToyRecord]

  /// A shard of `study` holding `records` (sorted here), covering `shard`'s range.
  public init(study: ToyStudyHeader, shard: ShardSpec, records: [ToyRecord]) {
    let range = shard.range(toys: study.toys)
    self.study = study
    self.shard = shard
    self.first = range.lowerBound
    self.end = range.upperBound
    self.records = records.sorted { $0.index < $1.index }
  }

  /// The toy indices this shard is responsible for.
  public var range: Range<Int> { first..<end }

  /// The indices in ``range`` that have no record yet.
  public var missing: [Int] {
    let done = Set(records.map(\.index))
    return range.filter { !done.contains($0) }
  }

  /// The summary of this shard's records (the whole study's, after a merge).
  public var report: ToyReport { ToyReport(study: study, records: records) }

  /// The file's bytes: pretty-printed JSON with sorted keys.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  /// Writes the file atomically: it appears complete or not at all.
  public func write(to path: String) throws {
    try AtomicFile.write(encoded(), to: path)
  }

  /// Reads a toy file; throws ``ToyFileError`` naming the file and what is wrong.
  public static func read(from path: String) throws(ToyFileError) -> ToyShard {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ToyFileError(
        "\(path): cannot read the file (\((error as NSError).localizedDescription))")
    }
    return try decode(data, name: path)
  }

  /// Decodes a toy file's bytes; `name` is used in errors.
  public static func decode(_ data: Data, name: String) throws(ToyFileError) -> ToyShard {
    struct Probe: Decodable {
      var format: String?
      var version: Int?
    }
    guard let probe = try? JSONDecoder().decode(Probe.self, from: data),
      probe.format == formatName
    else {
      throw ToyFileError("\(name): not a PhysFit toy file (no \"format\": \"\(formatName)\")")
    }
    guard probe.version == currentVersion else {
      throw ToyFileError(
        "\(name): toy file version \(probe.version.map(String.init) ?? "?") is not the version "
          + "\(currentVersion) this program reads")
    }
    let shard: ToyShard
    do {
      shard = try JSONDecoder().decode(ToyShard.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw ToyFileError("\(name): missing field '\(Self.path(context.codingPath + [key]))'")
    } catch let DecodingError.typeMismatch(_, context) {
      throw ToyFileError("\(name): field '\(Self.path(context.codingPath))' has the wrong type")
    } catch let DecodingError.valueNotFound(_, context) {
      throw ToyFileError("\(name): field '\(Self.path(context.codingPath))' is null")
    } catch {
      throw ToyFileError("\(name): malformed toy file (\(error))")
    }
    try shard.check(name: name)
    return shard
  }

  /// The consistency of one file: its range is its shard's, and every record index
  /// lies in it, once, with as many values as the study has parameters.
  func check(name: String) throws(ToyFileError) {
    let expected = shard.range(toys: study.toys)
    guard study.toys >= 0, shard.count >= 1, (0..<shard.count).contains(shard.index),
      range == expected
    else {
      throw ToyFileError(
        "\(name): shard \(shard) of \(study.toys) toys should hold toys \(expected.lowerBound)..<\(expected.upperBound), but the file says \(first)..<\(end)"
      )
    }
    var seen = Set<Int>()
    for r in records {
      guard range.contains(r.index) else {
        throw ToyFileError(
          "\(name): toy \(r.index) lies outside the shard's toys \(first)..<\(end)")
      }
      guard seen.insert(r.index).inserted else {
        throw ToyFileError("\(name): toy \(r.index) appears twice")
      }
      let p = study.parameters.count
      guard r.status == .failed || (r.values.count == p && r.errors.count == p) else {
        throw ToyFileError("\(name): toy \(r.index) does not have \(p) values and errors")
      }
      guard r.intervals.isEmpty || r.intervals.count == study.minos.count else {
        throw ToyFileError(
          "\(name): toy \(r.index) has \(r.intervals.count) profile intervals, not \(study.minos.count)"
        )
      }
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
      .replacingOccurrences(of: ".[", with: "[")
  }
}

/// A toy file that cannot be read or merged; the message names the file(s).
public struct ToyFileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The one-line message.
  public var description: String

  /// An error with the message `description`.
  public init(_ description: String) { self.description = description }
}
