// The README's library example: the same fit as `physfit fit`, from Swift.
//
//   swift run QuickFit [path/to/decay.csv]
import Foundation
import PhysFit

let path = CommandLine.arguments.dropFirst().first ?? "examples/data/decay.csv"

do {
  // Data from a file: columns by name.
  let table = try DataTable.read(contentsOf: path)
  let t = try table.column("t")
  let counts = try table.column("counts")
  let sigma = try table.column("sigma")

  // The model as a formula: t is the input, A, tau and B are parameters.
  let decay = try ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"])
  var fit = try Fit(model: decay, x: t, y: counts, sigma: sigma)
  try fit.set("A", value: 1000)
  try fit.set("tau", value: 10, lower: 0)
  try fit.set("B", value: 10)
  let result = try fit.minimize()

  for p in result.parameters {
    print("\(p.name) = \(p.value) ± \(p.error)")
  }
  print("chi2/ndf = \(result.objectiveValue) / \(result.ndf), p-value = \(result.pValue ?? .nan)")
  print("converged: \(result.converged)")

  // The same model as a Swift closure, on arrays: exact derivatives by dual numbers.
  let closure = ClosureModel(parameters: ["A", "tau", "B"]) { x, p in
    p[0] * exp(-x[0] / p[1]) + p[2]
  }
  var again = try Fit(model: closure, x: t, y: counts, sigma: sigma)
  again.parameters.values = [1000, 10, 10]
  let check = try again.minimize()
  print("closure model: tau = \(check["tau"]!.value) ± \(check["tau"]!.error)")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
