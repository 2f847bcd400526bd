extension Network {
  /// The exact Jacobian ∂ŷ/∂θ, (n·k) × p, row i + n·o for output o at point i — for
  /// least-squares optimizers (Gauss–Newton, Levenberg–Marquardt) on small networks.
  ///
  /// One backward pass per output unit o, with the one-hot cotangent eₒ at every point:
  /// δ⁽ᴸ⁾ = s_{y,o} eₒ ⊙ φ′(Z⁽ᴸ⁾), δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ W⁽ˡ⁾) ⊙ φ′(Z⁽ˡ⁻¹⁾) as in the pullback,
  /// but each point keeps its own derivatives instead of summing them:
  ///
  ///     ∂ŷᵢₒ/∂W⁽ˡ⁾ₐᵦ = δ⁽ˡ⁾ᵢₐ A⁽ˡ⁻¹⁾ᵢᵦ,      ∂ŷᵢₒ/∂b⁽ˡ⁾ₐ = δ⁽ˡ⁾ᵢₐ
  ///
  /// Cost: one forward pass, k backward sweeps (the δ products, one `dgemm` per layer
  /// each), and n·k·p multiplications to fill the matrix — proportional to its size,
  /// n·k·p doubles, which is what limits this to small networks (e.g. 1,000 points ×
  /// 1,000 parameters is already 8 MB per Jacobian).
  public func jacobian(
    _ inputs: Matrix, parameters: [Double], into jacobian: inout Matrix,
    workspace: inout ModelWorkspace
  ) {
    checkShapes(inputs, parameters)
    let n = inputs.rows
    let k = outputCount
    let rows = n * k
    jacobian.resize(rows: rows, columns: parameters.count)
    jacobian.elements.withUnsafeMutableBufferPointer { j in
      j.update(repeating: 0)
    }
    guard n > 0 else { return }
    let last = layers.count - 1
    workspace.withScratch(count: layout.totalColumns * n) { scratch in
      let base = scratch.baseAddress!
      inputs.elements.withUnsafeBufferPointer { xBuffer in
        parameters.withUnsafeBufferPointer { thetaBuffer in
          let theta = thetaBuffer.baseAddress!
          forward(xBuffer.baseAddress!, stride: n, rows: 0..<n, theta: theta, scratch: base)
          jacobian.elements.withUnsafeMutableBufferPointer { jBuffer in
            let j = jBuffer.baseAddress!
            for o in 0..<k {
              var delta = base + layout.delta0 * n
              var spare = base + layout.delta1 * n
              // δ⁽ᴸ⁾: only column o is non-zero.
              let scale = outputStandardization?.scales[o] ?? 1
              delta.update(repeating: 0, count: n * k)
              (delta + o * n).update(repeating: scale, count: n)
              layers[last].activation.multiplyByDerivative(
                delta + o * n, z: base + layout.z[last] * n + o * n,
                a: base + layout.a[last] * n + o * n, count: n)
              for l in layers.indices.reversed() {
                let layer = layers[l]
                let input = UnsafePointer(base + layout.input(of: l) * n)
                let units = l == last ? o..<(o + 1) : 0..<layer.outputs
                for a in units {
                  let d = delta + a * n
                  let bias = j + (layout.weights[l] + layer.outputs * layer.inputs + a) * rows
                  for i in 0..<n { bias[o * n + i] = d[i] }
                  for b in 0..<layer.inputs {
                    let w = j + (layout.weights[l] + a + b * layer.outputs) * rows
                    let column = input + b * n
                    for i in 0..<n { w[o * n + i] = d[i] * column[i] }
                  }
                }
                guard l > 0 else { break }
                propagate(delta, through: l, into: spare, rows: n, theta: theta, scratch: base)
                swap(&delta, &spare)
              }
            }
          }
        }
      }
    }
  }
}
