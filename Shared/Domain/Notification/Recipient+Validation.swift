import Foundation

extension Recipient {
    /// The recipient with its text trimmed and its lists de-duplicated, or the first problem.
    /// - Throws: `RecipientError` naming the field (`email`, `webhook.url`, `digest_hour`, …).
    public func validated() throws(RecipientError) -> Recipient {
        var r = self
        r.id = id.trimmingCharacters(in: .whitespacesAndNewlines)
        r.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        r.email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        r.roleTitle = roleTitle.trimmingCharacters(in: .whitespacesAndNewlines)
        guard r.id.count <= 200 else { throw RecipientError(field: "id", "an id is at most 200 characters") }
        guard !r.name.isEmpty else { throw RecipientError(field: "name", "give the recipient's name") }
        guard r.name.count <= 200 else { throw RecipientError(field: "name", "a name is at most 200 characters") }
        if let problem = Self.emailProblem(r.email) { throw RecipientError(field: "email", problem) }
        if role == .other && r.roleTitle.isEmpty { throw RecipientError(field: "role_title", "say which role in words for role OTHER") }
        guard r.roleTitle.count <= 200 else { throw RecipientError(field: "role_title", "a role title is at most 200 characters") }
        if let scope, scope.organisationID.trimmingCharacters(in: .whitespaces).isEmpty {
            throw RecipientError(field: "organisation_scope.organisation_id", "give the organisation's id, or leave the scope out for the whole tree")
        }
        r.programmeAreaIDs = Self.unique(programmeAreaIDs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        r.sourceAppIDs = Self.unique(sourceAppIDs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        r.channels = Self.unique(channels)
        guard !r.channels.isEmpty else { throw RecipientError(field: "channels", "give at least one channel: email, webhook or in-app") }
        if r.channels.contains(.webhook) {
            guard let webhook else { throw RecipientError(field: "webhook", "the webhook channel needs a webhook endpoint (url and secret)") }
            if let problem = Self.webhookURLProblem(webhook.url) { throw RecipientError(field: "webhook.url", problem) }
            if let secret = webhook.secret, let problem = WebhookSecret.problem(secret) {
                throw RecipientError(field: "webhook.secret", problem)
            }
        } else if webhook != nil {
            throw RecipientError(field: "webhook", "a webhook endpoint is only given with the webhook channel")
        }
        if case .dailyDigest(let hour) = deliveryMode, !(0...23).contains(hour) {
            throw RecipientError(field: "digest_hour", "the digest hour is 0–23 (Europe/Stockholm); \(hour) is not")
        }
        return r
    }

    /// Why `address` is not an e-mail address we can send to, or nil: one `@`, a local part of
    /// at most 64 printable characters without spaces, a domain of dot-separated labels (letters,
    /// digits, hyphens; not starting or ending with a hyphen) with at least two labels, at most
    /// 254 characters in all.
    public static func emailProblem(_ address: String) -> String? {
        guard !address.isEmpty else { return "give an e-mail address" }
        guard address.count <= 254 else { return "an e-mail address is at most 254 characters" }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "'\(address.prefix(60))' is not an e-mail address (it needs exactly one @)" }
        let (local, domain) = (parts[0], parts[1])
        let localAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+/=?^_`{|}~.-"))
        guard !local.isEmpty, local.count <= 64, local.unicodeScalars.allSatisfy({ $0.isASCII && localAllowed.contains($0) }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else {
            return "'\(address.prefix(60))' is not an e-mail address (the part before @ is not valid)"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-"))
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.unicodeScalars.allSatisfy { $0.isASCII && labelAllowed.contains($0) }
            })
        else {
            return "'\(address.prefix(60))' is not an e-mail address (the domain after @ is not valid)"
        }
        return nil
    }

    /// Why `url` is not a webhook URL we POST to, or nil: http or https only, with a host, no
    /// user name or password in it, at most 2000 characters.
    public static func webhookURLProblem(_ url: String) -> String? {
        guard !url.isEmpty else { return "give the webhook's URL" }
        guard url.count <= 2000 else { return "a webhook URL is at most 2000 characters" }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            return "'\(url.prefix(60))' is not a URL"
        }
        guard scheme == "http" || scheme == "https" else {
            return "a webhook URL must be http or https, not \(scheme)"
        }
        guard let host = components.host, !host.isEmpty else { return "'\(url.prefix(60))' has no host" }
        guard components.user == nil, components.password == nil else {
            return "put no user name or password in the webhook URL; the signature authenticates the service"
        }
        return nil
    }

    private static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}
