// A damped pendulum: χ² fit of a measured angle with known errors σ, the correlations
// of the fitted parameters, and the confidence band of the fitted curve.
//
//   swift run DampedOscillator [--figure damped-oscillator.svg]
//
// The angle θ(t) = A·e^(−t/τ)·cos(ωt + φ) + c is "measured" 200 times in 20 s with a
// sensor of resolution σ = 0.01 rad (simulated with a fixed seed); c is the sensor's
// zero offset.
import Foundation
import PhysFit
import PhysFitPlot

let truth = ["A": 0.30, "tau": 6.0, "omega": 3.5, "phi": 0.4, "c": 0.02]
let sigma = 0.01
let arguments = CommandLine.arguments
let figurePath =
  arguments.firstIndex(of: "--figure").flatMap { arguments.dropFirst($0 + 1).first }
  ?? "damped-oscillator.svg"

do {
  // The measurement.
  let model = try ExpressionModel("damped_oscillator(t, A, tau, omega, phi) + c", inputs: ["t"])
  let t = (0..<200).map { Double($0) * 0.1 }
  let exact = model.evaluate(
    Matrix(column: t), parameters: model.parameterNames.map { truth[$0]! })
  var random = RandomSource(seed: 42)
  let theta = exact.elements.map { $0 + sigma * random.normal() }
  let errors = Array(repeating: sigma, count: t.count)

  // Start values: the built-in oscillator's guess (periodogram frequency, envelope
  // decay, phase by linear least squares); the offset starts at 0.
  var fit = try Fit(model: model, x: t, y: theta, sigma: errors)
  for (name, value) in model.initialGuesses(x: t, y: theta) {
    try fit.set(name, value: value)
  }
  try fit.set("c", value: 0)
  let result = try fit.minimize()

  print("parameter     value        error      true    pull")
  for p in result.parameters {
    let pull = (p.value - truth[p.name]!) / p.error
    print(
      p.name.padding(toLength: 6, withPad: " ", startingAt: 0)
        + String(format: " %12.6f %12.6f %8.3f %+6.2f", p.value, p.error, truth[p.name]!, pull))
  }
  print(
    String(
      format: "chi2 / ndf = %.2f / %d, p-value = %.3f", result.objectiveValue, result.ndf,
      result.pValue ?? .nan))
  print("converged: \(result.converged)")

  // Correlations ρᵢⱼ = Cᵢⱼ/√(CᵢᵢCⱼⱼ): the amplitude and the damping time are strongly
  // (anti)correlated, because a larger A with a shorter τ draws a similar envelope;
  // so are ω and φ, because the phase is defined at t = 0, the edge of the data, and
  // a change of frequency there must be compensated by the phase.
  print("correlation matrix:")
  let names = result.parameters.map(\.name)
  print("       " + names.map { $0.padding(toLength: 7, withPad: " ", startingAt: 0) }.joined())
  for i in names.indices {
    let row = names.indices.map { String(format: "%+6.3f ", result.correlation[i, $0]) }
    print(names[i].padding(toLength: 7, withPad: " ", startingAt: 0) + row.joined())
  }

  // Confidence band: the standard deviation of the fitted curve at t by linear error
  // propagation, σ_f(t)² = J(t) C J(t)ᵀ with J = ∂f/∂θ, the model's exact Jacobian.
  func band(_ points: [Double]) -> (value: [Double], error: [Double]) {
    let x = Matrix(column: points)
    let f = model.evaluate(x, parameters: result.values)
    let j = model.jacobian(x, parameters: result.values)
    let p = result.parameters.count
    let error = points.indices.map { i in
      var variance = 0.0
      for a in 0..<p {
        for b in 0..<p { variance += j[i, a] * result.covariance[a, b] * j[i, b] }
      }
      return variance.squareRoot()
    }
    return (f.elements, error)
  }
  print("confidence band (68 %), and the true curve:")
  let shown = [0.0, 2.5, 5.0, 10.0, 15.0, 19.9]
  let curve = band(shown)
  let trueCurve = model.evaluate(
    Matrix(column: shown), parameters: model.parameterNames.map { truth[$0]! })
  for (k, time) in shown.enumerated() {
    print(
      String(
        format: "  t = %5.2f s   θ = %+.5f ± %.5f rad   true %+.5f", time, curve.value[k],
        curve.error[k], trueCurve.elements[k]))
  }
  // Check of the band: in a linear(ised) χ² fit Σᵢ σ_f(tᵢ)²/σᵢ² is the trace of the
  // hat matrix, which equals the number of free parameters.
  let atData = band(t).error
  let trace: Double = atData.reduce(0) { $0 + $1 * $1 / (sigma * sigma) }
  print(
    String(
      format: "sum of band²/σ² over the data = %.4f (free parameters: %d)", trace,
      result.freeParameterCount))

  // The figure: data with error bars, the fitted curve with its ±1σ band (the same
  // J C Jᵀ propagation), and the pulls (θᵢ − f(tᵢ))/σᵢ below.
  let figure = FitFigure.curve(
    model: model, result: result, x: t, y: theta, sigma: errors,
    options: FitFigureOptions(
      title: "Damped pendulum", xAxis: Axis(label: "t", unit: "s"),
      yAxis: Axis(label: "θ", unit: "rad"), notes: FitFigure.summaryNotes(result)))
  try figure.write(to: figurePath)
  print("figure: \(figurePath)")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
