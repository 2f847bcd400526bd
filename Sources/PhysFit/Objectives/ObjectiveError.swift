/// Why an objective could not be built from the given data. Thrown for bad input, with
/// the 1-based row and the value at fault.
public enum ObjectiveError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Two data arrays of different lengths.
  case lengthMismatch(String)
  /// A value that is NaN or infinite: which array and the 1-based row.
  case nonFinite(what: String, row: Int)
  /// A value outside its allowed range: which array, the 1-based row, the value and
  /// what was expected.
  case outOfRange(what: String, row: Int, value: Double, expected: String)
  /// A setting of the objective itself that is out of range.
  case invalidSetting(String)

  public var description: String {
    switch self {
    case .lengthMismatch(let what): what
    case .nonFinite(let what, let row): "\(what) is not finite at row \(row)"
    case .outOfRange(let what, let row, let value, let expected):
      "\(what) must be \(expected): \(value) at row \(row)"
    case .invalidSetting(let what): what
    }
  }

  /// Checks that every value is finite and satisfies `isValid`.
  static func check(
    _ values: [Double], _ what: String, expected: String, _ isValid: (Double) -> Bool
  ) throws(ObjectiveError) {
    for (i, v) in values.enumerated() {
      guard v.isFinite else { throw .nonFinite(what: what, row: i + 1) }
      guard isValid(v) else {
        throw .outOfRange(what: what, row: i + 1, value: v, expected: expected)
      }
    }
  }

  /// Checks that `values` has `count` entries.
  static func checkLength(_ values: [Double], _ what: String, count: Int, of other: String)
    throws(ObjectiveError)
  {
    guard values.count == count else {
      throw .lengthMismatch("\(what) has \(values.count) values but \(other) has \(count)")
    }
  }
}
