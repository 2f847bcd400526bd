// Optimizers side by side on a physics fit: the damped pendulum's χ² (the data of
// examples/DampedOscillator), minimised by every optimizer of the library from the
// same seeded starts under the same budget of evaluations, with the convergence figure.
//
//   swift run OptimizerComparison [--fast] [--figure optimizer-comparison.svg]
//     [--data pendulum.csv] [--runs runs.csv]
//
// θ(t) = A·e^(−t/τ)·cos(ωt + φ) + c, 200 points with σ = 0.01 rad. Start 0 is the
// built-in oscillator's guess (close to the minimum); starts 1… draw every parameter
// within ±50 % of it (the offset c, which starts at 0, within ±0.5), so ω starts
// anywhere from half to one and a half times the true frequency, on a χ² surface with
// side minima where a wrong frequency lines up with part of the oscillation. The table
// shows which optimizers find the global minimum from such starts, and at what cost:
// the trust-region methods in under 150 evaluations (they use the residuals' Jacobian),
// BFGS and Nelder–Mead in hundreds, annealing and basin hopping in thousands; steepest
// descent, fixed-step gradient descent and Adam hardly ever (the χ² of σ = 0.01 rad
// data is far too steep for their default steps).
//
// `--data FILE` writes the measurement (t, theta, sigma), `--runs FILE` every run
// (optimizer, start, status, value, gap, success) — what the test checks the table
// against. `--fast`: 4 starts and a budget of 1500 evaluations instead of 12 and 5000.
import Foundation
import PhysFit
import PhysFitPlot

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  arguments.firstIndex(of: name).flatMap { arguments.dropFirst($0 + 1).first }
}
let fast = arguments.contains("--fast")
let figurePath = option("--figure") ?? "optimizer-comparison.svg"

/// Every optimizer of the library with its default configuration (the configuration
/// `physfit fit --optimizer NAME` uses), least-squares ones included — the χ² has
/// residuals — basin hopping, and the two-stage global + local pipeline.
let entrants: [ComparisonEntrant] = [
  ComparisonEntrant(leastSquares: LeastSquares()),
  ComparisonEntrant(leastSquares: TrustRegion(method: .levenbergMarquardt)),
  ComparisonEntrant(leastSquares: TrustRegion(method: .geodesicLevenbergMarquardt)),
  ComparisonEntrant(leastSquares: TrustRegion(method: .dogleg)),
  ComparisonEntrant(leastSquares: TrustRegion(method: .doubleDogleg)),
  ComparisonEntrant(leastSquares: TrustRegion(method: .subspace2D)),
  ComparisonEntrant(NelderMead()),
  ComparisonEntrant(ConjugateGradient(variant: .fletcherReeves)),
  ComparisonEntrant(ConjugateGradient(variant: .polakRibiere)),
  ComparisonEntrant(BFGS()),
  ComparisonEntrant(SteepestDescent()),
  ComparisonEntrant(GradientDescent.sgd()),
  ComparisonEntrant(GradientDescent.momentum()),
  ComparisonEntrant(GradientDescent.nesterov()),
  ComparisonEntrant(GradientDescent.adam()),
  ComparisonEntrant(GradientDescent.adamW()),
  ComparisonEntrant(SimulatedAnnealing()),
  ComparisonEntrant(BasinHopping()),
  ComparisonEntrant(
    leastSquares: LeastSquaresPipeline(
      SimulatedAnnealing(), then: TrustRegion(method: .levenbergMarquardt))),
]

do {
  // The measurement, as in examples/DampedOscillator (same truth, same seed).
  let truth = ["A": 0.30, "tau": 6.0, "omega": 3.5, "phi": 0.4, "c": 0.02]
  let sigma = 0.01
  let model = try ExpressionModel("damped_oscillator(t, A, tau, omega, phi) + c", inputs: ["t"])
  let t = (0..<200).map { Double($0) * 0.1 }
  let exact = model.evaluate(
    Matrix(column: t), parameters: model.parameterNames.map { truth[$0]! })
  var random = RandomSource(seed: 42)
  let theta = exact.elements.map { $0 + sigma * random.normal() }
  let errors = Array(repeating: sigma, count: t.count)

  var fit = try Fit(model: model, x: t, y: theta, sigma: errors)
  for (name, value) in model.initialGuesses(x: t, y: theta) {
    try fit.set(name, value: value)
  }
  try fit.set("c", value: 0)

  // The comparison: the same starts for every optimizer, one budget of evaluations per
  // run (calls: a value, a value with its gradient, a residual vector or a Jacobian
  // each count one), success = within 10⁻⁶ (relative) of the lowest χ² any run found.
  let settings = ComparisonSettings(starts: fast ? 4 : 12, seed: 7, budget: fast ? 1500 : 5000)
  let comparison = Comparison.run(
    FitComparisonProblem(fit, name: "damped pendulum χ²"), entrants: entrants,
    settings: settings)

  print(
    "problem: \(comparison.problem), \(settings.starts) starts, budget \(settings.budget ?? 0) evaluations, seed \(settings.seed)"
  )
  print(String(format: "reference (lowest χ² of all runs): %.12g", comparison.reference))
  print(
    "optimizer".padding(toLength: 18, withPad: " ", startingAt: 0)
      + "success  median-evals  median-gap   median-time")
  for row in comparison.summaries {
    print(
      row.optimizer.padding(toLength: 18, withPad: " ", startingAt: 0)
        + "\(row.successes)/\(row.runs)".padding(toLength: 9, withPad: " ", startingAt: 0)
        + String(
          format: "%12.0f  %10.3e  %9.4f s", row.evaluations.median, row.gap.median,
          row.time.median))
  }

  // The winner: the most successful starts, then the fewest median evaluations. Its
  // run from start 0 (the fit's own start values) is a plain fit: `physfit fit
  // --optimizer NAME --param …` from those values (with --seed \(seed) for a seeded
  // optimizer) is the same minimisation, and so is `fit.minimize(using:)`.
  let ranked = comparison.summaries.filter(\.isApplicable).sorted {
    ($0.successes, -$0.evaluations.median) > ($1.successes, -$1.evaluations.median)
  }
  if let winner = ranked.first, let run = comparison.runs(of: winner.optimizer).first {
    print(
      String(
        format: "winner: %@ (%d/%d successes, median %.0f evaluations); start 0: χ² = %.15g (%@)",
        winner.optimizer, winner.successes, winner.runs, winner.evaluations.median, run.value,
        run.status.rawValue))
    let start = zip(comparison.coordinateNames, run.startPoint).map {
      "\($0)=\(String(format: "%.17g", $1))"
    }
    print("start 0: " + start.joined(separator: ","))
  }

  if let path = option("--data") {
    var text = "t,theta,sigma\n"
    for i in t.indices { text += "\(t[i]),\(String(format: "%.17g", theta[i])),\(sigma)\n" }
    try AtomicFile.write(text, to: path)
    print("data: \(path)")
  }
  if let path = option("--runs") {
    var text = "optimizer,start,status,value,gap,success\n"
    for r in comparison.runs {
      text +=
        "\(r.optimizer),\(r.start),\(r.status.rawValue),\(String(format: "%.17g", r.value)),"
        + "\(String(format: "%.17g", r.gap)),\(r.success)\n"
    }
    try AtomicFile.write(text, to: path)
    print("runs: \(path)")
  }

  // The convergence figure: for each optimizer the median over starts of the best χ²
  // found so far minus the reference, against evaluations, both on log scales, the
  // quartiles shaded (``ComparisonFigure``, as `physfit compare --plot` draws it).
  let figure = ComparisonFigure.convergence(
    comparison, value: "χ²", title: "Damped pendulum χ²: convergence")
  try figure.write(to: figurePath)
  print("figure: \(figurePath)")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
