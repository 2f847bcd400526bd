import ArgumentParser

/// How a command prints its result.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print one JSON object (pretty-printed, sorted keys) instead of the report.")
  var json = false

  @Flag(name: .shortAndLong, help: "Add the correlation matrix to the report.")
  var verbose = false
}
