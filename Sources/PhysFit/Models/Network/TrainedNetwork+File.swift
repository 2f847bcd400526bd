import Foundation

/// A network file that cannot be read or written; the message names the file and, for a
/// bad file, the field: `model.json: field 'layers[0].weights[2][0]': is nan`.
public struct TrainedNetworkError: Error, Sendable, Hashable, CustomStringConvertible {
  public var description: String

  /// An error with a one-line message.
  public init(_ description: String) {
    self.description = description
  }
}

extension TrainedNetwork {
  /// Writes the network to `path` as pretty-printed JSON with sorted keys, atomically:
  /// the text goes to a temporary file in the same directory (same file system), which
  /// is then renamed over `path` (`rename(2)` is atomic). On any failure the temporary
  /// file is removed and `path` is untouched, so a reader never sees half a network.
  public func save(to path: String) throws(TrainedNetworkError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data: Data
    do {
      data = try encoder.encode(self)
    } catch {
      throw TrainedNetworkError("\(path): cannot encode the network: \(error)")
    }
    do {
      try AtomicFile.write(data + Data("\n".utf8), to: path)
    } catch {
      throw TrainedNetworkError(error.description)
    }
  }

  /// Reads a network written by ``save(to:)``. Throws ``TrainedNetworkError`` naming the
  /// file and the problem: unreadable, not JSON, not a network file, another format
  /// version, a missing or mistyped field, weights that do not fit the architecture,
  /// non-finite weights (written as the strings "NaN", "Infinity", "-Infinity").
  public static func load(from path: String) throws(TrainedNetworkError) -> TrainedNetwork {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw TrainedNetworkError("\(path): cannot read the file: \(Self.reason(error))")
    }
    guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil
    else {
      throw TrainedNetworkError("\(path): not a JSON file")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      object["format"] as? String == formatName
    else {
      throw TrainedNetworkError(
        "\(path): not a PhysFit network file (no \"format\": \"\(formatName)\" field)")
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    do {
      return try decoder.decode(TrainedNetwork.self, from: data)
    } catch let error as DecodingError {
      throw TrainedNetworkError("\(path): \(Self.describe(error))")
    } catch {
      throw TrainedNetworkError("\(path): \(error)")
    }
  }

  /// `field 'a.b[0]': what`, from a decoding error's coding path.
  static func describe(_ error: DecodingError) -> String {
    func field(_ path: [any CodingKey]) -> String {
      var text = ""
      for key in path {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text
    }
    switch error {
    case .keyNotFound(let key, let context):
      let parent = field(context.codingPath)
      return "missing field '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
    case .typeMismatch(let type, let context):
      return "field '\(field(context.codingPath))': expected \(Self.typeName(type))"
    case .valueNotFound(let type, let context):
      return "field '\(field(context.codingPath))': expected \(Self.typeName(type)), found null"
    case .dataCorrupted(let context):
      return "field '\(field(context.codingPath))': \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }

  private static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type: "a number"
    case is Int.Type: "a whole number"
    case is String.Type: "a string"
    case is [Any].Type: "an array"
    default: "a \(type)"
    }
  }

  private static func reason(_ error: any Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let underlying, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if (error as NSError).code == NSFileReadNoSuchFileError {
      return "no such file"
    }
    return error.localizedDescription
  }
}
