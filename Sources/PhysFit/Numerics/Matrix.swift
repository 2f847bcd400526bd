/// A dense matrix of `Double` in column-major order.
///
/// Column-major because models are evaluated column by column: the inputs of a
/// dataset are columns (one per observable), and the Jacobian ∂ŷ/∂θ is filled one
/// parameter column at a time over the whole batch. Element (i, j) lives at
/// `elements[i + j * rows]`.
public struct Matrix: Sendable, Equatable {
  /// The number of rows.
  public private(set) var rows: Int
  /// The number of columns.
  public private(set) var columns: Int
  /// The elements in column-major order: (i, j) at `i + j * rows`.
  public var elements: [Double]

  /// A `rows × columns` matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix whose columns are the given arrays (all of equal length).
  public init(columns: [[Double]]) {
    let rows = columns.first?.count ?? 0
    precondition(columns.allSatisfy { $0.count == rows }, "Matrix columns must have equal length")
    self.rows = rows
    self.columns = columns.count
    self.elements = columns.flatMap { $0 }
  }

  /// A single-column matrix.
  public init(column: [Double]) {
    self.init(columns: [column])
  }

  /// Element (row, column), 0-based.
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { elements[row + column * rows] }
    set { elements[row + column * rows] = newValue }
  }

  /// A copy of column `j`.
  public func column(_ j: Int) -> [Double] {
    Array(elements[(j * rows)..<((j + 1) * rows)])
  }

  /// Reshapes in place, keeping the storage when the size is unchanged and
  /// growing it otherwise. Used for output buffers that are reused across calls.
  public mutating func resize(rows: Int, columns: Int) {
    if self.rows == rows && self.columns == columns { return }
    self.rows = rows
    self.columns = columns
    let count = rows * columns
    if elements.count != count {
      elements = Array(repeating: 0, count: count)
    }
  }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns {
      for i in 0..<rows { t[j, i] = self[i, j] }
    }
    return t
  }
}
