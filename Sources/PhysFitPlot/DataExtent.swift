/// The extent of the data of a set of series along one axis, counting only values the
/// axis's scale can show (> 0 on a log axis) and including error bars, bands, bin edges
/// and reference lines.
enum DataExtent {
  static func x(of series: [Series], _ scale: Scale) -> ClosedRange<Double>? {
    var values: [Double] = []
    for s in series {
      switch s.kind {
      case .line(let x, _), .band(let x, _, _): values += x
      case .points(let x, _, let xErrors, _):
        values += x
        if let xErrors {
          for (v, e) in zip(x, xErrors) where e.isFinite {
            values.append(v - abs(e))
            values.append(v + abs(e))
          }
        }
      case .step(let edges, _): values += edges
      case .heatMap(let map): values += map.xEdges
      case .verticalLine(let x): values.append(x)
      case .horizontalLine: break
      }
    }
    return extent(values, scale)
  }

  static func y(of series: [Series], _ scale: Scale) -> ClosedRange<Double>? {
    var values: [Double] = []
    for s in series {
      switch s.kind {
      case .line(_, let y): values += y
      case .band(_, let lower, let upper): values += lower + upper
      case .points(_, let y, _, let yErrors):
        values += y
        if let yErrors {
          for (v, e) in zip(y, yErrors) where e.isFinite {
            values.append(v - abs(e))
            values.append(v + abs(e))
          }
        }
      case .step(_, let v):
        values += v
        if scale == .linear { values.append(0) }  // a histogram stands on zero
      case .heatMap(let map): values += map.yEdges
      case .horizontalLine(let y): values.append(y)
      case .verticalLine: break
      }
    }
    return extent(values, scale)
  }

  private static func extent(_ values: [Double], _ scale: Scale) -> ClosedRange<Double>? {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite && (scale == .linear || v > 0) {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    return lo <= hi ? lo...hi : nil
  }
}
