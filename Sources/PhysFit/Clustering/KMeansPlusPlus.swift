/// k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre is a point drawn
/// uniformly, each further centre a point drawn with probability ∝ D(x)², its squared
/// distance to the nearest centre chosen so far. In expectation within O(log K) of the
/// optimal inertia, and far less prone than uniform seeding to put two centres into
/// one cluster.
enum KMeansPlusPlus {
  /// Row indices of `count` seeds drawn from `data` (n × d) with `random`. When fewer
  /// than `count` distinct points exist, the remaining seeds are drawn uniformly.
  static func seeds(_ data: Matrix, count: Int, random: inout RandomSource) -> [Int] {
    let n = data.rows
    let d = data.columns
    var chosen = [uniformIndex(n, &random)]
    var nearest = Array(repeating: Double.infinity, count: n)
    while chosen.count < count {
      let last = chosen[chosen.count - 1]
      var total = 0.0
      data.elements.withUnsafeBufferPointer { x in
        for i in 0..<n {
          var distance = 0.0
          for j in 0..<d {
            let delta = x[i + j * n] - x[last + j * n]
            distance += delta * delta
          }
          if distance < nearest[i] { nearest[i] = distance }
          total += nearest[i]
        }
      }
      guard total > 0 else {
        chosen.append(uniformIndex(n, &random))
        continue
      }
      let target = random.uniform() * total
      var cumulative = 0.0
      // Rounding can leave the target past the last sum: then the last candidate.
      var pick = nearest.lastIndex { $0 > 0 } ?? (n - 1)
      for i in 0..<n {
        cumulative += nearest[i]
        if cumulative > target, nearest[i] > 0 {
          pick = i
          break
        }
      }
      chosen.append(pick)
    }
    return chosen
  }

  /// A uniform index in 0..<n.
  static func uniformIndex(_ n: Int, _ random: inout RandomSource) -> Int {
    min(Int(random.uniform() * Double(n)), n - 1)
  }
}
