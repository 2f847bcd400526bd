extension Network {
  /// ŷ for the n rows of `inputs` (n × d), in data units.
  ///
  /// The batched forward pass, one `dgemm` per layer:
  ///
  ///     A⁽⁰⁾ = X′ = (X − m_x)/s_x          (input standardisation, if any)
  ///     Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + 1 b⁽ˡ⁾ᵀ      (n × outputs: row i is the lecture's z = W a + b)
  ///     A⁽ˡ⁾ = φ⁽ˡ⁾(Z⁽ˡ⁾)                   (elementwise)
  ///     Ŷ = m_y + s_y ⊙ A⁽ᴸ⁾               (output un-standardisation, if any)
  ///
  /// X and Z are column-major n × width and W is column-major outputs × inputs, so
  /// A W ᵀ is `dgemm(NoTrans, Trans)` straight on the parameter vector; the bias is
  /// written into Z first and the product added to it (β = 1).
  public func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    checkShapes(inputs, parameters)
    let n = inputs.rows
    let k = outputCount
    output.resize(rows: n, columns: k)
    guard n > 0 else { return }
    let outputColumn = layout.a[layers.count - 1]
    workspace.withScratch(count: layout.totalColumns * n) { scratch in
      let base = scratch.baseAddress!
      inputs.elements.withUnsafeBufferPointer { x in
        parameters.withUnsafeBufferPointer { theta in
          forward(x.baseAddress!, rows: n, theta: theta.baseAddress!, scratch: base)
        }
      }
      let last = UnsafePointer(base + outputColumn * n)
      output.elements.withUnsafeMutableBufferPointer { out in
        let y = out.baseAddress!
        if let s = outputStandardization {
          for o in 0..<k {
            let (m, scale) = (s.means[o], s.scales[o])
            for i in 0..<n { y[i + o * n] = m + scale * last[i + o * n] }
          }
        } else {
          y.update(from: last, count: n * k)
        }
      }
    }
  }

  /// Preconditions on the shapes a caller passes (the ``Fit`` checks the user's data).
  func checkShapes(_ inputs: Matrix, _ parameters: [Double]) {
    precondition(
      inputs.columns == inputNames.count,
      "network reads \(inputNames.count) input column(s), got \(inputs.columns)")
    precondition(
      parameters.count == parameterNames.count,
      "network has \(parameterNames.count) parameters, got \(parameters.count)")
  }

  /// A⁽⁰⁾: the standardised copy in the scratch buffer, or the raw inputs.
  func firstInput(_ x: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>)
    -> UnsafePointer<Double>
  {
    inputStandardization == nil ? x : UnsafePointer(scratch)
  }

  /// Fills Z⁽ˡ⁾ and A⁽ˡ⁾ of every layer (and X′ when standardising) in `scratch`, laid
  /// out as ``NetworkLayout`` says for n rows.
  func forward(
    _ x: UnsafePointer<Double>, rows n: Int, theta: UnsafePointer<Double>,
    scratch: UnsafeMutablePointer<Double>
  ) {
    if let s = inputStandardization {
      for j in 0..<inputNames.count {
        let (m, r) = (s.means[j], 1 / s.scales[j])
        for i in 0..<n { scratch[i + j * n] = (x[i + j * n] - m) * r }
      }
    }
    var input = firstInput(x, scratch: scratch)
    for l in layers.indices {
      let layer = layers[l]
      let w = theta + layout.weights[l]
      let b = w + layer.outputs * layer.inputs
      let z = scratch + layout.z[l] * n
      for o in 0..<layer.outputs { (z + o * n).update(repeating: b[o], count: n) }
      BLAS.gemm(
        .none, .transpose, m: n, n: layer.outputs, k: layer.inputs, a: input, lda: n, b: w,
        ldb: layer.outputs, beta: 1, c: z, ldc: n)
      let a = scratch + layout.a[l] * n
      if layer.activation != .identity {
        layer.activation.apply(z, into: a, count: n * layer.outputs)
      }
      input = UnsafePointer(a)
    }
  }
}
