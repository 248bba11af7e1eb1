import Domain
import Foundation
import PostgresNIO
import Storage

extension NotificationStore {
    static let recipientColumns = """
        id, name, email, role, role_title, scope_organisation_id, scope_exclude_descendants, programme_area_ids, event_kinds,
        minimum_severity, direction_filter, source_app_ids, channels, webhook_url, webhook_secret, digest_hour, language, active,
        unsubscribe_token, created_at, updated_at, updated_by
        """

    /// Stores a new recipient; false when the id is taken.
    func insert(_ r: Recipient, token: String, actor: String, at now: Date, on tx: Transaction) async throws -> Bool {
        let inserted = try await tx.query(
            """
            INSERT INTO \(unescaped: table("recipients")) (id, name, email, role, role_title, scope_organisation_id,
                scope_exclude_descendants, programme_area_ids, event_kinds, minimum_severity, direction_filter, source_app_ids,
                channels, webhook_url, webhook_secret, digest_hour, language, active, unsubscribe_token, created_at, updated_at, updated_by)
            VALUES (\(r.id), \(r.name), \(r.email), \(r.role.rawValue), \(r.roleTitle), \(r.scope?.organisationID),
                \(!(r.scope?.includesDescendants ?? true)), \(r.programmeAreaIDs)::text[], \(Self.kinds(r))::text[],
                \(r.minimumSeverity.rawValue), \(r.directionFilter.rawValue), \(r.sourceAppIDs)::text[], \(r.channels.map(\.rawValue))::text[],
                \(r.webhook?.url), \(r.webhook?.secret), \(Self.digestHour(r)), \(r.language.rawValue), true, \(token), \(now), \(now), \(actor))
            ON CONFLICT (id) DO NOTHING RETURNING 1
            """
        ).decode(Int.self).collect()
        return !inserted.isEmpty
    }

    /// Writes every field of `r` but id, active and creation (an unchanged secret stays).
    func update(_ r: Recipient, actor: String, at now: Date, on tx: Transaction) async throws {
        try await tx.query(
            """
            UPDATE \(unescaped: table("recipients")) SET name = \(r.name), email = \(r.email), role = \(r.role.rawValue),
                role_title = \(r.roleTitle), scope_organisation_id = \(r.scope?.organisationID),
                scope_exclude_descendants = \(!(r.scope?.includesDescendants ?? true)), programme_area_ids = \(r.programmeAreaIDs)::text[],
                event_kinds = \(Self.kinds(r))::text[], minimum_severity = \(r.minimumSeverity.rawValue),
                direction_filter = \(r.directionFilter.rawValue), source_app_ids = \(r.sourceAppIDs)::text[],
                channels = \(r.channels.map(\.rawValue))::text[], webhook_url = \(r.webhook?.url),
                webhook_secret = CASE WHEN \(r.webhook == nil) THEN NULL ELSE COALESCE(\(r.webhook?.secret), webhook_secret) END,
                digest_hour = \(Self.digestHour(r)), language = \(r.language.rawValue), updated_at = \(now), updated_by = \(actor)
            WHERE id = \(r.id)
            """)
    }

    /// One recipient; `lock` takes its row for the rest of the transaction.
    func recipient(_ id: String, lock: Bool = false, on tx: Transaction) async throws -> StoredRecipient? {
        try await recipients(
            """
            SELECT \(unescaped: Self.recipientColumns) FROM \(unescaped: table("recipients")) WHERE id = \(id)
            \(unescaped: lock ? "FOR UPDATE" : "")
            """, on: tx
        ).first
    }

    /// Another active recipient with this e-mail, if any.
    func activeRecipientID(email: String, except id: String, on tx: Transaction) async throws -> String? {
        try await tx.query(
            """
            SELECT id FROM \(unescaped: table("recipients")) WHERE active AND lower(email) = lower(\(email)) AND id <> \(id)
            """
        ).decode(String.self).collect().first
    }

    /// The active recipients that may want an event of `kind`: those subscribed to it, and the
    /// responsible leader by e-mail.
    func candidates(for kind: NotificationEvent.Kind, responsibleEmail: String?, on tx: Transaction) async throws -> [Recipient] {
        try await recipients(
            """
            SELECT \(unescaped: Self.recipientColumns) FROM \(unescaped: table("recipients"))
            WHERE active AND (\(kind.rawValue) = ANY(event_kinds) OR lower(email) = lower(\(responsibleEmail ?? "")))
            ORDER BY id
            """, on: tx
        ).map(\.recipient)
    }

    func recipient(unsubscribeToken token: String, on tx: Transaction) async throws -> StoredRecipient? {
        try await recipients(
            """
            SELECT \(unescaped: Self.recipientColumns) FROM \(unescaped: table("recipients")) WHERE unsubscribe_token = \(token) FOR UPDATE
            """, on: tx
        ).first
    }

    func recipients(_ query: PostgresQuery, on tx: Transaction) async throws -> [StoredRecipient] {
        var result: [StoredRecipient] = []
        for try await row in try await tx.query(query) {
            result.append(try Self.storedRecipient(row.makeRandomAccess()))
        }
        return result
    }

    static func storedRecipient(_ row: PostgresRandomAccessRow) throws -> StoredRecipient {
        let id: String = try row.value("id")
        func bad(_ column: String, _ value: String) -> StorageError {
            StorageError(.handlerFailed, "recipient \(id): stored \(column) '\(value)' is not one this build knows")
        }
        let roleText: String = try row.value("role")
        guard let role = Recipient.Role(rawValue: roleText) else { throw bad("role", roleText) }
        let scopeID: String? = try row.value("scope_organisation_id")
        let excludes: Bool = try row.value("scope_exclude_descendants")
        let kinds: [String] = try row.value("event_kinds")
        let channels: [String] = try row.value("channels")
        let severity: Int = try row.value("minimum_severity")
        let url: String? = try row.value("webhook_url")
        let secret: String? = try row.value("webhook_secret")
        let hour: Int? = try row.value("digest_hour")
        let recipient = Recipient(
            id: id, name: try row.value("name"), email: try row.value("email"), role: role, roleTitle: try row.value("role_title"),
            scope: scopeID.map { Recipient.Scope(organisationID: $0, includesDescendants: !excludes) },
            programmeAreaIDs: try row.value("programme_area_ids"),
            eventKinds: Set(kinds.compactMap(NotificationEvent.Kind.init(rawValue:))),
            minimumSeverity: NotificationEvent.Severity(rawValue: severity) ?? .info,
            directionFilter: Recipient.DirectionFilter(rawValue: try row.value("direction_filter")) ?? .deteriorations,
            sourceAppIDs: try row.value("source_app_ids"), channels: channels.compactMap(Recipient.Channel.init(rawValue:)),
            webhook: url.map { Recipient.Webhook(url: $0, secret: secret) },
            deliveryMode: hour.map { .dailyDigest(hour: $0) } ?? .immediate,
            language: Recipient.Language(rawValue: try row.value("language")) ?? .sv, active: try row.value("active"))
        return StoredRecipient(
            recipient: recipient, secretSet: secret != nil, unsubscribeToken: try row.value("unsubscribe_token"),
            createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"), updatedBy: try row.value("updated_by"))
    }

    static func kinds(_ r: Recipient) -> [String] { NotificationEvent.Kind.allCases.filter(r.eventKinds.contains).map(\.rawValue) }

    static func digestHour(_ r: Recipient) -> Int? {
        if case .dailyDigest(let hour) = r.deliveryMode { return hour }
        return nil
    }
}
