import Contracts
import Domain
import Foundation
import SwiftProtobuf

/// The contract's `Assessment` of a stored one.
enum AssessmentMessage {
    static func make(_ a: StoredAssessment, organisation: Kunskapsloop_Common_V1_OrganisationRef, url: String) -> Kunskapsloop_Followup_V1_Assessment {
        var m = Kunskapsloop_Followup_V1_Assessment()
        m.id = a.id
        m.templateID = a.templateID
        m.templateTitle = a.templateTitle
        m.organisation = organisation
        m.title = a.title
        m.statements = a.statements.map(statement)
        m.createdBy = a.createdBy
        m.createdAt = .init(date: a.createdAt)
        m.updatedAt = .init(date: a.updatedAt)
        m.pageURL = url
        return m
    }

    static func statement(_ s: StoredAssessment.Statement) -> Kunskapsloop_Followup_V1_Statement {
        var m = Kunskapsloop_Followup_V1_Statement()
        m.statementID = s.id
        m.text = s.text
        m.currentState = s.currentState
        m.desiredState = s.desiredState
        if let step = s.nextStep { m.nextStep = nextStep(step, s) }
        m.updatedBy = s.updatedBy
        if let at = s.updatedAt { m.updatedAt = .init(date: at) }
        return m
    }

    static func nextStep(_ step: NextStep, _ s: StoredAssessment.Statement) -> Kunskapsloop_Followup_V1_NextStep {
        .with {
            $0.action = step.action
            $0.responsible = .with {
                $0.email = step.responsibleEmail
                $0.name = step.responsibleName
            }
            $0.dueOn = Kunskapsloop_Common_V1_Date(step.dueOn)
            $0.status =
                switch step.status {
                case .open: .open
                case .done: .done
                case .cancelled: .cancelled
                }
            if let at = s.completedAt, step.status == .done { $0.completedAt = .init(date: at) }
            if step.status == .done { $0.completedBy = s.completedBy }
            if let at = s.overdueNotifiedAt { $0.overdueNotifiedAt = .init(date: at) }
        }
    }
}
