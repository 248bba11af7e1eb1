import Contracts
import Domain
import Foundation
import KLTesting
import PostgresNIO
import RPC
import SwiftProtobuf
import Testing

@testable import FollowUp

@Suite("Improvement self-assessments: from the template, filled in, listed, done; an overdue next step announced once")
struct AssessmentTests {
    /// Noon in Stockholm on a date.
    static func noon(_ date: CivilDate) -> Date { Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400 + 10 * 3600) }

    /// Waits until the overdue job has claimed a tick at or after the clock's current one: then
    /// its work for every earlier tick is done (one task runs the ticks in turn).
    static func jobPassed(_ f: FollowUpUnderTest) async throws {
        let tick = Int64((f.clock().timeIntervalSince1970 / 0.2).rounded(.down))
        try await eventually("the overdue job at tick \(tick)") {
            try await f.count("SELECT count(*) FROM \(unescaped: f.service).scheduled_ticks WHERE job = 'next_step_overdue' AND tick >= \(tick)") > 0
        }
    }

    /// Moves the clock to the next tick and waits for the job to run there, twice: afterwards
    /// the job has finished its work at the clock's time at least once.
    static func tickTwice(_ f: FollowUpUnderTest) async throws {
        for _ in 0..<2 {
            f.clock.advance(by: 0.2)
            try await jobPassed(f)
        }
    }

    @Test("create, fill, list, complete; an overdue step is announced once per due date")
    func assessmentsAndOverdueSteps() async throws {
        try await withFollowUp { f in
            try await f.smallTree()
            let due = try CivilDate(year: 2026, month: 6, day: 30)
            f.clock.set(Self.noon(due))
            let created = try await f.call(
                "CreateAssessment",
                Kunskapsloop_Followup_V1_CreateAssessmentRequest.with {
                    $0.templateID = "forbattringskunskap-halsofraemjande"
                    $0.organisationID = "R1"
                    $0.actor = "anna@region.se"
                }, returning: Kunskapsloop_Followup_V1_CreateAssessmentResponse.self
            ).assessment
            #expect(created.statements.map(\.statementID) == ["styrdokument", "styrgrupp", "roller-mandat", "samverkan"])
            #expect(created.title.hasPrefix("Förutsättningar för att använda förbättringskunskap") && created.organisation.name == "Region Ett")
            #expect(created.pageURL.hasSuffix("/assessments/\(created.id)"))
            let filled = try await f.call(
                "FillStatement",
                Kunskapsloop_Followup_V1_FillStatementRequest.with {
                    $0.assessmentID = created.id
                    $0.statementID = "styrgrupp"
                    $0.currentState = "Ingen styrgrupp på ledningsnivå"
                    $0.desiredState = "En styrgrupp där processledaren ingår"
                    $0.nextStep = .with {
                        $0.action = "Bilda en styrgrupp"
                        $0.responsible = .with {
                            $0.email = "Anna@Region.se"
                            $0.name = "Anna Andersson"
                        }
                        $0.dueOn = Kunskapsloop_Common_V1_Date(due)
                    }
                    $0.actor = "anna@region.se"
                }, returning: Kunskapsloop_Followup_V1_FillStatementResponse.self
            ).assessment
            let statement = try #require(filled.statements.first { $0.statementID == "styrgrupp" })
            #expect(
                statement.currentState == "Ingen styrgrupp på ledningsnivå" && statement.nextStep.status == .open && statement.updatedBy == "anna@region.se")
            do {
                _ = try await f.call(
                    "FillStatement",
                    Kunskapsloop_Followup_V1_FillStatementRequest.with {
                        $0.assessmentID = created.id
                        $0.statementID = "styrgrupp"
                        $0.nextStep = .with {
                            $0.action = "x"
                            $0.responsible.email = "nope"
                            $0.dueOn = Kunskapsloop_Common_V1_Date(due)
                        }
                    }, returning: Kunskapsloop_Followup_V1_FillStatementResponse.self)
                Issue.record("a bad e-mail was taken")
            } catch let error as RPCError {
                #expect(error.field == "next_step.responsible.email")
            }
            let listed = try await f.call(
                "ListAssessments",
                Kunskapsloop_Followup_V1_ListAssessmentsRequest.with {
                    $0.organisationID = "HR1"
                    $0.includeDescendants = true
                    $0.responsibleEmail = "anna@region.se"
                    $0.onlyOpenNextSteps = true
                }, returning: Kunskapsloop_Followup_V1_ListAssessmentsResponse.self)
            #expect(listed.assessments.map(\.id) == [created.id] && listed.page.totalSize == 1)

            // On the due date: not overdue.
            try await Self.tickTwice(f)
            #expect(f.events.all(FollowUpEvents.nextStepOverdue, Kunskapsloop_Followup_V1_NextStepOverdue.self).isEmpty)
            // The day after: announced once, however many ticks follow.
            f.clock.set(Self.noon(due.adding(days: 1)))
            try await Self.tickTwice(f)
            try await Self.tickTwice(f)
            try await eventually("the outbox drained") { try await f.count("SELECT count(*) FROM \(unescaped: f.service).outbox") == 0 }
            var overdue = try await f.events.first(FollowUpEvents.nextStepOverdue, Kunskapsloop_Followup_V1_NextStepOverdue.self) { _ in true }
            #expect(f.events.all(FollowUpEvents.nextStepOverdue, Kunskapsloop_Followup_V1_NextStepOverdue.self).count == 1)
            #expect(overdue.daysOverdue == 1 && overdue.statementID == "styrgrupp" && overdue.nextStep.responsible.email == "Anna@Region.se")
            #expect(overdue.organisation.id == "R1" && overdue.organisationAncestorIds == ["SE", "HR1"] && overdue.assessmentURL.contains(created.id))
            #expect(overdue.nextStep.hasOverdueNotifiedAt)
            // A new due date can make it overdue again, once.
            let later = due.adding(days: 10)
            _ = try await f.call(
                "FillStatement",
                Kunskapsloop_Followup_V1_FillStatementRequest.with {
                    $0.assessmentID = created.id
                    $0.statementID = "styrgrupp"
                    $0.nextStep = .with {
                        $0.action = "Bilda en styrgrupp"
                        $0.responsible.email = "anna@region.se"
                        $0.dueOn = Kunskapsloop_Common_V1_Date(later)
                    }
                }, returning: Kunskapsloop_Followup_V1_FillStatementResponse.self)
            f.clock.set(Self.noon(later.adding(days: 3)))
            try await Self.tickTwice(f)
            try await Self.tickTwice(f)
            try await eventually("the second notice") {
                f.events.all(FollowUpEvents.nextStepOverdue, Kunskapsloop_Followup_V1_NextStepOverdue.self).count == 2
            }
            overdue = f.events.all(FollowUpEvents.nextStepOverdue, Kunskapsloop_Followup_V1_NextStepOverdue.self)[1]
            #expect(overdue.daysOverdue == 3)
            // Done: no more notices, and listed as without open steps.
            let done = try await f.call(
                "CompleteNextStep",
                Kunskapsloop_Followup_V1_CompleteNextStepRequest.with {
                    $0.assessmentID = created.id
                    $0.statementID = "styrgrupp"
                    $0.actor = "anna@region.se"
                }, returning: Kunskapsloop_Followup_V1_CompleteNextStepResponse.self
            ).assessment
            let step = try #require(done.statements.first { $0.statementID == "styrgrupp" }).nextStep
            #expect(step.status == .done && step.completedBy == "anna@region.se" && step.hasCompletedAt)
            let open = try await f.call(
                "ListAssessments", Kunskapsloop_Followup_V1_ListAssessmentsRequest.with { $0.onlyOpenNextSteps = true },
                returning: Kunskapsloop_Followup_V1_ListAssessmentsResponse.self)
            #expect(open.assessments.isEmpty)
            do {
                _ = try await f.call(
                    "CompleteNextStep",
                    Kunskapsloop_Followup_V1_CompleteNextStepRequest.with {
                        $0.assessmentID = created.id
                        $0.statementID = "samverkan"
                    },
                    returning: Kunskapsloop_Followup_V1_CompleteNextStepResponse.self)
                Issue.record("a statement without a step was completed")
            } catch let error as RPCError {
                #expect(error.code == .failedPrecondition)
            }
            do {
                _ = try await f.call(
                    "CreateAssessment",
                    Kunskapsloop_Followup_V1_CreateAssessmentRequest.with {
                        $0.templateID = "nope"
                        $0.organisationID = "R1"
                    },
                    returning: Kunskapsloop_Followup_V1_CreateAssessmentResponse.self)
                Issue.record("an unknown template was taken")
            } catch let error as RPCError {
                #expect(error.code == .notFound && error.field == "template_id")
            }
        }
    }
}
