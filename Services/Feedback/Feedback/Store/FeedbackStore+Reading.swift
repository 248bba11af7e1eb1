import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import Storage

/// Which items to list.
struct FeedbackItemFilter: Sendable {
    var knowledgeSupportID = ""
    var kinds: [FeedbackKind] = []
    var respondentRoles: [RespondentRole] = []
    var organisationID = ""
    /// ISO weeks or months, first and last (inclusive); nil for all.
    var periods: (first: Period, last: Period)?
}

extension FeedbackStore {
    static let itemColumns = """
        i.id, i.message_id, i.knowledge_support_id, i.knowledge_support_version, i.respondent_role, i.kind, i.helpful,
        i.rating::int4 AS rating, i.answer_text, i.comment, i.redaction_count, i.organisation_id, COALESCE(o.name, '') AS organisation_name,
        extract(epoch FROM i.occurred_at)::int8 AS occurred_at, extract(epoch FROM i.recorded_at)::float8 AS recorded_at,
        i.source_system, i.source_app_id, i.week, i.month, i.seq
        """

    /// The item stored under an idempotency key, with its organisation's name, if any.
    func item(key: String, on connection: PostgresConnection) async throws -> (item: FeedbackItem, organisationName: String)? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.itemColumns) FROM \(unescaped: table("items")) i
            LEFT JOIN \(unescaped: table("catalog_organisations")) o ON o.id = i.organisation_id
            WHERE i.message_id = \(key)
            """, logger: logger)
        for try await row in rows {
            let (item, name, _) = try Self.item(from: row)
            return (item, name)
        }
        return nil
    }

    /// Items newest first after the insertion sequence number `after`, at most `limit`, with the
    /// organisations' names and their sequence numbers; and how many match in all.
    func items(
        _ filter: FeedbackItemFilter, after: Int64, limit: Int, on connection: PostgresConnection
    ) async throws
        -> (items: [(item: FeedbackItem, organisationName: String, seq: Int64)], total: Int64)
    {
        let kinds = filter.kinds.map(\.rawValue)
        let roles = filter.respondentRoles.map(\.rawValue)
        var weeks = ("", "")
        var months = ("", "")
        if let (first, last) = filter.periods {
            if first.granularity == .isoWeek { weeks = (first.description, last.description) } else { months = (first.description, last.description) }
        }
        let condition: PostgresQuery = """
            (\(filter.knowledgeSupportID) = '' OR i.knowledge_support_id = \(filter.knowledgeSupportID))
            AND (cardinality(\(kinds)::text[]) = 0 OR i.kind = ANY(\(kinds)::text[]))
            AND (cardinality(\(roles)::text[]) = 0 OR i.respondent_role = ANY(\(roles)::text[]))
            AND (\(filter.organisationID) = '' OR i.organisation_id = \(filter.organisationID))
            AND (\(weeks.0) = '' OR i.week BETWEEN \(weeks.0) AND \(weeks.1))
            AND (\(months.0) = '' OR i.month BETWEEN \(months.0) AND \(months.1))
            """
        let from = "FROM \(table("items")) i LEFT JOIN \(table("catalog_organisations")) o ON o.id = i.organisation_id WHERE "
        var binds = condition.binds
        binds.append(after, context: .default)
        binds.append(Int64(limit), context: .default)
        let n = binds.count
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.itemColumns) \(from)\(condition.sql) AND i.seq < $\(n - 1) ORDER BY i.seq DESC LIMIT $\(n)", binds: binds),
            logger: logger)
        var page: [(item: FeedbackItem, organisationName: String, seq: Int64)] = []
        for try await row in rows { page.append(try Self.item(from: row)) }
        let counted = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) \(from)\(condition.sql)", binds: condition.binds),
            logger: logger)
        return (page, try await counted.decode(Int64.self).collect().first ?? 0)
    }

    static func item(from row: PostgresRow) throws -> (item: FeedbackItem, organisationName: String, seq: Int64) {
        let r = row.makeRandomAccess()
        let answer: FeedbackSubmission.Answer
        if let helpful = try r["helpful"].decode(Bool?.self) {
            answer = .helpful(helpful)
        } else if let rating = try r["rating"].decode(Int32?.self) {
            answer = .rating(Int(rating))
        } else {
            answer = .text(try r["answer_text"].decode(String?.self) ?? "")
        }
        let kindName = try r["kind"].decode(String.self)
        guard let kind = FeedbackKind(rawValue: kindName) else {
            throw StorageError(.handlerFailed, "an item of kind '\(kindName)' this build does not know")
        }
        let item = FeedbackItem(
            id: try r["id"].decode(UUID.self).lowercasedString, key: try r["message_id"].decode(String.self),
            knowledgeSupportID: try r["knowledge_support_id"].decode(String.self),
            knowledgeSupportVersion: Int(try r["knowledge_support_version"].decode(Int32.self)),
            respondentRole: RespondentRole(rawValue: try r["respondent_role"].decode(String.self)) ?? .unknown, kind: kind, answer: answer,
            comment: try r["comment"].decode(String.self), redactionCount: Int(try r["redaction_count"].decode(Int32.self)),
            organisationID: try r["organisation_id"].decode(String?.self), occurredAt: try r["occurred_at"].decode(Int64.self),
            recordedAt: try r["recorded_at"].decode(Double.self), sourceSystem: try r["source_system"].decode(String.self),
            sourceAppID: try r["source_app_id"].decode(String.self),
            week: try Period(parsing: try r["week"].decode(String.self)), month: try Period(parsing: try r["month"].decode(String.self)))
        return (item, try r["organisation_name"].decode(String.self), try r["seq"].decode(Int64.self))
    }
}
