import Foundation

/// Lloyd's algorithm for one k-means start, with buffers reused across starts.
struct Lloyd {
  let data: Matrix
  let clusterCount: Int
  private var centers: Matrix
  private var assignments: [Int]
  private var distances: [Double]
  private var counts: [Int]

  /// One start's outcome.
  struct Run {
    var centers: Matrix
    var assignments: [Int]
    var inertia: Double
    var iterations: Int
    var reason: StopReason
  }

  init(data: Matrix, clusterCount: Int) {
    self.data = data
    self.clusterCount = clusterCount
    centers = Matrix(rows: clusterCount, columns: data.columns)
    assignments = Array(repeating: -1, count: data.rows)
    distances = Array(repeating: 0, count: data.rows)
    counts = Array(repeating: 0, count: clusterCount)
  }

  /// Runs from the centres at rows `seeds` until no assignment changes, the iteration
  /// limit or the time limit; `report(inertia, centre shift)` after every update.
  mutating func run(
    from seeds: [Int], stopping: StoppingRule, started: ContinuousClock.Instant,
    report: (Double, Double) -> Void
  ) -> Run {
    for (k, i) in seeds.enumerated() {
      for j in 0..<data.columns { centers[k, j] = data[i, j] }
    }
    for i in assignments.indices { assignments[i] = -1 }
    var reason = StopReason.maxIterations
    var iterations = 0
    while true {
      let changed = assign() + refillEmptyClusters()
      if changed == 0 {
        reason = .stepTolerance
        break
      }
      if iterations == stopping.maxIterations { break }
      iterations += 1
      let shift = update()
      report(inertia, shift)
      if let limit = stopping.timeLimit, KMeans.seconds(since: started) > limit {
        reason = .timeLimit
        _ = assign()
        break
      }
    }
    return Run(
      centers: centers, assignments: assignments, inertia: inertia, iterations: iterations,
      reason: reason)
  }

  /// Σᵢ of the squared distances of the current assignment.
  private var inertia: Double { distances.reduce(0, +) }

  /// Assigns every point to its nearest centre (the first on ties); returns how many
  /// points changed cluster.
  private mutating func assign() -> Int {
    let n = data.rows
    let d = data.columns
    let k = clusterCount
    var changed = 0
    for c in 0..<k { counts[c] = 0 }
    data.elements.withUnsafeBufferPointer { x in
      centers.elements.withUnsafeBufferPointer { c in
        for i in 0..<n {
          var best = 0
          var bestDistance = Double.infinity
          for a in 0..<k {
            var distance = 0.0
            for j in 0..<d {
              let delta = x[i + j * n] - c[a + j * k]
              distance += delta * delta
            }
            if distance < bestDistance {
              bestDistance = distance
              best = a
            }
          }
          if assignments[i] != best { changed += 1 }
          assignments[i] = best
          distances[i] = bestDistance
          counts[best] += 1
        }
      }
    }
    return changed
  }

  /// Gives every empty cluster the point farthest from its own centre (taken from a
  /// cluster with more than one point); returns how many points moved.
  private mutating func refillEmptyClusters() -> Int {
    var moved = 0
    for empty in 0..<clusterCount where counts[empty] == 0 {
      var farthest = -1
      for i in 0..<data.rows where counts[assignments[i]] > 1 {
        if farthest < 0 || distances[i] > distances[farthest] { farthest = i }
      }
      guard farthest >= 0 else { break }
      counts[assignments[farthest]] -= 1
      assignments[farthest] = empty
      counts[empty] = 1
      distances[farthest] = 0
      for j in 0..<data.columns { centers[empty, j] = data[farthest, j] }
      moved += 1
    }
    return moved
  }

  /// Moves every centre to the mean of its points; returns ‖Δc‖₂ over all centres.
  private mutating func update() -> Double {
    let n = data.rows
    let d = data.columns
    let k = clusterCount
    var sums = Matrix(rows: k, columns: d)
    for i in 0..<n {
      for j in 0..<d { sums[assignments[i], j] += data[i, j] }
    }
    var shift = 0.0
    for a in 0..<k where counts[a] > 0 {
      for j in 0..<d {
        let new = sums[a, j] / Double(counts[a])
        shift += (new - centers[a, j]) * (new - centers[a, j])
        centers[a, j] = new
      }
    }
    return shift.squareRoot()
  }
}
