/// Where a network keeps its intermediate matrices: offsets of each layer's weights in
/// θ, and of each batch matrix in the scratch buffer, in columns of n rows (so that one
/// layout serves every batch size without being rebuilt — no allocation per batch).
///
/// Scratch, column-major n × (columns):
///
/// - A⁽⁰⁾: the inputs X (standardised when the network standardises) in d columns, then
///   a column of ones;
/// - per layer: Z⁽ˡ⁾ only where φ′ needs it (softplus), then A⁽ˡ⁾ (`outputs` columns,
///   φ applied in place over Z⁽ˡ⁾ for the other activations), then a column of ones;
/// - two δ buffers as wide as the widest layer, used alternately by the backward pass.
///
/// The column of ones after each A makes [A, 1] an n × (inputs + 1) matrix, and θ holds
/// W⁽ˡ⁾ (column-major outputs × inputs) directly followed by b⁽ˡ⁾, i.e. [W, b] as one
/// outputs × (inputs + 1) matrix: so Z = [A, 1]·[W, b]ᵀ (bias included) and
/// [∂L/∂W, ∂L/∂b] = δᵀ·[A, 1] are one `dgemm` each, with no separate bias passes.
struct NetworkLayout: Sendable, Hashable {
  /// θ offset of W⁽ˡ⁾; b⁽ˡ⁾ follows at + outputs·inputs.
  let weights: [Int]
  /// Scratch column of Z⁽ˡ⁾ (equal to `a` unless the activation needs Z, softplus).
  let z: [Int]
  /// Scratch column of A⁽ˡ⁾; its column of ones follows at + outputs.
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
    var column = layers[0].inputs + 1
    var widest = 0
    for layer in layers {
      weights.append(theta)
      theta += layer.parameterCount
      if layer.activation.needsPreActivation {
        z.append(column)
        column += layer.outputs
      } else {
        z.append(column)
      }
      a.append(column)
      column += layer.outputs + 1
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

  /// Scratch column of [A⁽ˡ⁻¹⁾, 1], the input of layer l (A⁽⁰⁾ for the first layer).
  func input(of l: Int) -> Int {
    l == 0 ? 0 : a[l - 1]
  }
}
