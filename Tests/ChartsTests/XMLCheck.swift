import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses `text` as XML; returns the parser's error, or `nil` when well-formed.
func xmlError(_ text: String) -> String? {
    final class Collector: NSObject, XMLParserDelegate {
        var elements = 0
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) { elements += 1 }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let collector = Collector()
    parser.delegate = collector
    if parser.parse(), collector.elements > 0 { return nil }
    return parser.parserError.map { "\($0)" } ?? "no elements"
}
