// Reading speed and peak memory of PhysFit's data reader, for benchmarks/read_vs_numpy_pandas.py.
//
//   ReadBenchmark FILE     reads FILE with DataTable.read(contentsOf:) once
//   ReadBenchmark --idle   reads nothing (the process's own baseline memory)
//
// Prints one JSON line: rows, columns, seconds (wall clock of the read alone),
// cpuSeconds (user + system time of the read), the sum of each column (so the script can
// check that every reader read the same numbers), and peakKiB, the process's peak
// resident set size: VmHWM of /proc/self/status, which counts this program image only
// (getrusage's ru_maxrss would also carry the RSS of the parent that forked it).
import Foundation
import PhysFit

/// VmHWM (peak resident set size) in KiB, from /proc/self/status.
func peakResidentKiB() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
    return -1
  }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
  }
  return -1
}

/// User + system CPU seconds of this process so far.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func measure(_ path: String) throws -> [String: Any] {
  var result: [String: Any] = [:]
  if path != "--idle" {
    let cpuStart = cpuSeconds()
    let start = ContinuousClock.now
    let table = try DataTable.read(contentsOf: path)
    let elapsed = ContinuousClock.now - start
    result["cpuSeconds"] = cpuSeconds() - cpuStart
    result["seconds"] =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    result["rows"] = table.rowCount
    result["columns"] = table.columnCount
    result["sums"] = table.columns.map { column in column.reduce(0.0) { $0 + $1 } }
  }
  result["peakKiB"] = peakResidentKiB()
  return result
}

guard let path = CommandLine.arguments.dropFirst().first else {
  FileHandle.standardError.write(Data("usage: ReadBenchmark FILE | --idle\n".utf8))
  exit(64)
}
let json = try JSONSerialization.data(withJSONObject: try measure(path), options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
