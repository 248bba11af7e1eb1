import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension FeedbackStore {
    static let itemColumns = """
        i.id, i.knowledge_support_id, i.knowledge_support_version, i.respondent_role, i.kind, i.helpful, i.rating::int4 AS rating,
        i.answer_text, i.comment, i.redaction_count, i.organisation_id, COALESCE(o.name, '') AS organisation_name,
        extract(epoch FROM i.occurred_at)::int8 AS occurred_at, i.recorded_at, i.source_system, i.week, i.month, i.seq
        """

    /// The item stored under an idempotency key, if any.
    func item(key: String, on connection: PostgresConnection) async throws -> Kunskapsloop_Feedback_V1_FeedbackItem? {
        let rows = try await connection.query("""
            SELECT \(unescaped: Self.itemColumns) FROM \(unescaped: table("items")) i
            LEFT JOIN \(unescaped: table("organisations")) o ON o.id = i.organisation_id
            WHERE i.message_id = \(key)
            """, logger: logger)
        for try await row in rows { return try Self.item(from: row).item }
        return nil
    }

    /// Items newest first, filtered, a page at a time (keyset on the insertion order).
    func listItems(_ request: Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest, on connection: PostgresConnection) async throws
        -> Kunskapsloop_Feedback_V1_ListFeedbackItemsResponse {
        var unpaged = request
        unpaged.page = Kunskapsloop_Common_V1_PageRequest()
        let fingerprint = FeedbackPageToken.fingerprint(unpaged)
        let size = try FeedbackPageToken.size(request.page)
        let after = try FeedbackPageToken.decode(request.page, fingerprint: fingerprint)?.after ?? Int64.max
        var kinds: [String] = []
        for kind in request.kinds {
            guard let known = FeedbackKind(kind) else { throw RPCError.invalidArgument("unknown kind \(kind.rawValue)", field: "kinds") }
            kinds.append(known.rawValue)
        }
        let roles = request.respondentRoles.map { RespondentRole($0).rawValue }
        var weeks = ("", ""), months = ("", "")
        if request.hasPeriods {
            let periods = try FeedbackRouter.periodRange(request.periods, field: "periods", maximum: 10_000)
            let bounds = (periods[0].description, periods[periods.count - 1].description)
            if periods[0].granularity == .isoWeek { weeks = bounds } else { months = bounds }
        }
        let filter: PostgresQuery = """
            (\(request.knowledgeSupportID.lowercased()) = '' OR i.knowledge_support_id = \(request.knowledgeSupportID.lowercased()))
            AND (cardinality(\(kinds)::text[]) = 0 OR i.kind = ANY(\(kinds)::text[]))
            AND (cardinality(\(roles)::text[]) = 0 OR i.respondent_role = ANY(\(roles)::text[]))
            AND (\(request.organisationID) = '' OR i.organisation_id = \(request.organisationID))
            AND (\(weeks.0) = '' OR i.week BETWEEN \(weeks.0) AND \(weeks.1))
            AND (\(months.0) = '' OR i.month BETWEEN \(months.0) AND \(months.1))
            """
        let from = "FROM \(table("items")) i LEFT JOIN \(table("organisations")) o ON o.id = i.organisation_id WHERE "
        var binds = filter.binds
        binds.append(after, context: .default)
        binds.append(Int64(size + 1), context: .default)
        let n = binds.count
        let rows = try await connection.query(PostgresQuery(
            unsafeSQL: "SELECT \(Self.itemColumns) \(from)\(filter.sql) AND i.seq < $\(n - 1) ORDER BY i.seq DESC LIMIT $\(n)", binds: binds),
            logger: logger)
        var page: [(item: Kunskapsloop_Feedback_V1_FeedbackItem, seq: Int64)] = []
        for try await row in rows { page.append(try Self.item(from: row)) }
        let counted = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) \(from)\(filter.sql)", binds: filter.binds), logger: logger)
        let total = try await counted.decode(Int64.self).collect().first ?? 0
        var response = Kunskapsloop_Feedback_V1_ListFeedbackItemsResponse()
        response.items = page.prefix(size).map(\.item)
        response.page.totalSize = total
        if page.count > size, let last = page.prefix(size).last {
            response.page.nextPageToken = FeedbackPageToken(request: fingerprint, after: last.seq).encoded
        }
        return response
    }

    static func item(from row: PostgresRow) throws -> (item: Kunskapsloop_Feedback_V1_FeedbackItem, seq: Int64) {
        let r = row.makeRandomAccess()
        var item = Kunskapsloop_Feedback_V1_FeedbackItem()
        item.id = try r["id"].decode(UUID.self).uuidString.lowercased()
        item.knowledgeSupportID = try r["knowledge_support_id"].decode(String.self)
        item.knowledgeSupportVersion = try r["knowledge_support_version"].decode(Int32.self)
        item.respondentRole = (RespondentRole(rawValue: try r["respondent_role"].decode(String.self)) ?? .unknown).contract
        item.kind = FeedbackKind(rawValue: try r["kind"].decode(String.self))?.contract ?? .unspecified
        if let helpful = try r["helpful"].decode(Bool?.self) { item.helpful = helpful }
        if let rating = try r["rating"].decode(Int32?.self) { item.rating = rating }
        if let text = try r["answer_text"].decode(String?.self) { item.text = text }
        item.comment = try r["comment"].decode(String.self)
        item.redactionCount = try r["redaction_count"].decode(Int32.self)
        if let organisation = try r["organisation_id"].decode(String?.self) {
            item.organisation.id = organisation
            item.organisation.name = try r["organisation_name"].decode(String.self)
        }
        item.occurredAt = Google_Protobuf_Timestamp(seconds: try r["occurred_at"].decode(Int64.self))
        item.recordedAt = Google_Protobuf_Timestamp(date: try r["recorded_at"].decode(Date.self))
        item.sourceSystem = try r["source_system"].decode(String.self)
        if let week = try? Period(parsing: try r["week"].decode(String.self)) { item.week = Kunskapsloop_Common_V1_Period(week) }
        if let month = try? Period(parsing: try r["month"].decode(String.self)) { item.month = Kunskapsloop_Common_V1_Period(month) }
        return (item, try r["seq"].decode(Int64.self))
    }

    /// One summary per period, in order: from the tallies for all organisations, or counted from
    /// the items for one. Periods without feedback have zero counts and revision 0.
    func summaries(_ support: String, periods: [Period], organisation: String?, on connection: PostgresConnection) async throws
        -> [Kunskapsloop_Feedback_V1_FeedbackSummary] {
        let now = Int64(Date().timeIntervalSince1970)
        let grace = settings.periodGrace.seconds
        var stored: [Period: StoredTally] = [:]
        if let organisation {
            let column = periods[0].granularity == .isoWeek ? "week" : "month"
            let rows = try await connection.query("""
                SELECT \(unescaped: column), kind, helpful, rating::int4, respondent_role, count(*)::int4
                FROM \(unescaped: table("items"))
                WHERE knowledge_support_id = \(support) AND organisation_id = \(organisation)
                  AND \(unescaped: column) BETWEEN \(periods[0].description) AND \(periods[periods.count - 1].description)
                GROUP BY 1, 2, 3, 4, 5
                """, logger: logger)
            for try await (name, kindName, helpful, rating, roleName, count) in rows.decode((String, String, Bool?, Int32?, String, Int32).self) {
                guard let period = try? Period(parsing: name), let kind = FeedbackKind(rawValue: kindName) else { continue }
                let answer: FeedbackSubmission.Answer = helpful.map { .helpful($0) } ?? rating.map { .rating(Int($0)) } ?? .text("")
                var entry = stored[period] ?? StoredTally(tally: FeedbackTally(knowledgeSupportID: support, period: period, organisationID: organisation),
                                                          endsAt: Self.endOfPeriod(period), revision: 0, changes: 0)
                for _ in 0..<count { entry.tally.add(kind: kind, answer: answer, respondentRole: RespondentRole(rawValue: roleName) ?? .unknown) }
                stored[period] = entry
            }
        } else {
            let rows = try await connection.query("""
                SELECT \(unescaped: Self.tallyColumns) FROM \(unescaped: table("tallies"))
                WHERE knowledge_support_id = \(support) AND period = ANY(\(periods.map(\.description))::text[])
                """, logger: logger)
            for try await row in rows {
                let entry = try Self.tally(from: row)
                stored[entry.tally.period] = entry
            }
        }
        let names = organisation == nil ? [:] : try await organisationNames([organisation!], on: connection)
        return periods.map { period in
            let entry = stored[period] ?? StoredTally(tally: FeedbackTally(knowledgeSupportID: support, period: period, organisationID: organisation),
                                                      endsAt: Self.endOfPeriod(period), revision: 0, changes: 0)
            return Kunskapsloop_Feedback_V1_FeedbackSummary(entry.tally, revision: entry.revision, closed: entry.endsAt + grace <= now,
                                                            computedAt: now, organisationName: organisation.flatMap { names[$0] } ?? "")
        }
    }
}
