import CatalogProjection
import Domain
import Foundation
import PostgresNIO

/// A self-assessment as stored.
struct StoredAssessment: Sendable {
    struct Statement: Sendable {
        let id: String
        let text: String
        var currentState: String
        var desiredState: String
        var nextStep: NextStep?
        var completedAt: Date?
        var completedBy: String
        var overdueNotifiedAt: Date?
        var updatedBy: String
        var updatedAt: Date?
    }

    let id: String
    let templateID: String
    let templateTitle: String
    let organisationID: String
    let title: String
    let createdBy: String
    let createdAt: Date
    let updatedAt: Date
    var statements: [Statement]
}

/// An overdue next step to announce.
struct OverdueStep: Sendable {
    let assessmentID: String
    let statementID: String
    let dueOn: CivilDate
}

/// Filters of an assessment listing.
struct AssessmentFilter: Sendable {
    var organisationID: String?
    var includeDescendants = false
    var templateID: String?
    var onlyOpen = false
    var onlyOverdueBefore: CivilDate?
    var responsibleEmail: String?
}

extension FollowUpStore {
    func insert(_ a: StoredAssessment, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("assessments")) (id, template_id, template_title, organisation_id, title, created_by, created_at, updated_at)
            VALUES (\(a.id)::uuid, \(a.templateID), \(a.templateTitle), \(a.organisationID), \(a.title), \(a.createdBy), \(a.createdAt), \(a.updatedAt))
            """, logger: logger)
        try await connection.query(
            """
            INSERT INTO \(unescaped: table("assessment_statements")) (assessment_id, position, statement_id, text)
            SELECT \(a.id)::uuid, p, s, t FROM unnest(\(Array(0..<a.statements.count))::int[], \(a.statements.map(\.id))::text[],
                                                     \(a.statements.map(\.text))::text[]) AS u(p, s, t)
            """, logger: logger)
    }

    /// One assessment with its statements; with `lock`, its rows are locked.
    func assessment(_ id: String, lock: Bool = false, on connection: PostgresConnection) async throws -> StoredAssessment? {
        guard UUID(uuidString: id) != nil else { return nil }
        return try await assessments([id], lock: lock, on: connection).first
    }

    func assessments(_ ids: [String], lock: Bool = false, on connection: PostgresConnection) async throws -> [StoredAssessment] {
        guard !ids.isEmpty else { return [] }
        let heads = try await connection.query(
            """
            SELECT id::text, template_id, template_title, organisation_id, title, created_by, created_at, updated_at
            FROM \(unescaped: table("assessments")) WHERE id = ANY(\(ids)::uuid[]) \(unescaped: lock ? "FOR UPDATE" : "")
            """, logger: logger
        ).all(String.self, String.self, String.self, String.self, String.self, String.self, Date.self, Date.self)
        let rows = try await connection.query(
            """
            SELECT assessment_id::text, statement_id, text, current_state, desired_state, next_action, responsible_email, responsible_name,
                   due_on::text, step_status, completed_at, completed_by, overdue_notified_at, updated_by, updated_at
            FROM \(unescaped: table("assessment_statements")) WHERE assessment_id = ANY(\(ids)::uuid[]) ORDER BY assessment_id, position
            \(unescaped: lock ? "FOR UPDATE" : "")
            """, logger: logger)
        var statements: [String: [StoredAssessment.Statement]] = [:]
        for try await row in rows {
            let (assessment, id, text, current, desired, action, email, name) = try row.decode(
                (String, String, String, String, String, String?, String?, String).self)
            let r = row.makeRandomAccess()
            let due = try r[8].decode(String?.self)
            let status = try r[9].decode(String?.self)
            let completedAt = try r[10].decode(Date?.self)
            let completedBy = try r[11].decode(String.self)
            let notified = try r[12].decode(Date?.self)
            let updatedBy = try r[13].decode(String.self)
            let updatedAt = try r[14].decode(Date?.self)
            var step: NextStep?
            if let action, let email, let due, let date = try? CivilDate(parsing: due), let status = status.flatMap(NextStep.Status.init(rawValue:)) {
                step = NextStep(action: action, responsibleEmail: email, responsibleName: name, dueOn: date, status: status)
            }
            statements[assessment, default: []].append(
                StoredAssessment.Statement(
                    id: id, text: text, currentState: current, desiredState: desired, nextStep: step, completedAt: completedAt,
                    completedBy: completedBy, overdueNotifiedAt: notified, updatedBy: updatedBy, updatedAt: updatedAt))
        }
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1.lowercased(), $0) })
        return heads.map { h in
            StoredAssessment(
                id: h.0, templateID: h.1, templateTitle: h.2, organisationID: h.3, title: h.4, createdBy: h.5, createdAt: h.6,
                updatedAt: h.7, statements: statements[h.0] ?? [])
        }.sorted { (order[$0.id] ?? 0) < (order[$1.id] ?? 0) }
    }

    /// Writes one statement's answers (and the assessment's time of change).
    func write(_ s: StoredAssessment.Statement, of assessmentID: String, at now: Date, on connection: PostgresConnection) async throws {
        let step = s.nextStep
        try await connection.query(
            """
            UPDATE \(unescaped: table("assessment_statements")) SET current_state = \(s.currentState), desired_state = \(s.desiredState),
                next_action = \(step?.action), responsible_email = \(step?.responsibleEmail), responsible_name = \(step?.responsibleName ?? ""),
                due_on = \(step?.dueOn.description)::date, step_status = \(step?.status.rawValue), completed_at = \(s.completedAt),
                completed_by = \(s.completedBy), updated_by = \(s.updatedBy), updated_at = \(s.updatedAt)
            WHERE assessment_id = \(assessmentID)::uuid AND statement_id = \(s.id)
            """, logger: logger)
        try await connection.query("UPDATE \(unescaped: table("assessments")) SET updated_at = \(now) WHERE id = \(assessmentID)::uuid", logger: logger)
    }

    /// A page of assessment ids, newest first, and the total.
    func listAssessments(_ f: AssessmentFilter, offset: Int, limit: Int, on connection: PostgresConnection) async throws -> (ids: [String], total: Int) {
        let overdue = f.onlyOverdueBefore?.description
        let email = f.responsibleEmail?.lowercased()
        func query(_ select: String, _ tail: String) -> PostgresQuery {
            """
            \(unescaped: select) FROM \(unescaped: table("assessments")) a
            WHERE (\(f.organisationID)::text IS NULL OR a.organisation_id = \(f.organisationID) OR (\(f.includeDescendants) AND EXISTS (
                    SELECT 1 FROM \(unescaped: catalog.table("organisations")) o WHERE o.id = a.organisation_id AND \(f.organisationID) = ANY(o.ancestor_ids))))
              AND (\(f.templateID)::text IS NULL OR a.template_id = \(f.templateID))
              AND (NOT \(f.onlyOpen) OR EXISTS (SELECT 1 FROM \(unescaped: table("assessment_statements")) s WHERE s.assessment_id = a.id AND s.step_status = 'open'))
              AND (\(overdue)::date IS NULL OR EXISTS (SELECT 1 FROM \(unescaped: table("assessment_statements")) s
                    WHERE s.assessment_id = a.id AND s.step_status = 'open' AND s.due_on < \(overdue)::date))
              AND (\(email)::text IS NULL OR EXISTS (SELECT 1 FROM \(unescaped: table("assessment_statements")) s
                    WHERE s.assessment_id = a.id AND lower(s.responsible_email) = \(email)))
            \(unescaped: tail)
            """
        }
        let ids = try await connection.query(query("SELECT a.id::text", "ORDER BY a.seq DESC LIMIT \(limit) OFFSET \(offset)"), logger: logger).all(String.self)
        let total = try await connection.query(query("SELECT count(*)", ""), logger: logger).all(Int.self).first ?? 0
        return (ids, total)
    }

    /// Open steps past their due date on `today` not yet announced for that due date, locked
    /// (others skip them), at most `limit`.
    func overdueSteps(today: CivilDate, limit: Int, on connection: PostgresConnection) async throws -> [OverdueStep] {
        let rows = try await connection.query(
            """
            SELECT assessment_id::text, statement_id, due_on::text FROM \(unescaped: table("assessment_statements"))
            WHERE step_status = 'open' AND due_on < \(today.description)::date AND overdue_notified_due IS DISTINCT FROM due_on
            ORDER BY due_on LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """, logger: logger
        ).all(String.self, String.self, String.self)
        return rows.compactMap { a, s, d in (try? CivilDate(parsing: d)).map { OverdueStep(assessmentID: a, statementID: s, dueOn: $0) } }
    }

    func markNotified(_ step: OverdueStep, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE \(unescaped: table("assessment_statements")) SET overdue_notified_at = \(now), overdue_notified_due = \(step.dueOn.description)::date
            WHERE assessment_id = \(step.assessmentID)::uuid AND statement_id = \(step.statementID)
            """, logger: logger)
    }
}
