import ArgumentParser
import Contracts
import Domain
import Foundation
import SwiftProtobuf

extension FollowUpCommand {
    static func assessmentTable(_ a: Kunskapsloop_Followup_V1_Assessment) -> TextTable {
        TextTable(
            headers: ["STATEMENT", "IDAG", "ÖNSKAT", "NÄSTA STEG", "ANSVARIG", "SENAST", "STATUS"],
            rows: a.statements.map { s in
                let step = s.hasNextStep ? s.nextStep : nil
                return [
                    s.statementID, String(s.currentState.prefix(40)), String(s.desiredState.prefix(40)), String(step?.action.prefix(40) ?? ""),
                    step?.responsible.email ?? "",
                    step.map { "\($0.dueOn.year)-\(String(format: "%02d", $0.dueOn.month))-\(String(format: "%02d", $0.dueOn.day))" } ?? "",
                    step.map { $0.status == .done ? "done" : ($0.status == .cancelled ? "cancelled" : "open") } ?? "",
                ]
            },
            footer: "\(a.id)  \(a.title) — \(a.organisation.name.isEmpty ? a.organisation.id : a.organisation.name) — \(a.pageURL)")
    }

    struct AssessmentCreate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a self-assessment from a template.",
            discussion: "kl followup assessment create SE-03 --template forbattringskunskap-halsofraemjande")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: FollowUpActor
        @Argument(help: "The organisation assessed.") var organisation: String
        @Option(help: "The template's id.") var template = "forbattringskunskap-halsofraemjande"
        @Option(help: "Title (default: the template's and the year).") var title = ""

        func run() async throws {
            let request = Kunskapsloop_Followup_V1_CreateAssessmentRequest.with {
                $0.templateID = template
                $0.organisationID = organisation
                $0.title = title
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, FollowUpSpelling.method("CreateAssessment"), request, returning: Kunskapsloop_Followup_V1_CreateAssessmentResponse.self
            ) {
                FollowUpCommand.assessmentTable($0.assessment)
            }
        }
    }

    struct AssessmentGet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a self-assessment.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The assessment's id.") var id: String

        func run() async throws {
            try await Invocation.run(
                options, FollowUpSpelling.method("GetAssessment"), Kunskapsloop_Followup_V1_GetAssessmentRequest.with { $0.id = id },
                returning: Kunskapsloop_Followup_V1_GetAssessmentResponse.self
            ) { FollowUpCommand.assessmentTable($0.assessment) }
        }
    }

    struct AssessmentFill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fill", abstract: "Fill in a statement: today, desired, and the next step.",
            discussion:
                "kl followup assessment fill ID styrgrupp --current \"Ingen styrgrupp\" --desired \"…\" --next \"Bilda en styrgrupp\" --responsible anna@region.se --due 2026-06-30"
        )
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: FollowUpActor
        @Argument(help: "The assessment's id.") var id: String
        @Argument(help: "The statement's id.") var statement: String
        @Option(help: "Så här ser det ut idag.") var current: String?
        @Option(help: "Så här skulle vi vilja att det ser ut.") var desired: String?
        @Option(name: .customLong("next"), help: "Det här blir mitt nästa steg.") var next: String?
        @Option(help: "The responsible leader's e-mail.") var responsible: String?
        @Option(name: .customLong("responsible-name"), help: "Their name.") var responsibleName = ""
        @Option(help: "Due date, YYYY-MM-DD.") var due: String?
        @Flag(help: "Cancel the next step.") var cancel = false

        func run() async throws {
            var request = Kunskapsloop_Followup_V1_FillStatementRequest()
            request.assessmentID = id
            request.statementID = statement
            if let current { request.currentState = current }
            if let desired { request.desiredState = desired }
            if next != nil || cancel {
                guard let next, let responsible, let due else { throw ValidationError("a next step needs --next, --responsible and --due") }
                let date: CivilDate
                do { date = try CivilDate(parsing: due) } catch { throw ValidationError("--due: \(error.message)") }
                request.nextStep = .with {
                    $0.action = next
                    $0.responsible = .with {
                        $0.email = responsible
                        $0.name = responsibleName
                    }
                    $0.dueOn = Kunskapsloop_Common_V1_Date(date)
                    $0.status = cancel ? .cancelled : .open
                }
            }
            request.actor = actor.actor
            try await Invocation.run(options, FollowUpSpelling.method("FillStatement"), request, returning: Kunskapsloop_Followup_V1_FillStatementResponse.self)
            {
                FollowUpCommand.assessmentTable($0.assessment)
            }
        }
    }

    struct AssessmentList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List self-assessments, newest first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this organisation.") var organisation = ""
        @Flag(help: "With --organisation: also those below it.") var descendants = false
        @Flag(help: "Only those with an open next step.") var open = false
        @Flag(help: "Only those with an overdue next step.") var overdue = false
        @Option(help: "Only those where this e-mail answers for a next step.") var responsible = ""
        @Option(name: .customLong("page-size")) var pageSize: Int32 = 50
        @Option(name: .customLong("page-token")) var pageToken = ""

        func run() async throws {
            let request = Kunskapsloop_Followup_V1_ListAssessmentsRequest.with {
                $0.organisationID = organisation
                $0.includeDescendants = descendants
                $0.onlyOpenNextSteps = open
                $0.onlyOverdueNextSteps = overdue
                $0.responsibleEmail = responsible
                $0.page.pageSize = pageSize
                $0.page.pageToken = pageToken
            }
            try await Invocation.run(
                options, FollowUpSpelling.method("ListAssessments"), request, returning: Kunskapsloop_Followup_V1_ListAssessmentsResponse.self
            ) { r in
                TextTable(
                    headers: ["ID", "TITLE", "ORG", "OPEN STEPS", "UPDATED"],
                    rows: r.assessments.map { a in
                        [
                            a.id, a.title, a.organisation.id, "\(a.statements.filter { $0.hasNextStep && $0.nextStep.status == .open }.count)",
                            a.updatedAt.date.ISO8601Format(),
                        ]
                    },
                    footer: "\(r.page.totalSize) in all" + (r.page.nextPageToken.isEmpty ? "" : "; next page: --page-token \(r.page.nextPageToken)"))
            }
        }
    }

    struct AssessmentDone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a statement's next step done.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var actor: FollowUpActor
        @Argument(help: "The assessment's id.") var id: String
        @Argument(help: "The statement's id.") var statement: String

        func run() async throws {
            let request = Kunskapsloop_Followup_V1_CompleteNextStepRequest.with {
                $0.assessmentID = id
                $0.statementID = statement
                $0.actor = actor.actor
            }
            try await Invocation.run(
                options, FollowUpSpelling.method("CompleteNextStep"), request, returning: Kunskapsloop_Followup_V1_CompleteNextStepResponse.self
            ) {
                FollowUpCommand.assessmentTable($0.assessment)
            }
        }
    }
}
