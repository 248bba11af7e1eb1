import CatalogProjection
import Contracts
import Domain
import Foundation
import Messaging
import PostgresNIO
import RPC
import Reference
import ServiceRuntime
import Storage
import SwiftProtobuf

/// CreateAssessment, GetAssessment, FillStatement, ListAssessments, CompleteNextStep.
struct AssessmentMethods: Sendable {
    let parts: FollowUpParts

    static let templates: [AssessmentTemplate] = (try? ReferenceData.load())?.assessmentTemplates ?? []

    func register(_ router: inout RPCRouter) {
        router.register("CreateAssessment") { (request: Kunskapsloop_Followup_V1_CreateAssessmentRequest, context) in
            try await create(request, key: context.messageID)
        }
        router.register("GetAssessment") { (request: Kunskapsloop_Followup_V1_GetAssessmentRequest, _) in
            try await parts.database.read { connection in
                var response = Kunskapsloop_Followup_V1_GetAssessmentResponse()
                response.assessment = try await message(try await load(request.id, on: connection), on: connection)
                return response
            }
        }
        router.register("FillStatement") { (request: Kunskapsloop_Followup_V1_FillStatementRequest, context) in
            try await fill(request, key: context.messageID)
        }
        router.register("ListAssessments") { (request: Kunskapsloop_Followup_V1_ListAssessmentsRequest, _) in
            try await list(request)
        }
        router.register("CompleteNextStep") { (request: Kunskapsloop_Followup_V1_CompleteNextStepRequest, context) in
            try await complete(request, key: context.messageID)
        }
    }

    func load(_ id: String, lock: Bool = false, on connection: PostgresConnection) async throws -> StoredAssessment {
        guard let a = try await parts.store.assessment(id.lowercased(), lock: lock, on: connection) else {
            throw RPCError.notFound("no assessment has the id \(quoted(id))", field: "id")
        }
        return a
    }

    func message(_ a: StoredAssessment, on connection: PostgresConnection) async throws -> Kunskapsloop_Followup_V1_Assessment {
        let organisation = try await parts.store.catalog.organisation(a.organisationID, on: connection)
        return AssessmentMessage.make(
            a,
            organisation: organisation.map { Kunskapsloop_Common_V1_OrganisationRef($0.organisation) }
                ?? Kunskapsloop_Common_V1_OrganisationRef(id: a.organisationID),
            url: parts.events.assessmentURL(a.id))
    }

    func create(_ request: Kunskapsloop_Followup_V1_CreateAssessmentRequest, key: String?) async throws -> Kunskapsloop_Followup_V1_CreateAssessmentResponse {
        guard let template = Self.templates.first(where: { $0.id == request.templateID }) else {
            throw RPCError.notFound(
                "no assessment template has the id \(quoted(request.templateID)) (there are: \(Self.templates.map(\.id).joined(separator: ", ")))",
                field: "template_id")
        }
        guard request.title.count <= 300 else { throw RPCError.invalidArgument("the title is longer than 300 characters", field: "title") }
        let actor = FollowUpParts.actor(request.actor)
        return try await parts.database.idempotent("CreateAssessment", key: key) { tx in
            guard try await parts.store.catalog.organisation(request.organisationID, on: tx.connection) != nil else {
                throw RPCError.notFound("no organisation in the catalog has the id \(quoted(request.organisationID))", field: "organisation_id")
            }
            let now = Date()
            let year = StockholmTime.date(at: Int64(now.timeIntervalSince1970)).year
            let title = request.title.trimmingWhitespaceAndNewlines.isEmpty ? "\(template.title) \(year)" : request.title
            let assessment = StoredAssessment(
                id: UUID().lowercasedString, templateID: template.id, templateTitle: template.title, organisationID: request.organisationID,
                title: title, createdBy: actor, createdAt: now, updatedAt: now,
                statements: template.statements.map {
                    StoredAssessment.Statement(
                        id: $0.id, text: $0.text, currentState: "", desiredState: "", nextStep: nil, completedAt: nil,
                        completedBy: "", overdueNotifiedAt: nil, updatedBy: "", updatedAt: nil)
                })
            try await parts.store.insert(assessment, on: tx.connection)
            var response = Kunskapsloop_Followup_V1_CreateAssessmentResponse()
            response.assessment = try await message(assessment, on: tx.connection)
            return response
        }
    }

    func fill(_ request: Kunskapsloop_Followup_V1_FillStatementRequest, key: String?) async throws -> Kunskapsloop_Followup_V1_FillStatementResponse {
        if request.hasCurrentState, request.currentState.count > 4000 {
            throw RPCError.invalidArgument("current_state is longer than 4000 characters", field: "current_state")
        }
        if request.hasDesiredState, request.desiredState.count > 4000 {
            throw RPCError.invalidArgument("desired_state is longer than 4000 characters", field: "desired_state")
        }
        var step: NextStep?
        if request.hasNextStep {
            let n = request.nextStep
            let due: CivilDate
            do throws(PeriodError) {
                guard let date = try n.dueOn.civilDate() else { throw PeriodError(.invalidDate, "a due date is required") }
                due = date
            } catch {
                throw RPCError.invalidArgument("next_step.due_on: \(error.message)", field: "next_step.due_on")
            }
            let status: NextStep.Status =
                switch n.status {
                case .cancelled: .cancelled
                case .done: .done
                default: .open
                }
            let candidate = NextStep(
                action: n.action, responsibleEmail: n.responsible.email.trimmingWhitespaceAndNewlines,
                responsibleName: n.responsible.name, dueOn: due, status: status)
            do throws(IndicatorError) { try candidate.validate() } catch { throw IndicatorMessage.rpcError(error) }
            step = candidate
        }
        let chosen = step
        let actor = FollowUpParts.actor(request.actor)
        return try await parts.database.idempotent("FillStatement", key: key) { tx in
            var assessment = try await load(request.assessmentID, lock: true, on: tx.connection)
            guard let index = assessment.statements.firstIndex(where: { $0.id == request.statementID }) else {
                throw RPCError.notFound("the assessment has no statement \(quoted(request.statementID))", field: "statement_id")
            }
            let now = Date()
            var s = assessment.statements[index]
            if request.hasCurrentState { s.currentState = request.currentState }
            if request.hasDesiredState { s.desiredState = request.desiredState }
            if let chosen {
                s.nextStep = chosen
                s.completedAt = nil
                s.completedBy = ""
            }
            s.updatedBy = actor
            s.updatedAt = now
            assessment.statements[index] = s
            try await parts.store.write(s, of: assessment.id, at: now, on: tx.connection)
            var response = Kunskapsloop_Followup_V1_FillStatementResponse()
            response.assessment = try await message(try await load(assessment.id, on: tx.connection), on: tx.connection)
            return response
        }
    }

    func complete(_ request: Kunskapsloop_Followup_V1_CompleteNextStepRequest, key: String?) async throws -> Kunskapsloop_Followup_V1_CompleteNextStepResponse {
        let actor = FollowUpParts.actor(request.actor)
        return try await parts.database.idempotent("CompleteNextStep", key: key) { tx in
            let assessment = try await load(request.assessmentID, lock: true, on: tx.connection)
            guard var s = assessment.statements.first(where: { $0.id == request.statementID }) else {
                throw RPCError.notFound("the assessment has no statement \(quoted(request.statementID))", field: "statement_id")
            }
            guard var step = s.nextStep else {
                throw RPCError.failedPrecondition("the statement has no next step yet; agree one with FillStatement", field: "statement_id")
            }
            switch step.status {
            case .cancelled:
                throw RPCError.failedPrecondition("the next step was cancelled; agree a new one with FillStatement", field: "statement_id")
            case .done:
                break  // done already: left as it was
            case .open:
                let now = Date()
                step.status = .done
                s.nextStep = step
                s.completedAt = request.hasCompletedAt ? request.completedAt.date : now
                s.completedBy = actor
                s.updatedBy = actor
                s.updatedAt = now
                try await parts.store.write(s, of: assessment.id, at: now, on: tx.connection)
            }
            var response = Kunskapsloop_Followup_V1_CompleteNextStepResponse()
            response.assessment = try await message(try await load(assessment.id, on: tx.connection), on: tx.connection)
            return response
        }
    }

    func list(_ request: Kunskapsloop_Followup_V1_ListAssessmentsRequest) async throws -> Kunskapsloop_Followup_V1_ListAssessmentsResponse {
        let size = try PageCursor<Int>.size(request.page)
        var unpaged = request
        unpaged.page = .init()
        let fingerprint = PageCursor<Int>.fingerprint(unpaged)
        let offset = try PageCursor<Int>.decode(request.page, fingerprint: fingerprint)?.after ?? 0
        var filter = AssessmentFilter()
        filter.organisationID = request.organisationID.isEmpty ? nil : request.organisationID
        filter.includeDescendants = request.includeDescendants
        filter.templateID = request.templateID.isEmpty ? nil : request.templateID
        filter.onlyOpen = request.onlyOpenNextSteps
        if request.onlyOverdueNextSteps { filter.onlyOverdueBefore = StockholmTime.date(at: Int64(Date().timeIntervalSince1970)) }
        filter.responsibleEmail = request.responsibleEmail.isEmpty ? nil : request.responsibleEmail
        let chosen = filter
        return try await parts.database.read { connection in
            let (ids, total) = try await parts.store.listAssessments(chosen, offset: offset, limit: size + 1, on: connection)
            var response = Kunskapsloop_Followup_V1_ListAssessmentsResponse()
            for a in try await parts.store.assessments(Array(ids.prefix(size)), on: connection) {
                response.assessments.append(try await message(a, on: connection))
            }
            response.page.totalSize = Int64(total)
            if ids.count > size { response.page.nextPageToken = PageCursor(request: fingerprint, after: offset + size).encoded }
            return response
        }
    }
}
