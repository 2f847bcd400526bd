// swift-format-ignore-file
// The Swift code of the DocC article GettingStarted.md and of docs/getting-started.md,
// compiled as part of this test target and run by DocumentationSnippetTests (see its
// header for the convention). Lines between `// snippet.hide` and `// snippet.show`
// are compiled but not part of any excerpt.
import PhysFit
// snippet.hide
import Foundation

enum GettingStartedSnippets {
  /// The first fit. Reads examples/data/decay.csv relative to the working directory.
  static func firstFit() throws -> FitResult {
// snippet.show

let table = try DataTable.read(contentsOf: "examples/data/decay.csv")
let decay = try ExpressionModel("A*exp(-t/tau) + B", inputs: ["t"])
var fit = try Fit(model: decay, x: try table.column("t"), y: try table.column("counts"),
                  sigma: try table.column("sigma"))
try fit.set("A", value: 1000)
try fit.set("tau", value: 10, lower: 0)
try fit.set("B", value: 10)
let result = try fit.minimize()
for p in result.parameters { print(p.name, p.value, p.error) }
print(result.objectiveValue, result.ndf, result.pValue ?? .nan)
    // snippet.hide
    return result
  }

  /// The first training: a classifier of the points x (n × 2) with 0/1 labels.
  static func firstTraining(x: Matrix, labels: [Double]) throws -> [Double] {
    // snippet.show
let net = try Network(widths: [2, 16, 16, 1], activation: .tanh, output: .sigmoid)
var training = try Fit(model: net, inputs: x, objective: try BinaryCrossEntropy(labels: labels))
training.initializeWeights(seed: 1)
let adam = GradientDescent.adam(
  learningRate: .constant(0.01),
  configuration: .init(batchSize: 32, stopping: StoppingRule(maxIterations: 50), seed: 1))
let trained = try training.minimize(using: adam)
let probabilities = net.evaluate(x, parameters: trained.values)
    // snippet.hide
    return probabilities.elements
  }

  /// The first clustering of the points (n × 2, columns x and y).
  static func firstClustering(points: Matrix) throws -> GaussianMixtureResult {
    // snippet.show
let mixture = try GaussianMixture(components: 3, inputs: ["x", "y"])
let clusters = try mixture.fit(points, expectationMaximization: .init(.init(seed: 7)))
print(clusters["mu1_x"]!.value, clusters["mu1_x"]!.error, clusters.bic)
    // snippet.hide
    return clusters
  }
}
