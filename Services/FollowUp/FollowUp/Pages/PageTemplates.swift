import Foundation
import Mustache

/// The leader's pages' Mustache templates, read once from the module's bundle. Every value is
/// HTML-escaped by the templates (`{{…}}`); only SVG drawn by the Charts module, which escapes
/// its own text, goes in raw (`{{{…}}}`).
struct PageTemplates: Sendable {
    let library: MustacheLibrary

    enum Problem: Error, CustomStringConvertible {
        case missing(String)
        var description: String {
            switch self {
            case .missing(let what): "the follow-up service's page templates are missing from its bundle: \(what)"
            }
        }
    }

    static let names = ["header", "footer", "notfound", "indicator", "organisation", "assessment"]

    init() throws {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else { throw Problem.missing("Templates") }
        var templates: [String: MustacheTemplate] = [:]
        for name in Self.names {
            let url = directory.appendingPathComponent("\(name).mustache")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw Problem.missing("\(name).mustache") }
            templates[name] = try MustacheTemplate(string: text)
        }
        library = MustacheLibrary(templates: templates)
    }

    func render(_ object: Any, _ name: String) -> String {
        library.render(object, withTemplate: name) ?? ""
    }
}
