import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses SVG text with Foundation's XML parser (so every test also checks that the
/// output is well-formed XML) and finds elements by tag and class.
struct SVGInspection {
  let document: XMLDocument

  init(_ svg: String, file: StaticString = #filePath, line: UInt = #line) throws {
    do {
      document = try XMLDocument(xmlString: svg, options: [])
    } catch {
      XCTFail("not well-formed XML: \(error)", file: file, line: line)
      throw error
    }
  }

  var root: XMLElement? { document.rootElement() }

  /// All elements below the root (depth first).
  var allElements: [XMLElement] {
    var out: [XMLElement] = []
    func walk(_ e: XMLElement) {
      out.append(e)
      for child in e.children ?? [] {
        if let c = child as? XMLElement { walk(c) }
      }
    }
    if let root { walk(root) }
    return out
  }

  /// Elements named `tag` whose class list contains `className` (if given).
  func elements(_ tag: String, class className: String? = nil, in scope: XMLElement? = nil)
    -> [XMLElement]
  {
    var out: [XMLElement] = []
    func walk(_ e: XMLElement) {
      if e.name == tag,
        className == nil
          || (e.string("class") ?? "").split(separator: " ").contains(Substring(className!))
      {
        out.append(e)
      }
      for child in e.children ?? [] {
        if let c = child as? XMLElement { walk(c) }
      }
    }
    if let start = scope ?? root { walk(start) }
    return out
  }

  /// Groups (`g`) with the class.
  func groups(_ className: String) -> [XMLElement] { elements("g", class: className) }
}

extension XMLElement {
  func number(_ name: String) -> Double? {
    string(name).flatMap(Double.init)
  }

  /// An attribute's value, found by name among all attributes (swift-corelibs'
  /// `attribute(forName:)` misses them on elements in a default namespace).
  func string(_ name: String) -> String? {
    (attributes ?? []).first { $0.name == name || $0.localName == name }?.stringValue
  }
}
