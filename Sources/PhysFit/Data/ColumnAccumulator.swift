/// Collects the values of a table's rows into its columns.
///
/// Rows are parsed into a small staging block (column-major, a fixed number of rows)
/// and appended to the `[Double]` columns a block at a time, so the per-value cost is a
/// store, not an `Array.append` with its uniqueness and capacity checks. A row is only
/// kept once all its values parsed (`commitRow`), so a failed fast attempt leaves
/// nothing behind.
///
/// Capacity: at the first full block the number of rows is estimated from the bytes
/// per row so far and the input's size, with a quarter of margin, and reserved; the
/// reservation costs no resident memory until it is written, and it spares the copies
/// (and the transient double footprint) of repeated growth.
final class ColumnAccumulator {
  let count: Int
  private(set) var columns: [[Double]]
  /// Rows per staging block: at most 4096, at most 1 MiB of staging, and no more than
  /// the input can hold (a row of n values takes at least 2n bytes).
  let blockRows: Int
  private let staging: UnsafeMutablePointer<Double>
  private var stagedRows = 0
  private var rows = 0
  private var bytes = 0
  private let sizeHint: Int
  private var reserved = false

  init(columns count: Int, sizeHint: Int) {
    self.count = count
    self.sizeHint = sizeHint
    columns = [[Double]](repeating: [], count: count)
    let fit = sizeHint > 0 ? sizeHint / (2 * max(count, 1)) + 1 : 4096
    blockRows = max(1, min(4096, (1 << 17) / max(count, 1), fit))
    staging = .allocate(capacity: blockRows * count)
  }

  deinit { staging.deallocate() }

  /// Where value `j` of the row being parsed goes (stride `blockRows` between columns).
  @inline(__always)
  var rowPointer: UnsafeMutablePointer<Double> { staging + stagedRows }

  /// Keeps the row just written at `rowPointer`; `lineBytes` is its line's length.
  @inline(__always)
  func commitRow(lineBytes: Int) {
    stagedRows += 1
    bytes += lineBytes + 1
    if stagedRows == blockRows { flush() }
  }

  /// Moves the staged rows into the columns.
  func flush() {
    guard stagedRows > 0 else { return }
    if !reserved {
      reserved = true
      let total = rows + stagedRows
      let estimate = Double(total) * Double(sizeHint) / Double(max(bytes, 1)) * 1.25
      if estimate.isFinite && estimate > Double(total) {
        let capacity = Int(min(estimate, Double(sizeHint))) + 16
        for j in 0..<count { columns[j].reserveCapacity(capacity) }
      }
    }
    for j in 0..<count {
      columns[j].append(
        contentsOf: UnsafeBufferPointer(start: staging + j * blockRows, count: stagedRows))
    }
    rows += stagedRows
    stagedRows = 0
  }

  /// The columns, after a final flush.
  func finish() -> [[Double]] {
    flush()
    return columns
  }
}
