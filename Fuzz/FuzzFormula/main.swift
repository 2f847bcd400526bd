// Fuzz target for the formula parser, resolver, symbolic differentiation and compiler.
// See docs/fuzzing.md: built with -sanitize=fuzzer it runs libFuzzer; built normally it
// replays the files and directories given as arguments.
import FuzzSupport

/// One input: its bytes as a formula (invalid UTF-8 repaired), see
/// ``FormulaFuzzing/exercise(_:)``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
  _ = FormulaFuzzing.exercise(String(decoding: bytes, as: UTF8.self))
  return 0
}

FuzzDriver.main { fuzzFormula($0, $1) }
