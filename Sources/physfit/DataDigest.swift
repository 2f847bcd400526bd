import PhysFit

/// A digest of the numbers a command read, for checkpoints and toy files: a rerun
/// resumes or merges only when its data are the same bit for bit.
enum DataDigest {
  /// FNV-1a (64-bit) over the bit patterns of `columns`, in order, as 16 hex digits:
  /// equal numbers give equal digests on every machine.
  static func fnv1a(_ columns: [[Double]]) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for column in columns {
      for v in column {
        var bits = v.bitPattern
        for _ in 0..<8 {
          h ^= bits & 0xff
          h = h &* 0x100_0000_01b3
          bits >>= 8
        }
      }
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The digest of the inputs, y and σ of `data`.
  static func fnv1a(_ data: SelectedData) -> String {
    fnv1a([data.inputs.elements, data.y ?? [], data.sigma ?? []])
  }
}
