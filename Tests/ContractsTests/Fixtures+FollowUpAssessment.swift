import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.followup.v1` messages of self-assessments and the overdue event:
/// every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.followup.v1.ResponsibleLeader` with every field set.
    static var responsibleLeader: Kunskapsloop_Followup_V1_ResponsibleLeader {
        .with {
            $0.email = "anna.andersson@regionuppsala.se"
            $0.name = "Anna Andersson"
        }
    }

    /// `kunskapsloop.followup.v1.NextStep` with every field set.
    static var nextStep: Kunskapsloop_Followup_V1_NextStep {
        .with {
            $0.action = "Inför gemensam resultatgenomgång varje månad"
            $0.responsible = responsibleLeader
            $0.dueOn = date
            $0.status = .done
            $0.completedAt = instant
            $0.completedBy = "anna.andersson@regionuppsala.se"
            $0.overdueNotifiedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.Statement` with every field set.
    static var statement: Kunskapsloop_Followup_V1_Statement {
        .with {
            $0.statementID = "styrgrupp"
            $0.text = "Det finns en styrgrupp eller motsvarande på högsta ledningsnivå där processledare eller presidieledamot ingår."
            $0.currentState = "Styrgruppen träffas en gång per år."
            $0.desiredState = "Styrgruppen följer resultaten varje månad."
            $0.nextStep = nextStep
            $0.updatedBy = "anna.andersson@regionuppsala.se"
            $0.updatedAt = instant
        }
    }

    /// `kunskapsloop.followup.v1.Assessment` with every field set.
    static var assessment: Kunskapsloop_Followup_V1_Assessment {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.templateID = "forbattringskunskap-halsofraemjande"
            $0.templateTitle = "Förutsättningar för att använda förbättringskunskap för en mer jämlik och hälsofrämjande hälso- och sjukvård"
            $0.organisation = organisationRef
            $0.title = "Självskattning förbättringskunskap 2026"
            $0.statements = [statement, statement]
            $0.createdBy = "anna.andersson@regionuppsala.se"
            $0.createdAt = instant
            $0.updatedAt = instant
            $0.pageURL = "https://kunskapsloop.example/sjalvskattningar/0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
        }
    }

    /// `kunskapsloop.followup.v1.NextStepOverdue` with every field set.
    static var nextStepOverdue: Kunskapsloop_Followup_V1_NextStepOverdue {
        .with {
            $0.assessmentID = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.assessmentTitle = "Självskattning förbättringskunskap 2026"
            $0.organisation = organisationRef
            $0.organisationAncestorIds = ["se", "se-mellansverige"]
            $0.statementID = "styrgrupp"
            $0.statementText = "Det finns en styrgrupp eller motsvarande på högsta ledningsnivå där processledare eller presidieledamot ingår."
            $0.nextStep = nextStep.changing { $0.status = .open }
            $0.daysOverdue = 5
            $0.assessmentURL = "https://kunskapsloop.example/sjalvskattningar/0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.occurredAt = instant
        }
    }
}
