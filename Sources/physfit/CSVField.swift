/// One field of a CSV file the commands write (RFC 4180): as it is, or in double quotes
/// (quotes doubled) when it holds a comma, a quote or a line break.
enum CSVField {
  static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
