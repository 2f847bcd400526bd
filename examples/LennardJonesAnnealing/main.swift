// The ground state of a Lennard-Jones cluster by basin hopping (annealing over local
// minima), against gradient methods from random starts, through the Comparison API.
//
//   swift run -c release LennardJonesAnnealing [--fast] [--figure lennard-jones.svg]
//
// E = 4 Σᵢ<ⱼ (rᵢⱼ⁻¹² − rᵢⱼ⁻⁶) over the 3N coordinates of N atoms (reduced units). LJ13's
// global minimum, the Mackay icosahedron at −44.326801 (Cambridge Cluster Database), hides
// among about 1500 local minima: BFGS and conjugate gradients from a random start stop in
// whichever minimum is downhill of it. Basin hopping displaces all atoms, minimises fully,
// and accepts or rejects the new minimum by the Metropolis test.
//
// Every method runs from the same seeded random starts under the same budget of
// evaluations (one call of the energy with its gradient counts one, as scipy's nfev).
// Printed per method: successes (|E − E*| ≤ 10⁻⁵) / starts, the success fraction, the
// median evaluations to the first success (over the successful starts), and the lowest
// energy. The figure shows the median best-so-far gap E − E* against evaluations.
// `--fast`: LJ7 (pentagonal bipyramid, −16.505384), 8 starts, budget 5000, instead of
// LJ13, 20 starts, budget 20,000.
import Foundation
import PhysFit
import PhysFitPlot

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  arguments.firstIndex(of: name).flatMap { arguments.dropFirst($0 + 1).first }
}
let fast = arguments.contains("--fast")
let figurePath = option("--figure") ?? "lennard-jones.svg"
let atoms = fast ? 7 : 13
let settings = ComparisonSettings(
  starts: fast ? 8 : 20, seed: 1, budget: fast ? 5000 : 20_000, successTolerance: 1e-7)
let entrants = [
  ComparisonEntrant(BasinHopping()),
  ComparisonEntrant(BFGS()),
  ComparisonEntrant(ConjugateGradient(variant: .polakRibiere)),
]

do {
  let problem = try FunctionComparisonProblem { try LennardJonesCluster(atoms: atoms) }
  guard let known = LennardJonesCluster.knownMinima[atoms] else {
    preconditionFailure("no tabulated minimum for LJ\(atoms)")
  }
  let comparison = Comparison.run(problem, entrants: entrants, settings: settings)

  print(
    "cluster: LJ\(atoms) (\(3 * atoms) coordinates), \(settings.starts) random starts, seed "
      + "\(settings.seed), budget \(settings.budget ?? 0) evaluations per start")
  print(String(format: "known minimum (Cambridge Cluster Database): E* = %.6f", known))
  print("method         success  fraction  median-evals  best-energy")
  for row in comparison.summaries {
    let runs = comparison.runs(of: row.optimizer)
    let reached = runs.filter { abs($0.value - known) <= 1e-5 }
    let evaluations = reached.compactMap(\.evaluationsToSuccess).map(Double.init).sorted()
    let median =
      evaluations.isEmpty
      ? Double.nan
      : (evaluations[(evaluations.count - 1) / 2] + evaluations[evaluations.count / 2]) / 2
    let fraction = Double(reached.count) / Double(runs.count)
    print(
      row.optimizer.padding(toLength: 15, withPad: " ", startingAt: 0)
        + "\(reached.count)/\(runs.count)".padding(toLength: 9, withPad: " ", startingAt: 0)
        + String(format: "%8.2f  %12.0f  %11.6f", fraction, median, row.bestValue))
  }

  // The convergence figure, as `physfit compare --plot` draws it: per method the median
  // over starts of the best-so-far gap E − E*, the quartiles shaded.
  let figure = ComparisonFigure.convergence(
    comparison, value: "E", title: "LJ\(atoms): convergence")
  try figure.write(to: figurePath)
  print("figure: \(figurePath)")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
