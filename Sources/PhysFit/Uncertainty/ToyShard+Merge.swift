extension ToyShard {
  /// Combines the shard files of one study into the whole study (shard 0/1), whose
  /// ``report`` is bit-identical to a single run's: the records are sorted by toy
  /// index, and every statistic sums them in that order.
  ///
  /// Checks, each failure naming the files: all files describe the same study (seed,
  /// number of toys, fingerprint, parameters, truth, level; see
  /// ``ToyStudyHeader/difference(from:)``); each file is complete (a record for every
  /// toy of its shard); no two files hold the same toy; together they hold every toy
  /// 0 ..< N. Shards of different splits (2/4 with 1/2) may be mixed as long as they
  /// tile the study.
  ///
  /// - Parameter files: each file's name (for messages) and contents.
  public static func merge(_ files: [(name: String, shard: ToyShard)]) throws(ToyFileError)
    -> ToyShard
  {
    guard let first = files.first else { throw ToyFileError("no toy files to merge") }
    for file in files.dropFirst() {
      if let difference = file.shard.study.difference(from: first.shard.study) {
        throw ToyFileError(
          "\(file.name) and \(first.name) are different studies (\(difference))")
      }
    }
    for file in files {
      let missing = file.shard.missing
      if let m = missing.first {
        throw ToyFileError(
          "\(file.name) is incomplete: \(missing.count) of its toys \(file.shard.first)..<\(file.shard.end) have no record (the first is toy \(m)); rerun or resume that shard"
        )
      }
    }
    let ordered = files.sorted {
      ($0.shard.first, $0.shard.end) < ($1.shard.first, $1.shard.end)
    }
    var next = 0
    var previous: String?
    for file in ordered where !file.shard.range.isEmpty {
      let range = file.shard.range
      if range.lowerBound < next, let previous {
        throw ToyFileError(
          "\(previous) and \(file.name) both hold toys \(range.lowerBound)..<\(min(next, range.upperBound))"
        )
      }
      if range.lowerBound > next {
        throw ToyFileError(
          "toys \(next)..<\(range.lowerBound) are missing: no file holds them")
      }
      next = range.upperBound
      previous = file.name
    }
    let toys = first.shard.study.toys
    if next < toys {
      throw ToyFileError("toys \(next)..<\(toys) are missing: no file holds them")
    }
    let study = ordered.first { !$0.shard.range.isEmpty }?.shard.study ?? first.shard.study
    return ToyShard(
      study: study, shard: .whole, records: ordered.flatMap(\.shard.records))
  }
}
