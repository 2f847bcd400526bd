/// Where a network keeps its intermediate matrices: offsets of each layer's weights in
/// θ, and of each batch matrix in the scratch buffer, in columns of n rows (so that one
/// layout serves every batch size without being rebuilt — no allocation per batch).
///
/// Scratch, column-major n × (columns): the standardised inputs X′ (d columns), then per
/// layer Z⁽ˡ⁾ and A⁽ˡ⁾ (one block for identity layers, where A = Z), then two δ buffers
/// as wide as the widest layer, used alternately by the backward pass.
struct NetworkLayout: Sendable, Hashable {
  /// θ offset of W⁽ˡ⁾; b⁽ˡ⁾ follows at + outputs·inputs.
  let weights: [Int]
  /// Scratch column of Z⁽ˡ⁾.
  let z: [Int]
  /// Scratch column of A⁽ˡ⁾ (equal to `z` for an identity layer).
  let a: [Int]
  /// Scratch columns of the two δ buffers.
  let delta0: Int
  let delta1: Int
  /// Columns needed by a forward pass, and by a forward and a backward pass.
  let forwardColumns: Int
  let totalColumns: Int

  init(_ layers: [Dense]) {
    var weights: [Int] = []
    var z: [Int] = []
    var a: [Int] = []
    var theta = 0
    var column = layers[0].inputs
    var widest = 0
    for layer in layers {
      weights.append(theta)
      theta += layer.parameterCount
      z.append(column)
      column += layer.outputs
      if layer.activation == .identity {
        a.append(z[z.count - 1])
      } else {
        a.append(column)
        column += layer.outputs
      }
      widest = max(widest, layer.outputs)
    }
    self.weights = weights
    self.z = z
    self.a = a
    self.forwardColumns = column
    self.delta0 = column
    self.delta1 = column + widest
    self.totalColumns = column + 2 * widest
  }
}
