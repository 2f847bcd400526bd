extension Network {
  /// ŷ for the n rows of `inputs` (n × d), in data units.
  ///
  /// The batched forward pass, one `dgemm` per layer:
  ///
  ///     A⁽⁰⁾ = X′ = (X − m_x)/s_x          (input standardisation, if any)
  ///     Z⁽ˡ⁾ = [A⁽ˡ⁻¹⁾, 1]·[W⁽ˡ⁾, b⁽ˡ⁾]ᵀ     (n × outputs: row i is the lecture's z = W a + b)
  ///     A⁽ˡ⁾ = φ⁽ˡ⁾(Z⁽ˡ⁾)                   (elementwise, in place unless φ′ needs Z)
  ///     Ŷ = m_y + s_y ⊙ A⁽ᴸ⁾               (output un-standardisation, if any)
  ///
  /// X and Z are column-major n × width and [W, b] is column-major outputs × (inputs + 1)
  /// in θ, so [A, 1]·[W, b]ᵀ is `dgemm(NoTrans, Trans)` straight on the parameter vector;
  /// the column of ones that follows every A in the scratch buffer (`NetworkLayout`)
  /// adds the bias inside the product. A large batch is cut into row chunks that run on
  /// their own threads (see `NetworkThreads`); every row's result is the same whatever
  /// the chunk it falls in.
  public func evaluate(
    _ inputs: Matrix, parameters: [Double], into output: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    checkShapes(inputs, parameters)
    let n = inputs.rows
    let k = outputCount
    output.resize(rows: n, columns: k)
    guard n > 0 else { return }
    let chunks = NetworkThreads.chunkCount(rows: n, weights: parameterCount)
    workspace.withScratch(count: scratchCount(rows: n, chunks: chunks)) { scratch in
      inputs.elements.withUnsafeBufferPointer { x in
        parameters.withUnsafeBufferPointer { theta in
          output.elements.withUnsafeMutableBufferPointer { out in
            let shared = (
              x: SharedPointer(UnsafeMutablePointer(mutating: x.baseAddress!)),
              theta: SharedPointer(UnsafeMutablePointer(mutating: theta.baseAddress!)),
              scratch: SharedPointer(scratch.baseAddress!), out: SharedPointer(out.baseAddress!)
            )
            NetworkThreads.run(chunks) { c in
              let rows = NetworkThreads.rows(of: c, chunks: chunks, rows: n)
              let local = shared.scratch.base + layout.totalColumns * rows.lowerBound
              forward(
                shared.x.base, stride: n, rows: rows, theta: shared.theta.base, scratch: local)
              writeOutputs(from: local, rows: rows, into: shared.out.base, stride: n)
            }
          }
        }
      }
    }
  }

  /// Scratch doubles for a forward and backward pass over n rows in `chunks` chunks:
  /// each chunk's matrices (``NetworkLayout``, its own rows), then one gradient per chunk
  /// after the first, summed by the backward pass. Evaluation reserves the same amount, so
  /// that the backward pass after it never has to grow (and so clear) the workspace.
  func scratchCount(rows n: Int, chunks: Int) -> Int {
    layout.totalColumns * n + (chunks - 1) * parameterCount
  }

  /// Ŷ rows `rows` (of n, column-major with leading dimension `stride`) from A⁽ᴸ⁾ of the
  /// chunk whose scratch starts at `scratch`, un-standardised.
  func writeOutputs(
    from scratch: UnsafeMutablePointer<Double>, rows: Range<Int>,
    into y: UnsafeMutablePointer<Double>, stride n: Int
  ) {
    let m = rows.count
    let last = scratch + layout.a[layers.count - 1] * m
    for o in 0..<outputCount {
      let target = y + rows.lowerBound + o * n
      let source = last + o * m
      if let s = outputStandardization {
        let (mean, scale) = (s.means[o], s.scales[o])
        for i in 0..<m { target[i] = mean + scale * source[i] }
      } else {
        target.update(from: source, count: m)
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

  /// Fills A⁽⁰⁾ = [X′, 1] and Z⁽ˡ⁾, A⁽ˡ⁾ (each followed by its column of ones) of every
  /// layer for the rows `rows` of X (column-major, leading dimension `stride`) in
  /// `scratch`, laid out as ``NetworkLayout`` says for `rows.count` rows.
  func forward(
    _ x: UnsafePointer<Double>, stride n: Int, rows: Range<Int>, theta: UnsafePointer<Double>,
    scratch: UnsafeMutablePointer<Double>
  ) {
    let m = rows.count
    let d = inputNames.count
    for j in 0..<d {
      let source = x + rows.lowerBound + j * n
      let target = scratch + j * m
      if let s = inputStandardization {
        let (mean, r) = (s.means[j], 1 / s.scales[j])
        for i in 0..<m { target[i] = (source[i] - mean) * r }
      } else {
        target.update(from: source, count: m)
      }
    }
    (scratch + d * m).update(repeating: 1, count: m)
    var input = UnsafePointer(scratch)
    for l in layers.indices {
      let layer = layers[l]
      let z = scratch + layout.z[l] * m
      BLAS.gemm(
        .none, .transpose, m: m, n: layer.outputs, k: layer.inputs + 1, a: input, lda: m,
        b: theta + layout.weights[l], ldb: layer.outputs, beta: 0, c: z, ldc: m)
      let a = scratch + layout.a[l] * m
      layer.activation.apply(z, into: a, count: m * layer.outputs)
      (a + layer.outputs * m).update(repeating: 1, count: m)
      input = UnsafePointer(a)
    }
  }
}
