extension KnowledgeSupport {
    /// Limits an editor meets; the RPC layer answers INVALID_ARGUMENT naming the field.
    public enum Limits {
        public static let titleLength = 1...200
        public static let summaryMaximum = 4000
        public static let slugLength = 3...100
        public static let tagsMaximum = 30
        public static let tagLength = 1...60
    }

    /// Checks the editable fields and returns the first problem, naming the field.
    public func validate() throws(KnowledgeSupportError) {
        let trimmedTitle = title.trimmingSpaces
        guard Limits.titleLength.contains(trimmedTitle.count) else {
            throw KnowledgeSupportError(
                field: "title",
                trimmedTitle.isEmpty
                    ? "a title is required"
                    : "the title has \(trimmedTitle.count) characters; at most \(Limits.titleLength.upperBound) are allowed")
        }
        guard summary.count <= Limits.summaryMaximum else {
            throw KnowledgeSupportError(field: "summary", "the summary has \(summary.count) characters; at most \(Limits.summaryMaximum) are allowed")
        }
        try Self.validate(slug: slug)
        guard !audiences.isEmpty else { throw KnowledgeSupportError(field: "audiences", "name at least one audience") }
        guard !ownerOrganisationID.isEmpty else { throw KnowledgeSupportError(field: "owner_organisation_id", "an owner organisation is required") }
        if let url { try Self.validate(url: url) }
        guard tags.count <= Limits.tagsMaximum else {
            throw KnowledgeSupportError(field: "tags", "\(tags.count) tags; at most \(Limits.tagsMaximum) are allowed")
        }
        for tag in tags where !Limits.tagLength.contains(tag.trimmingSpaces.count) {
            throw KnowledgeSupportError(field: "tags", "each tag has 1–\(Limits.tagLength.upperBound) characters")
        }
        for code in icd10Codes where !Self.isICD10(code) {
            throw KnowledgeSupportError(field: "icd10_codes", "'\(code)' is not an ICD-10 code (a letter, two digits, optionally a dot and more: M05, M05.3)")
        }
    }

    /// Slugs are lower-case ASCII letters, digits and single hyphens inside: `reumatoid-artrit`.
    public static func validate(slug: String) throws(KnowledgeSupportError) {
        guard Limits.slugLength.contains(slug.count) else {
            throw KnowledgeSupportError(
                field: "slug", "the slug has \(slug.count) characters; it needs \(Limits.slugLength.lowerBound)–\(Limits.slugLength.upperBound)")
        }
        let allowed = slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard allowed, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else {
            throw KnowledgeSupportError(field: "slug", "'\(slug)' is not a slug: use a–z, 0–9 and single hyphens inside (å, ä, ö become a, a, o)")
        }
    }

    /// A slug made from a title: "Reumatoid artrit – vårdförlopp" → "reumatoid-artrit-vardforlopp".
    public static func slug(from title: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in title.lowercased().unicodeScalars {
            let mapped: String? =
                switch scalar {
                case "å", "ä", "á", "à", "â": "a"
                case "ö", "ó", "ò", "ô", "ø": "o"
                case "é", "è", "ê", "ë": "e"
                case "ü", "ú": "u"
                case "í", "ï": "i"
                case _ where ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar): String(scalar)
                default: nil
                }
            if let mapped {
                if pendingHyphen && !result.isEmpty { result += "-" }
                result += mapped
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return String(result.prefix(Limits.slugLength.upperBound))
    }

    static func validate(url: String) throws(KnowledgeSupportError) {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), url.count <= 2000,
            !url.contains(" "), url.split(separator: "/", omittingEmptySubsequences: true).count >= 2
        else { throw KnowledgeSupportError(field: "url", "'\(url)' is not an http(s) URL") }
    }

    /// ICD-10: a letter, two digits, optionally a dot and one to four more characters.
    public static func isICD10(_ code: String) -> Bool {
        let chars = Array(code.uppercased().unicodeScalars)
        guard chars.count >= 3, ("A"..."Z").contains(chars[0]), ("0"..."9").contains(chars[1]), ("0"..."9").contains(chars[2]) else { return false }
        guard chars.count > 3 else { return true }
        guard chars[3] == ".", (5...8).contains(chars.count) else { return false }
        return chars[4...].allSatisfy { ("0"..."9").contains($0) || ("A"..."Z").contains($0) }
    }
}

/// An editable field of a knowledge support that is not acceptable.
public struct KnowledgeSupportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request field to blame, as the contracts name it.
    public let field: String
    public let message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

extension StringProtocol {
    /// Without leading and trailing white space.
    var trimmingSpaces: SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
