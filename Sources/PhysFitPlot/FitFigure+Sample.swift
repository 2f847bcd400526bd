import Foundation
import PhysFit

extension FitFigure {
  /// An unbinned likelihood fit: the sample as a histogram (steps, √N errors) and the
  /// fitted density scaled to expected counts per bin, μ(x) = w · N · f(x)/∫f for a
  /// normalised fit and μ(x) = w · f(x) for an extended one (where ∫f is the expected
  /// count), w the bin width; pulls (n − μ)/√μ below.
  ///
  /// The band propagates the covariance through the *normalised* density: for a
  /// normalised fit ∂(f/I)/∂θ = (∂f/∂θ)/I − f·(∂I/∂θ)/I², with I = ∫f and ∂I/∂θ by
  /// Simpson's rule over the range — the normalisation takes away the freedom of the
  /// overall scale, so the band does not carry it.
  ///
  /// - Parameter bins: number of bins; nil = the Rice rule ⌈2·N^⅓⌉, limited to 5…100.
  public static func sample<M: Model>(
    model: M, result: FitResult, sample: [Double], range: ClosedRange<Double>, extended: Bool,
    bins: Int? = nil, options: FitFigureOptions = FitFigureOptions(yAxis: Axis(label: "entries"))
  ) -> Figure {
    let inRange = sample.filter { range.contains($0) }
    let total = Double(inRange.count)
    let k = bins ?? min(max(Int(ceil(2 * pow(total, 1.0 / 3))), 5), 100)
    let width = (range.upperBound - range.lowerBound) / Double(k)
    let edges = (0...k).map { range.lowerBound + Double($0) * width }
    var counts = [Double](repeating: 0, count: k)
    for v in inRange {
      let b = min(Int((v - range.lowerBound) / width), k - 1)
      if b >= 0 { counts[b] += 1 }
    }
    let centers = (0..<k).map { range.lowerBound + (Double($0) + 0.5) * width }

    // Simpson's rule needs an odd number of points.
    let m = max(options.curvePoints | 1, 3)
    let grid = (0..<m).map {
      range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(m - 1)
    }
    let (theta, covariance) = ModelCurve.parameters(of: model, in: result)
    let inputs = Matrix(column: grid)
    let f = model.evaluate(inputs, parameters: theta).elements
    let h = (range.upperBound - range.lowerBound) / Double(m - 1)
    func simpson(_ g: (Int) -> Double) -> Double {
      var s = g(0) + g(m - 1)
      for i in 1..<(m - 1) { s += (i % 2 == 1 ? 4 : 2) * g(i) }
      return s * h / 3
    }
    let integral = simpson { f[$0] }
    let scale = extended ? width : width * total / integral
    let values = f.map { $0 * scale }
    var sigmas: [Double]?
    if let c = covariance, c.elements.allSatisfy(\.isFinite), !theta.isEmpty {
      let j = model.jacobian(inputs, parameters: theta)
      let p = theta.count
      var rows = Matrix(rows: m, columns: p)
      for a in 0..<p {
        if extended {
          for i in 0..<m { rows[i, a] = j[i, a] * width }
        } else {
          let dI = simpson { j[$0, a] }
          for i in 0..<m {
            rows[i, a] = width * total * (j[i, a] / integral - f[i] * dI / (integral * integral))
          }
        }
      }
      sigmas = (0..<m).map { i in
        var s = 0.0
        for a in 0..<p {
          for b in 0..<p { s += rows[i, a] * c[a, b] * rows[i, b] }
        }
        return max(s, 0).squareRoot()
      }
    }
    let mu = centers.map { x -> Double in
      let v = model.evaluate(Matrix(column: [x]), parameters: theta).elements[0]
      return v * scale
    }

    var main = Panel(yAxis: options.yAxis, notes: options.notes, heightRatio: 3)
    main.add(
      .step(edges: edges, values: counts, label: options.dataLabel, color: .black, width: 1.2))
    main.add(
      .points(
        x: centers, y: counts, yErrors: counts.map { $0.squareRoot() }, color: .black,
        marker: .none))
    if let sigmas {
      main.add(
        .band(
          x: grid, lower: zip(values, sigmas).map { $0 - $1 },
          upper: zip(values, sigmas).map { $0 + $1 }, label: "±1σ"))
    }
    main.add(.line(x: grid, y: values, label: options.modelLabel))
    var figure = Figure(title: options.title, xAxis: options.xAxis, panels: [main])
    if options.showsResiduals {
      let pulls = zip(counts, mu).map { n, m in m > 0 ? (n - m) / m.squareRoot() : .nan }
      figure.add(
        residualPanel(
          x: centers, values: pulls, axis: Axis(label: "(n − μ)/√μ", isSymmetric: true),
          unitErrors: true))
    }
    return figure
  }
}
