extension Duration {
  /// The duration in seconds as a `Double`: the wall times of iteration reports and
  /// time limits.
  var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) * 1e-18
  }
}
