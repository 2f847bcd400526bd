/// JSON has no NaN or infinity: toy files write non-finite numbers as `null` and
/// read `null` back as NaN. Finite values round-trip exactly (the shortest decimal
/// that reads back to the same bits), which keeps merged toy studies bit-identical
/// to single runs.
struct NullableDouble: Codable, Hashable, Sendable {
  var value: Double

  init(_ value: Double) { self.value = value }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    value = container.decodeNil() ? .nan : try container.decode(Double.self)
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
  }
}

extension Array where Element == Double {
  var nullable: [NullableDouble] { map(NullableDouble.init) }
}

extension Array where Element == NullableDouble {
  var doubles: [Double] { map(\.value) }
}
