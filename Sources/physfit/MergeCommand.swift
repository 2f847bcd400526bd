import ArgumentParser
import PhysFit

/// `physfit merge`: combines the shard files of a toy study into its report.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the shard files of a toy study (physfit toys --shard) into one report.",
    discussion: """
      Checks that the files belong to one study (same seed, number of toys, model, data \
      and settings), that each is complete, and that together they hold every toy once \
      — no gaps, no overlaps — naming the files involved when not. The report is the \
      one a single run of the whole study prints, bit for bit: the records are sorted \
      by toy index before anything is summed. Shards of different splits may be mixed \
      as long as they tile the study.

      Exit status: 0 success; 64 usage; 65 a file that cannot be read or merged; 73 the \
      --output file cannot be written.

      Example:
        physfit merge toys-0.json toys-1.json toys-2.json toys-3.json --output toys.json
      """
  )

  @Argument(help: ArgumentHelp("The shard files (JSON) of one study.", valueName: "files"))
  var files: [String]

  @Option(
    help: ArgumentHelp(
      "Also write the merged study (all records) as one result file.", valueName: "file.json"))
  var output: String?

  @Flag(help: "Print the report as one JSON object (pretty-printed, sorted keys).")
  var json = false

  mutating func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give the shard files to merge") }
  }

  func run() throws {
    let merged: ToyShard
    do {
      let shards = try files.map { (name: $0, shard: try ToyShard.read(from: $0)) }
      merged = try ToyShard.merge(shards)
    } catch let error as ToyFileError {
      throw CLIError.input(error.description)
    }
    if let output {
      do {
        try merged.write(to: output)
      } catch {
        throw CLIError(error)
      }
    }
    try ToysOutput(shard: merged).print(json: json)
  }
}
