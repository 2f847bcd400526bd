import Foundation

/// How one optimizer's best value approaches the reference as evaluations are spent:
/// the median over starts of the best-so-far gap, with its quartiles — the data of a
/// convergence figure (log scale in both axes).
///
/// A run's best-so-far gap at e evaluations is g(e) = min f − f* over its iteration
/// reports with at most e evaluations (and its final value at its total); +∞ before
/// its first report, and its final gap after it stopped. The curve ends at the largest
/// number of evaluations any of the optimizer's runs used. Gaps below
/// ``gapFloor(reference:)`` — a few units of rounding of f* — are shown at that floor,
/// since a logarithmic axis has no place for 0.
public struct ConvergenceCurve: Sendable {
  /// The optimizer's name.
  public var optimizer: String
  /// Evaluation counts (log-spaced).
  public var evaluations: [Double]
  /// Median gap over starts at each count.
  public var median: [Double]
  /// First and third quartile of the gap at each count.
  public var lower: [Double]
  /// Third quartile of the gap at each count (the first is ``lower``).
  public var upper: [Double]

  /// The smallest gap a curve shows: 10⁻¹⁵·max(|f*|, 1).
  public static func gapFloor(reference: Double) -> Double {
    1e-15 * max(abs(reference), 1)
  }

  /// The curve of `runs` (one optimizer's) against `reference`, on `points` log-spaced
  /// evaluation counts from 1 to `maxEvaluations`.
  public init(
    optimizer: String, runs: [RunRecord], reference: Double, maxEvaluations: Int,
    points: Int = 100
  ) {
    self.optimizer = optimizer
    let top = Double(max(maxEvaluations, 2))
    var grid = (0..<points).map { k in
      (Foundation.pow(top, Double(k) / Double(max(points - 1, 1)))).rounded()
    }
    let own = runs.filter { $0.status != .notApplicable }.map(\.evaluations.calls).max() ?? 0
    grid = Array(Set(grid.filter { $0 <= Double(own) } + [Double(max(own, 1))])).sorted()
    evaluations = grid
    let floor = Self.gapFloor(reference: reference)
    let staircases = runs.filter { $0.status != .notApplicable }.map(Self.staircase)
    var median: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []
    for e in grid {
      let gaps = staircases.map { steps -> Double in
        guard let step = steps.last(where: { $0.evaluations <= e }) else { return .infinity }
        return max(step.best - reference, floor)
      }
      let q = Quartiles(gaps)
      median.append(q.median)
      lower.append(q.lower)
      upper.append(q.upper)
    }
    self.median = median
    self.lower = lower
    self.upper = upper
  }

  /// (evaluations, best value so far) after each iteration and at the end of a run.
  static func staircase(_ run: RunRecord) -> [(evaluations: Double, best: Double)] {
    var steps = run.trace.map { (Double($0.evaluations.calls), $0.bestValue) }
    let last = steps.last?.1 ?? .infinity
    let final = run.value.isFinite ? min(last, run.value) : last
    steps.append((Double(run.evaluations.calls), final))
    return steps
  }
}
