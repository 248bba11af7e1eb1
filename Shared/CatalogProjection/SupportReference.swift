import Domain
import Foundation

/// A knowledge-support reference as the projection looks it up: ids and slugs lower-cased, URLs
/// normalised (scheme and host lower-cased, a trailing '/' dropped), all trimmed.
public struct SupportReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case id, slug, url }
    public let kind: Kind
    public let value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    public init(_ reference: FeedbackSubmission.KnowledgeSupportReference) {
        switch reference {
        case .id(let id): self.init(kind: .id, value: id.trimmingWhitespace.lowercased())
        case .slug(let slug): self.init(kind: .slug, value: slug.trimmingWhitespace.lowercased())
        case .url(let url): self.init(kind: .url, value: Self.normalised(url: url))
        }
    }

    /// `HTTPS://Example.SE/Hjarta/` → `https://example.se/Hjarta`: the path keeps its case.
    public static func normalised(url: String) -> String {
        var text = url.trimmingWhitespace
        while text.hasSuffix("/") { text.removeLast() }
        guard let schemeEnd = text.range(of: "://") else { return text.lowercased() }
        let afterScheme = text[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? text.endIndex
        return text[..<hostEnd].lowercased() + text[hostEnd...]
    }
}

extension String {
    /// Without leading and trailing white space (of any script).
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
