import PhysFit

/// The description of a toy study that every shard file carries and `physfit merge`
/// compares: the model, the columns, the objective, the parameter and optimizer
/// settings, and a digest of the data values — everything that decides what the toys
/// are, and nothing that depends on where a shard runs (not the data file's path, the
/// output file, the shard or the thread count).
enum ToysFingerprint {
  static func make(_ command: ToysCommand, data: SelectedData) -> String {
    let o = command.optimizer
    let p = command.parameters
    var parts = [
      "model=\(command.modelOptions.model)",
      "objective=\(command.objective.objective.rawValue)",
      "x=\(data.xColumnNames.joined(separator: ","))",
      "y=\(data.yName ?? "")", "sigma=\(data.sigmaName ?? "")",
    ]
    if let range = command.objective.range { parts.append("range=\(range)") }
    if let c = command.objective.lossScale { parts.append("loss-scale=\(c)") }
    if command.objective.logits { parts.append("logits") }
    for (name, items) in [("param", p.starts), ("bounds", p.bounds), ("fix", p.fixes)]
    where !items.isEmpty {
      parts.append("\(name)=" + items.flatMap(DataOptions.split).sorted().joined(separator: ","))
    }
    var optimizer = o.summary(for: command.objective.objective.shape)
    var settings: [(String, String?)] = []
    settings.append(("max-iterations", o.maxIterations.map { "\($0)" }))
    settings.append(("tolerance", o.tolerance.map { "\($0)" }))
    settings.append(("learning-rate", o.learningRate.map { "\($0)" }))
    settings.append(("schedule", o.schedule))
    settings.append(("batch-size", o.batchSize.map { "\($0)" }))
    settings.append(("epochs", o.epochs.map { "\($0)" }))
    settings.append(("validation", o.validation.map { "\($0)" }))
    settings.append(("temperature", o.temperature.map { "\($0)" }))
    settings.append(("cooling", o.cooling?.rawValue))
    for case (let name, let value?) in settings { optimizer += " \(name)=\(value)" }
    parts.append("optimizer=\(optimizer)")
    parts.append("data=\(data.count) rows, fnv1a \(DataDigest.fnv1a(data))")
    return parts.joined(separator: "; ")
  }
}
