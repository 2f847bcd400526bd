import Foundation
import PhysFit

/// What one fuzz input does to the data reader, shared by the `FuzzDataReader` target
/// and the corpus regression tests.
///
/// The bytes are written to a file and read back with every format, under a `.csv` and a
/// `.dat` name (the name steers automatic detection). Each read must give a table or
/// throw a ``DataError``; a table must be consistent (as many names as columns, columns
/// of one length, finite values, unique names). When the bytes are valid UTF-8, the
/// in-memory parser must agree exactly with the streaming file reader — the same table
/// or the same error message. A violation stops the program (a fuzzer finding).
public enum DataFuzzing {
  /// How one read fared.
  public enum Outcome {
    case table(DataTable)
    case rejected(DataError)
  }

  /// The (file name, format) pairs every input is read with.
  public static let readings: [(name: String, format: DataFormat)] = [
    ("fuzz.csv", .automatic), ("fuzz.dat", .automatic), ("fuzz.dat", .csv),
    ("fuzz.dat", .whitespace), ("fuzz.dat", .nistStRD),
  ]

  /// Reads `bytes` every way, in `directory` (which must exist; a RAM disk such as
  /// /dev/shm keeps the file system out of the measurement).
  public static func exercise(_ bytes: UnsafeRawBufferPointer, directory: String) -> [Outcome] {
    let data = Data(bytes)
    let text = String(validating: data, as: UTF8.self)
    var outcomes: [Outcome] = []
    for (name, format) in readings {
      let path = (directory as NSString).appendingPathComponent(name)
      write(bytes, to: path)
      let outcome = read { try DataTable.read(contentsOf: path, format: format) }
      if let text {
        let inMemory = read { try DataTable.parse(text: text, source: path, format: format) }
        check(outcome, agreesWith: inMemory, name: name, format: format)
      }
      if case .table(let table) = outcome { checkConsistency(table) }
      outcomes.append(outcome)
    }
    return outcomes
  }

  /// Writes the input in place (no temporary file and rename: this runs thousands of
  /// times a second).
  private static func write(_ bytes: UnsafeRawBufferPointer, to path: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot write the fuzz input to \(path)") }
    defer { close(descriptor) }
    var offset = 0
    while offset < bytes.count, let base = bytes.baseAddress {
      let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
      guard written > 0 else { fatalError("cannot write the fuzz input to \(path)") }
      offset += written
    }
  }

  private static func read(_ body: () throws -> DataTable) -> Outcome {
    do {
      return .table(try body())
    } catch let error as DataError {
      _ = error.description
      return .rejected(error)
    } catch {
      fatalError("the data reader threw a non-DataError: \(error)")
    }
  }

  private static func check(
    _ file: Outcome, agreesWith memory: Outcome, name: String, format: DataFormat
  ) {
    switch (file, memory) {
    case (.table(let a), .table(let b)) where a == b: return
    case (.rejected(let a), .rejected(let b)) where a == b: return
    default:
      fatalError("file and in-memory readers disagree (\(name), \(format)): \(file) vs \(memory)")
    }
  }

  private static func checkConsistency(_ table: DataTable) {
    precondition(table.names.count == table.columnCount, "one name per column")
    precondition(table.columnCount > 0 && table.rowCount > 0, "a table has values")
    precondition(Set(table.names).count == table.names.count, "unique names")
    for column in table.columns {
      precondition(column.count == table.rowCount, "columns of one length")
      precondition(column.allSatisfy(\.isFinite), "finite values")
    }
    for selector in ["1", "x", "y", "\(table.columnCount)", "0", ""] {
      _ = try? table.column(selector)
    }
  }
}
