// Runs PhysFit's optimizers on standard test functions and prints one JSON line per
// case: evaluations and median time to reach the minimum. Used by
// benchmarks/optimizers_vs_scipy.py, which runs scipy's counterparts and prints ratios.
//
// Usage: OptimizerBenchmark [seeds, default 100]
import Foundation
import PhysFit

let seeds = CommandLine.arguments.count > 1 ? UInt64(CommandLine.arguments[1]) ?? 100 : 100

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Median time of repeated runs (≥ 20 runs and ≥ 0.2 s) after one warm-up.
func medianTime(_ body: () -> Void) -> Double {
  body()
  var times: [Double] = []
  let clock = ContinuousClock()
  let start = clock.now
  while times.count < 20 || seconds(clock.now - start) < 0.2 {
    let t0 = clock.now
    body()
    times.append(seconds(clock.now - t0))
  }
  return times.sorted()[times.count / 2]
}

func emit(_ fields: [String: Any]) {
  let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
  print(String(decoding: data, as: UTF8.self))
}

// Local optimizers on Rosenbrock 2-D from (−1.2, 1).
let locals: [(String, any Optimizer)] = [
  ("nelder-mead", NelderMead()), ("cg", ConjugateGradient(variant: .polakRibiere)),
  ("bfgs", BFGS()),
]
for (name, optimizer) in locals {
  let f = try TestFunction.rosenbrock(dimension: 2)
  let start = [-1.2, 1.0]
  let result = optimizer.minimize(f, from: start, observer: nil)
  let time = medianTime { _ = optimizer.minimize(f, from: start, observer: nil) }
  emit([
    "function": "rosenbrock-2d", "optimizer": name, "values": result.evaluations.values,
    "gradients": result.evaluations.gradients, "seconds": time,
    "distance": f.distanceToNearestMinimum(result.minimum), "value": result.value,
  ])
}

// Annealing + BFGS on Rastrigin from random starts in the box, over seeds.
for n in [2, 5] {
  var values: [Int] = []
  var gradients: [Int] = []
  var totals: [Int] = []
  var times: [Double] = []
  var successes = 0
  for seed in UInt64(0)..<seeds {
    let f = try TestFunction.rastrigin(dimension: n)
    var random = RandomSource.stream(seed: seed, index: 1)
    let start = (0..<n).map { random.uniform(f.lowerBounds[$0], f.upperBounds[$0]) }
    let pipeline = Pipeline(SimulatedAnnealing(seed: seed), then: BFGS())
    let clock = ContinuousClock()
    let t0 = clock.now
    let result = pipeline.minimize(f, from: start, observer: nil)
    times.append(seconds(clock.now - t0))
    values.append(result.evaluations.values)
    gradients.append(result.evaluations.gradients)
    totals.append(result.evaluations.total)
    if result.value < 1e-8, f.distanceToNearestMinimum(result.minimum) < 1e-4 { successes += 1 }
  }
  let median = { (v: [Int]) in v.sorted()[v.count / 2] }
  emit([
    "function": "rastrigin-\(n)d", "optimizer": "annealing+bfgs", "seeds": Int(seeds),
    "successes": successes, "values": median(values), "gradients": median(gradients),
    "total": median(totals), "seconds": times.sorted()[times.count / 2],
  ])
}
