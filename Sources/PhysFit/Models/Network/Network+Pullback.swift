extension Network {
  /// Backpropagation: ∂L/∂θ for a cotangent V = ∂L/∂Ŷ (n × k), written layer by layer
  /// as the chain rule of the lecture, each product one `dgemm`:
  ///
  ///     δ⁽ᴸ⁾ = (V ⊙ s_y) ⊙ φ′(Z⁽ᴸ⁾)             ∂L/∂Z⁽ᴸ⁾ (s_y = 1 without output standardisation)
  ///     ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾ᵀ A⁽ˡ⁻¹⁾                 outputs × inputs, summed over the batch
  ///     ∂L/∂b⁽ˡ⁾ = Σᵢ δ⁽ˡ⁾ᵢ                     column sums
  ///     δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ W⁽ˡ⁾) ⊙ φ′(Z⁽ˡ⁻¹⁾)        ∂L/∂Z⁽ˡ⁻¹⁾
  ///
  /// The forward pass runs first (its Z and A are what φ′ and ∂L/∂W need) unless
  /// `evaluate` has just left them in the workspace (``pullbackAfterEvaluate``); the
  /// backward sweep costs about two forward passes' worth of floating-point work. ∂L/∂W⁽ˡ⁾
  /// is written by `dgemm` straight into its slot of the gradient.
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
    let last = layers.count - 1
    workspace.withScratch(count: layout.totalColumns * n) { scratch in
      let base = scratch.baseAddress!
      inputs.elements.withUnsafeBufferPointer { xBuffer in
        parameters.withUnsafeBufferPointer { thetaBuffer in
          let (x, theta) = (xBuffer.baseAddress!, thetaBuffer.baseAddress!)
          if !forwardIsCurrent { forward(x, rows: n, theta: theta, scratch: base) }
          let delta = base + layout.delta0 * n
          cotangent.elements.withUnsafeBufferPointer { v in
            if let s = outputStandardization {
              for o in 0..<k {
                let scale = s.scales[o]
                for i in 0..<n { delta[i + o * n] = v[i + o * n] * scale }
              }
            } else {
              delta.update(from: v.baseAddress!, count: n * k)
            }
          }
          layers[last].activation.multiplyByDerivative(
            delta, z: base + layout.z[last] * n, a: base + layout.a[last] * n, count: n * k)
          gradient.withUnsafeMutableBufferPointer { g in
            backward(
              from: delta, spare: base + layout.delta1 * n, rows: n,
              x: firstInput(x, scratch: base), theta: theta, scratch: base,
              gradient: g.baseAddress!)
          }
        }
      }
    }
  }

  /// The backward sweep from δ⁽ᴸ⁾ in `start` down to layer 1, writing ∂L/∂W⁽ˡ⁾ and
  /// ∂L/∂b⁽ˡ⁾ into `gradient`; `start` and `spare` alternate as δ buffers.
  func backward(
    from start: UnsafeMutablePointer<Double>, spare other: UnsafeMutablePointer<Double>,
    rows n: Int, x: UnsafePointer<Double>, theta: UnsafePointer<Double>,
    scratch: UnsafeMutablePointer<Double>, gradient: UnsafeMutablePointer<Double>
  ) {
    var delta = start
    var spare = other
    for l in layers.indices.reversed() {
      let layer = layers[l]
      let (width, fanIn) = (layer.outputs, layer.inputs)
      let input = l == 0 ? x : UnsafePointer(scratch + layout.a[l - 1] * n)
      let gw = gradient + layout.weights[l]
      // ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾ᵀ A⁽ˡ⁻¹⁾
      BLAS.gemm(
        .transpose, .none, m: width, n: fanIn, k: n, a: delta, lda: n, b: input, ldb: n,
        beta: 0, c: gw, ldc: width)
      // ∂L/∂b⁽ˡ⁾ = Σᵢ δ⁽ˡ⁾ᵢ
      let gb = gw + width * fanIn
      for o in 0..<width {
        var sum = 0.0
        let column = delta + o * n
        for i in 0..<n { sum += column[i] }
        gb[o] = sum
      }
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
