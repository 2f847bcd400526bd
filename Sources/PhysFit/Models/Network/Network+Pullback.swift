extension Network {
  /// Backpropagation: ∂L/∂θ for a cotangent V = ∂L/∂Ŷ (n × k), written layer by layer
  /// as the chain rule of the lecture, each product one `dgemm`:
  ///
  ///     δ⁽ᴸ⁾ = (V ⊙ s_y) ⊙ φ′(Z⁽ᴸ⁾)             ∂L/∂Z⁽ᴸ⁾ (s_y = 1 without output standardisation)
  ///     ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾ᵀ A⁽ˡ⁻¹⁾                 outputs × inputs, summed over the batch
  ///     ∂L/∂b⁽ˡ⁾ = Σᵢ δ⁽ˡ⁾ᵢ = δ⁽ˡ⁾ᵀ 1            column sums
  ///     δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ W⁽ˡ⁾) ⊙ φ′(Z⁽ˡ⁻¹⁾)        ∂L/∂Z⁽ˡ⁻¹⁾
  ///
  /// The forward pass runs first (its Z and A are what φ′ and ∂L/∂W need) unless
  /// `evaluate` has just left them in the workspace (``pullbackAfterEvaluate(_:parameters:cotangent:into:workspace:)``); the
  /// backward sweep costs about two forward passes' worth of floating-point work.
  /// [∂L/∂W⁽ˡ⁾, ∂L/∂b⁽ˡ⁾] = δ⁽ˡ⁾ᵀ [A⁽ˡ⁻¹⁾, 1] is one `dgemm`, written straight into the
  /// layer's slot of the gradient (W then b, as in θ).
  public func pullback(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace
  ) {
    backpropagate(
      inputs, parameters: parameters, cotangent: cotangent, into: &gradient,
      workspace: &workspace, forwardIsCurrent: false)
  }

  /// Backpropagation reusing the Z and A that ``evaluate(_:parameters:into:workspace:)``
  /// just left in the workspace: a training step then costs one forward pass, not two.
  public func pullbackAfterEvaluate(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace
  ) {
    backpropagate(
      inputs, parameters: parameters, cotangent: cotangent, into: &gradient,
      workspace: &workspace, forwardIsCurrent: true)
  }

  private func backpropagate(
    _ inputs: Matrix, parameters: [Double], cotangent: Matrix, into gradient: inout [Double],
    workspace: inout ModelWorkspace, forwardIsCurrent: Bool
  ) {
    checkShapes(inputs, parameters)
    let n = inputs.rows
    let k = outputCount
    precondition(
      cotangent.rows == n && cotangent.columns == k,
      "cotangent must be \(n) × \(k), got \(cotangent.rows) × \(cotangent.columns)")
    let p = parameters.count
    if gradient.count != p { gradient = Array(repeating: 0, count: p) }
    guard n > 0 else {
      for j in 0..<p { gradient[j] = 0 }
      return
    }
    let chunks = NetworkThreads.chunkCount(rows: n, weights: parameterCount)
    workspace.withScratch(count: scratchCount(rows: n, chunks: chunks)) { scratch in
      inputs.elements.withUnsafeBufferPointer { x in
        parameters.withUnsafeBufferPointer { theta in
          cotangent.elements.withUnsafeBufferPointer { v in
            gradient.withUnsafeMutableBufferPointer { g in
              let shared = (
                x: SharedPointer(UnsafeMutablePointer(mutating: x.baseAddress!)),
                theta: SharedPointer(UnsafeMutablePointer(mutating: theta.baseAddress!)),
                v: SharedPointer(UnsafeMutablePointer(mutating: v.baseAddress!)),
                scratch: SharedPointer(scratch.baseAddress!), g: SharedPointer(g.baseAddress!)
              )
              // Chunk c > 0 writes its gradient after all chunks' matrices.
              let partials = scratch.baseAddress! + layout.totalColumns * n
              let sharedPartials = SharedPointer(partials)
              NetworkThreads.run(chunks) { c in
                let rows = NetworkThreads.rows(of: c, chunks: chunks, rows: n)
                let local = shared.scratch.base + layout.totalColumns * rows.lowerBound
                if !forwardIsCurrent {
                  forward(
                    shared.x.base, stride: n, rows: rows, theta: shared.theta.base,
                    scratch: local)
                }
                backpropagate(
                  rows: rows, of: n, cotangent: shared.v.base, theta: shared.theta.base,
                  scratch: local,
                  gradient: c == 0 ? shared.g.base : sharedPartials.base + (c - 1) * p)
              }
              for c in 1..<chunks {
                let partial = SharedPointer(partials + (c - 1) * p)
                ElementwiseLoops.forEachRange(p) { range in
                  ElementwiseLoops.add(
                    partial.base + range.lowerBound, to: shared.g.base + range.lowerBound,
                    count: range.count)
                }
              }
            }
          }
        }
      }
    }
  }

  /// One chunk's backward pass: δ⁽ᴸ⁾ from the cotangent's rows `rows` (of n), then the
  /// sweep, writing the chunk's ∂L/∂θ into `gradient`.
  func backpropagate(
    rows: Range<Int>, of n: Int, cotangent v: UnsafePointer<Double>,
    theta: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>,
    gradient: UnsafeMutablePointer<Double>
  ) {
    let m = rows.count
    let last = layers.count - 1
    let delta = scratch + layout.delta0 * m
    for o in 0..<outputCount {
      let source = v + rows.lowerBound + o * n
      let target = delta + o * m
      if let s = outputStandardization {
        let scale = s.scales[o]
        for i in 0..<m { target[i] = source[i] * scale }
      } else {
        target.update(from: source, count: m)
      }
    }
    layers[last].activation.multiplyByDerivative(
      delta, z: scratch + layout.z[last] * m, a: scratch + layout.a[last] * m,
      count: m * outputCount)
    backward(
      from: delta, spare: scratch + layout.delta1 * m, rows: m, theta: theta, scratch: scratch,
      gradient: gradient)
  }

  /// The backward sweep from δ⁽ᴸ⁾ in `start` down to layer 1, writing ∂L/∂W⁽ˡ⁾ and
  /// ∂L/∂b⁽ˡ⁾ into `gradient`; `start` and `spare` alternate as δ buffers.
  func backward(
    from start: UnsafeMutablePointer<Double>, spare other: UnsafeMutablePointer<Double>,
    rows n: Int, theta: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>,
    gradient: UnsafeMutablePointer<Double>
  ) {
    var delta = start
    var spare = other
    for l in layers.indices.reversed() {
      let layer = layers[l]
      // [∂L/∂W⁽ˡ⁾, ∂L/∂b⁽ˡ⁾] = δ⁽ˡ⁾ᵀ [A⁽ˡ⁻¹⁾, 1]
      BLAS.gemm(
        .transpose, .none, m: layer.outputs, n: layer.inputs + 1, k: n, a: delta, lda: n,
        b: scratch + layout.input(of: l) * n, ldb: n, beta: 0,
        c: gradient + layout.weights[l], ldc: layer.outputs)
      guard l > 0 else { break }
      propagate(delta, through: l, into: spare, rows: n, theta: theta, scratch: scratch)
      swap(&delta, &spare)
    }
  }

  /// δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ W⁽ˡ⁾) ⊙ φ′(Z⁽ˡ⁻¹⁾): one `dgemm(NoTrans, NoTrans)`, n × outputs times
  /// outputs × inputs, then the previous layer's φ′ from its stored Z and A.
  func propagate(
    _ delta: UnsafePointer<Double>, through l: Int, into previous: UnsafeMutablePointer<Double>,
    rows n: Int, theta: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>
  ) {
    let layer = layers[l]
    BLAS.gemm(
      .none, .none, m: n, n: layer.inputs, k: layer.outputs, a: delta, lda: n,
      b: theta + layout.weights[l], ldb: layer.outputs, beta: 0, c: previous, ldc: n)
    layers[l - 1].activation.multiplyByDerivative(
      previous, z: scratch + layout.z[l - 1] * n, a: scratch + layout.a[l - 1] * n,
      count: n * layer.inputs)
  }
}
