// The universal approximation theorem at work: one hidden layer of tanh units fitted to
// a physics function, with the error falling as the layer widens.
//
//   swift run UniversalApproximation [--fast]
//
// The function is the Morse potential of the hydrogen molecule,
//
//   V(r) = D·(1 − e^(−a(r − rₑ)))²,   D = 4.746 eV, a = 1.942 Å⁻¹, rₑ = 0.741 Å,
//
// on r ∈ [0.5, 3] Å: a repulsive wall, a well and a plateau at the dissociation energy.
// For each width n the network ŷ = Σⱼ vⱼ tanh(wⱼ r + bⱼ) + c (3n + 1 weights) is fitted by
// least squares (the mean squared error; Levenberg–Marquardt, its steps solved by
// Cholesky on the normal equations, fast for these ≤ 97 weights) to evenly spaced training
// points, from a few seeded starts, keeping the lowest training error; the RMS and the
// largest error are then measured on a grid five times finer, between the training
// points, so the table shows approximation and not only interpolation.
//
// The theorem (Cybenko 1989, Hornik 1991) says that some width reaches any accuracy on a
// closed interval; it does not say which weights, nor how fast the error falls. Here one
// and two units cannot bend into both the wall and the well (errors of tenths of an eV);
// at four units the error drops by five orders of magnitude (to about 2·10⁻⁶ eV), and then
// falls more slowly and not always monotonically: a wider layer can represent more, but
// the optimizer, from random weights and with a finite number of iterations, need not
// find it. Measured (swift run -c release UniversalApproximation):
//
//   width  weights   RMS error/eV   max error/eV
//       1        4   2.339466e-01   1.473307e+00
//       2        7   1.894879e-01   1.348934e+00
//       4       13   1.642740e-06   6.811503e-06
//       8       25   1.524810e-06   6.407000e-06
//      16       49   3.661956e-07   2.532723e-06
//      32       97   2.622745e-07   2.136442e-06
//
// (A width of n also needs at least 3n + 1 training points for Levenberg–Marquardt,
// which solves for every weight.)
//
// --fast: fewer points, one start and fewer iterations (for the tests; same widths).
import Foundation
import PhysFit

let fast = CommandLine.arguments.dropFirst().contains("--fast")

/// Morse potential of H₂ (parameters from Herzberg's spectroscopic constants), eV.
func morse(_ r: Double) -> Double {
  let (depth, a, re) = (4.746, 1.942, 0.741)
  let e = 1 - exp(-a * (r - re))
  return depth * e * e
}

let (lower, upper) = (0.5, 3.0)
let trainingCount = fast ? 120 : 200
let testCount = 5 * trainingCount
let starts: [UInt64] = fast ? [1] : [1, 2, 3, 4]
let iterations = fast ? 200 : 2000
let widths = [1, 2, 4, 8, 16, 32]

func grid(_ count: Int) -> [Double] {
  (0..<count).map { lower + (upper - lower) * Double($0) / Double(count - 1) }
}
let r = grid(trainingCount)
let v = r.map(morse)
let rTest = grid(testCount)
let vTest = rTest.map(morse)
let inputs = Matrix(column: r)
let testInputs = Matrix(column: rTest)

print("Universal approximation: ŷ = Σⱼ vⱼ tanh(wⱼ r + bⱼ) + c fitted to the Morse potential of H₂")
print("V(r) = 4.746 eV·(1 − e^(−1.942 (r − 0.741)))², r in [\(lower), \(upper)] Å")
print(
  "\(trainingCount) training points, errors on \(testCount) test points; "
    + "Levenberg–Marquardt, best of \(starts.count) starts")
print("width  weights   RMS error/eV   max error/eV")

do {
  for width in widths {
    // Standardised input and output, so that the initial weights suit the data's scale.
    let network = try Network(widths: [1, width, 1], activation: .tanh, inputNames: ["r"])
      .standardized(inputs: inputs, outputs: Matrix(column: v))
    var best: (loss: Double, theta: [Double])?
    for seed in starts {
      var fit = try Fit(model: network, inputs: inputs, objective: MeanSquaredError(y: v))
      fit.initializeWeights(seed: seed)
      let optimizer = TrustRegion(
        TrustRegion.Configuration(
          method: .levenbergMarquardt, solver: .cholesky,
          stopping: StoppingRule(maxIterations: iterations), polishSteps: 0))
      let result = try fit.minimize(using: optimizer)
      if result.objectiveValue < best?.loss ?? .infinity {
        best = (result.objectiveValue, result.values)
      }
    }
    guard let best else { continue }
    let predicted = network.evaluate(testInputs, parameters: best.theta).elements
    var squares = 0.0
    var largest = 0.0
    for (yHat, y) in zip(predicted, vTest) {
      squares += (yHat - y) * (yHat - y)
      largest = max(largest, abs(yHat - y))
    }
    let rms = (squares / Double(testCount)).squareRoot()
    let row = [
      String(width).leftPadded(5), String(network.parameterCount).leftPadded(8),
      String(format: "%.6e", rms).leftPadded(14), String(format: "%.6e", largest).leftPadded(14),
    ]
    print(row.joined(separator: " "))
  }
} catch {
  FileHandle.standardError.write(Data("UniversalApproximation: \(error)\n".utf8))
  exit(1)
}

extension String {
  func leftPadded(_ width: Int) -> String {
    String(repeating: " ", count: max(width - count, 0)) + self
  }
}
