// Training speed of PhysFit networks, for benchmarks/networks_vs_torch.py.
//
//   NetworkBenchmark --R R.csv --C digits.csv --W W.csv [--cases R,C,W] [--seeds 1,2,3]
//                    [--through fit|optimizer] [--dgemm 2048]
//
// Cases (data written by the script; the last CSV column is the target or label):
//   R  2-64-64-1 tanh, mean squared error, batch 256, 20 epochs
//   C  64-128-10 ReLU, softmax cross-entropy, batch 64, 50 epochs
//   W  256-1024-1024-10 ReLU, softmax cross-entropy, batch 512, 5 epochs
// All with Adam (η = 10⁻³, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸) through the generic
// interfaces: `Fit(model:inputs:objective:)` and `GradientDescent.adam` in mini-batch mode.
//
// Prints one JSON line per case and seed: samplesPerSecond = epochs·n / training seconds,
// finalLoss = mean loss per point over all training points at the final weights (MSE for
// R, −ln softmax(z)_label for C and W), and one line with the dgemm rate (n³ product
// through cblas_dgemm, the call PhysFit's BLAS wrapper makes) and W's useful FLOP/s.
//
// --through optimizer: `GradientDescent.minimize` on the fit's `FitProblem`
//   (the `Optimizer` and `Minimizable` interfaces every fit uses), from the fit's start.
// --through fit (default): `fit.minimize(using:)`; the training time is the optimizer's own clock
//   at the last epoch report (IterationReport.elapsed); totalSeconds is the whole call
//   (a network's Fit skips the covariance: `estimatesErrors` is off for networks).
//
// exactObjectiveShare: (epochs + 1) × the time of one exact objective + gradient over all
// points, over the training time — the part of it spent in the epoch loop's per-epoch
// exact evaluation.
import CGSL
import Foundation
import PhysFit

struct Case {
  let name: String
  let widths: [Int]
  let activation: Activation
  let batchSize: Int
  let epochs: Int
  let classification: Bool
}

let allCases = [
  Case(
    name: "R", widths: [2, 64, 64, 1], activation: .tanh, batchSize: 256, epochs: 20,
    classification: false),
  Case(
    name: "C", widths: [64, 128, 10], activation: .relu, batchSize: 64, epochs: 50,
    classification: true),
  Case(
    name: "W", widths: [256, 1024, 1024, 10], activation: .relu, batchSize: 512, epochs: 5,
    classification: true),
]

struct Options {
  var files: [String: String] = [:]
  var cases = ["R", "C", "W"]
  var seeds: [UInt64] = [1]
  var throughFit = true
  var dgemmSize = 2048
}

func parseOptions() -> Options {
  var options = Options()
  var arguments = CommandLine.arguments.dropFirst()
  func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("NetworkBenchmark: \(message)\n".utf8))
    exit(2)
  }
  while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    switch flag {
    case "--R", "--C", "--W": options.files[String(flag.dropFirst(2))] = value
    case "--cases": options.cases = value.split(separator: ",").map(String.init)
    case "--seeds":
      options.seeds = value.split(separator: ",").compactMap { UInt64($0) }
    case "--through":
      guard value == "fit" || value == "optimizer" else { fail("--through fit|optimizer") }
      options.throughFit = value == "fit"
    case "--dgemm":
      guard let n = Int(value), n >= 0 else { fail("--dgemm needs a size") }
      options.dgemmSize = n
    default: fail("unknown option \(flag)")
    }
  }
  return options
}

/// Inputs (every column but the last) and the last column.
func readCase(_ path: String) throws -> (inputs: Matrix, target: [Double]) {
  let table = try DataTable.read(contentsOf: path)
  let inputs = Matrix(columns: Array(table.columns.dropLast()))
  return (inputs, table.columns[table.columnCount - 1])
}

func seconds(since start: ContinuousClock.Instant) -> Double {
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Mean loss per point at θ: (1/n)Σ(y − ŷ)² or (1/n)Σ −ln softmax(zᵢ)_yᵢ.
func meanLoss(
  _ network: Network, _ inputs: Matrix, _ target: [Double], _ theta: [Double],
  _ classification: Bool
) -> Double {
  var out = Matrix(rows: 0, columns: 0)
  var workspace = ModelWorkspace()
  network.evaluate(inputs, parameters: theta, into: &out, workspace: &workspace)
  let n = inputs.rows
  var sum = 0.0
  for i in 0..<n {
    if classification {
      var top = -Double.infinity
      for o in 0..<out.columns { top = max(top, out[i, o]) }
      var total = 0.0
      for o in 0..<out.columns { total += exp(out[i, o] - top) }
      sum += top + log(total) - out[i, Int(target[i])]
    } else {
      let e = target[i] - out[i, 0]
      sum += e * e
    }
  }
  return sum / Double(n)
}

struct Run {
  var trainingSeconds: Double
  /// Time of one exact objective + gradient over all points, which the epoch loop
  /// evaluates after every epoch (and once at the start), at the final θ.
  var exactObjectiveSeconds: Double
  var totalSeconds: Double
  var theta: [Double]
  var epochs: Int
  var stop: String
}

func train<O: PointwiseObjective>(
  _ network: Network, _ inputs: Matrix, _ objective: O, _ spec: Case, seed: UInt64,
  throughFit: Bool
) throws -> Run {
  var fit = try Fit(model: network, inputs: inputs, objective: objective)
  fit.initializeWeights(seed: seed)
  let adam = GradientDescent.adam(
    learningRate: .constant(1e-3),
    configuration: GradientDescent.Configuration(
      batchSize: spec.batchSize, stopping: StoppingRule(maxIterations: spec.epochs), seed: seed))
  var lastReport: IterationReport?
  let start = ContinuousClock.now
  if throughFit {
    let result = try fit.minimize(using: adam) { lastReport = $0 }
    let total = seconds(since: start)
    let problem = FitProblem(model: network, inputs: inputs, objective: objective)
    return Run(
      trainingSeconds: lastReport?.elapsed ?? total,
      exactObjectiveSeconds: exactObjectiveTime(problem, result.values), totalSeconds: total,
      theta: result.values, epochs: result.iterations, stop: result.reason.description)
  }
  let problem = FitProblem(model: network, inputs: inputs, objective: objective)
  let result = adam.minimize(problem, from: fit.parameters.values) { lastReport = $0 }
  let total = seconds(since: start)
  return Run(
    trainingSeconds: lastReport?.elapsed ?? total,
    exactObjectiveSeconds: exactObjectiveTime(problem, result.minimum), totalSeconds: total,
    theta: result.minimum, epochs: result.iterations, stop: result.reason.description)
}

/// Seconds of one `valueAndGradient` over all points (median of three after a warm-up).
func exactObjectiveTime(_ problem: some Minimizable, _ theta: [Double]) -> Double {
  var gradient: [Double] = []
  _ = problem.valueAndGradient(at: theta, gradient: &gradient)
  var times: [Double] = []
  for _ in 0..<3 {
    let start = ContinuousClock.now
    _ = problem.valueAndGradient(at: theta, gradient: &gradient)
    times.append(seconds(since: start))
  }
  return times.sorted()[1]
}

func json(_ pairs: [(String, Any)]) -> String {
  let fields = pairs.map { key, value -> String in
    switch value {
    case let s as String:
      let escaped = s.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"")
      return "\"\(key)\": \"\(escaped)\""
    case let d as Double: return "\"\(key)\": \(d.isFinite ? "\(d)" : "null")"
    default: return "\"\(key)\": \(value)"
    }
  }
  return "{" + fields.joined(separator: ", ") + "}"
}

/// One line on standard output, unbuffered (a long run shows its finished cases).
func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// GFLOP/s of one n × n × n dgemm (best of three after a warm-up).
func dgemmRate(_ n: Int) -> Double {
  var random = RandomSource(seed: 7)
  let a = (0..<(n * n)).map { _ in random.uniform(-1, 1) }
  let b = (0..<(n * n)).map { _ in random.uniform(-1, 1) }
  var c = [Double](repeating: 0, count: n * n)
  var best = Double.infinity
  for repetition in 0..<4 {
    let start = ContinuousClock.now
    c.withUnsafeMutableBufferPointer { cc in
      cblas_dgemm(
        CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a,
        Int32(n), b, Int32(n), 0, cc.baseAddress, Int32(n))
    }
    if repetition > 0 { best = min(best, seconds(since: start)) }
  }
  return 2 * Double(n * n * n) / best / 1e9
}

func main() throws {
  let options = parseOptions()
  for name in options.cases {
    guard let spec = allCases.first(where: { $0.name == name }) else {
      throw NetworkError("unknown case \(name)")
    }
    guard let path = options.files[name] else { throw NetworkError("--\(name) FILE is missing") }
    let (inputs, target) = try readCase(path)
    let network = try Network(widths: spec.widths, activation: spec.activation)
    for seed in options.seeds {
      let run: Run
      if spec.classification {
        let objective = try CategoricalCrossEntropy(
          labels: target.map { Int($0) }, classCount: spec.widths.last!)
        run = try train(
          network, inputs, objective, spec, seed: seed, throughFit: options.throughFit)
      } else {
        let objective = try MeanSquaredError(y: target)
        run = try train(
          network, inputs, objective, spec, seed: seed, throughFit: options.throughFit)
      }
      let samples = Double(run.epochs * inputs.rows)
      emit(
        json([
          ("case", name), ("seed", seed), ("points", inputs.rows), ("epochs", run.epochs),
          ("parameters", network.parameterCount), ("seconds", run.trainingSeconds),
          ("totalSeconds", run.totalSeconds),
          (
            "exactObjectiveShare",
            Double(run.epochs + 1) * run.exactObjectiveSeconds / run.trainingSeconds
          ), ("samplesPerSecond", samples / run.trainingSeconds),
          ("finalLoss", meanLoss(network, inputs, target, run.theta, spec.classification)),
          ("through", options.throughFit ? "fit" : "optimizer"), ("stop", run.stop),
        ]))
    }
  }
  if options.dgemmSize > 0 {
    emit(json([("size", options.dgemmSize), ("dgemmGflops", dgemmRate(options.dgemmSize))]))
  }
}

do {
  try main()
} catch {
  FileHandle.standardError.write(Data("NetworkBenchmark: \(error)\n".utf8))
  exit(1)
}
