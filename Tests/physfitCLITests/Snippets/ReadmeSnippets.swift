// swift-format-ignore-file
// The Swift code shown in README.md and on the DocC landing page, compiled as part of
// this test target. DocumentationSnippetTests checks that each ```swift block of the
// documentation is an excerpt of a file like this one (see its header for the
// convention) and runs the functions. Lines between `// snippet.hide` and
// `// snippet.show` are compiled but not part of any excerpt.
import PhysFit
// snippet.hide
import Foundation

enum ReadmeSnippets {
  /// README.md, "The same fit from Swift". Reads examples/data/decay.csv relative to
  /// the working directory (the repository root).
  static func sameFitFromSwift() throws -> (result: FitResult, closure: ClosureModel) {
// snippet.show

let table = try DataTable.read(contentsOf: "examples/data/decay.csv")
let decay = try ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"])
var fit = try Fit(model: decay, x: try table.column("t"), y: try table.column("counts"),
                  sigma: try table.column("sigma"))
try fit.set("A", value: 1000)
try fit.set("tau", value: 10, lower: 0)
try fit.set("B", value: 10)
let result = try fit.minimize()
print(result["tau"]!.value, result["tau"]!.error, result.pValue!)

// or the model as a Swift closure (exact derivatives by dual numbers), data from arrays
let closure = ClosureModel(parameters: ["A", "tau", "B"]) { x, p in p[0] * exp(-x[0] / p[1]) + p[2] }
    // snippet.hide
    return (result, closure)
  }
}
