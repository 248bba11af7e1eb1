import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.followup.v1` RPC messages (`*_service.proto`): every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.followup.v1.DefineIndicatorRequest` with every field set.
    static var defineIndicatorRequest: Kunskapsloop_Followup_V1_DefineIndicatorRequest {
        .with {
            $0.indicator = indicator
            $0.baselineReason = "De första tolv månaderna före förbättringsarbetet"
            $0.actor = "anna.andersson@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.DefineIndicatorResponse` with every field set.
    static var defineIndicatorResponse: Kunskapsloop_Followup_V1_DefineIndicatorResponse {
        .with { $0.indicator = indicator }
    }

    /// `kunskapsloop.followup.v1.UpdateIndicatorRequest` with every field set.
    static var updateIndicatorRequest: Kunskapsloop_Followup_V1_UpdateIndicatorRequest {
        .with {
            $0.indicator = indicator
            $0.updateMask = Google_Protobuf_FieldMask(protoPaths: ["target", "rule_set"])
            $0.actor = "anna.andersson@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.UpdateIndicatorResponse` with every field set.
    static var updateIndicatorResponse: Kunskapsloop_Followup_V1_UpdateIndicatorResponse {
        .with { $0.indicator = indicator }
    }

    /// `kunskapsloop.followup.v1.GetIndicatorRequest` with every field set.
    static var getIndicatorRequest: Kunskapsloop_Followup_V1_GetIndicatorRequest {
        .with { $0.code = "hjartsvikt-uppfoljning-30d" }
    }

    /// `kunskapsloop.followup.v1.GetIndicatorResponse` with every field set.
    static var getIndicatorResponse: Kunskapsloop_Followup_V1_GetIndicatorResponse {
        .with { $0.indicator = indicator }
    }

    /// `kunskapsloop.followup.v1.ListIndicatorsRequest` with every field set.
    static var listIndicatorsRequest: Kunskapsloop_Followup_V1_ListIndicatorsRequest {
        .with {
            $0.programmeAreaID = "npo-hjarta-karl"
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.includeInactive = true
            $0.excludeBuiltIn = true
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.followup.v1.ListIndicatorsResponse` with every field set.
    static var listIndicatorsResponse: Kunskapsloop_Followup_V1_ListIndicatorsResponse {
        .with {
            $0.indicators = [indicator, indicator]
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.followup.v1.RecordDecisionRequest` with every field set.
    static var recordDecisionRequest: Kunskapsloop_Followup_V1_RecordDecisionRequest {
        .with {
            $0.indicatorCode = "hjartsvikt-uppfoljning-30d"
            $0.decision = decision
            $0.actor = "anna.andersson@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.RecordDecisionResponse` with every field set.
    static var recordDecisionResponse: Kunskapsloop_Followup_V1_RecordDecisionResponse {
        .with {
            $0.decision = decision
            $0.indicator = indicator
        }
    }

    /// `kunskapsloop.followup.v1.ReportMeasurementsRequest` with every field set.
    static var reportMeasurementsRequest: Kunskapsloop_Followup_V1_ReportMeasurementsRequest {
        .with {
            $0.batch = measurementsReported
            $0.actor = "registerhallare@rikssvikt.se"
        }
    }

    /// `kunskapsloop.followup.v1.ReportMeasurementsResponse` with every field set.
    static var reportMeasurementsResponse: Kunskapsloop_Followup_V1_ReportMeasurementsResponse {
        .with {
            $0.acceptedCount = 7
            $0.problems = [measurementProblem, measurementProblem]
            $0.duplicate = true
        }
    }

    /// `kunskapsloop.followup.v1.GetAnalysisRequest` with every field set.
    static var getAnalysisRequest: Kunskapsloop_Followup_V1_GetAnalysisRequest {
        .with {
            $0.indicatorCode = "hjartsvikt-uppfoljning-30d"
            $0.organisationID = "se-uppsala"
            $0.stratum = seriesStratum
        }
    }

    /// `kunskapsloop.followup.v1.GetAnalysisResponse` with every field set.
    static var getAnalysisResponse: Kunskapsloop_Followup_V1_GetAnalysisResponse {
        .with { $0.analysis = analysis }
    }

    /// `kunskapsloop.followup.v1.ListSignalsRequest` with every field set.
    static var listSignalsRequest: Kunskapsloop_Followup_V1_ListSignalsRequest {
        .with {
            $0.statuses = [.open, .closed]
            $0.indicatorCode = "hjartsvikt-uppfoljning-30d"
            $0.organisationID = "se-uppsala"
            $0.includeDescendants = true
            $0.programmeAreaID = "npo-hjarta-karl"
            $0.rules = [.pointBeyondLimit, .funnelOutlier]
            $0.directions = [.deterioration, .neither]
            $0.minimumSeverity = .warning
            $0.changedSince = instant
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.followup.v1.ListSignalsResponse` with every field set.
    static var listSignalsResponse: Kunskapsloop_Followup_V1_ListSignalsResponse {
        .with {
            $0.signals = [signal, signal]
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.followup.v1.GetSignalRequest` with every field set.
    static var getSignalRequest: Kunskapsloop_Followup_V1_GetSignalRequest {
        .with { $0.id = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f" }
    }

    /// `kunskapsloop.followup.v1.GetSignalResponse` with every field set.
    static var getSignalResponse: Kunskapsloop_Followup_V1_GetSignalResponse {
        .with { $0.signal = signal }
    }

    /// `kunskapsloop.followup.v1.CompareUnitsRequest` with every field set.
    static var compareUnitsRequest: Kunskapsloop_Followup_V1_CompareUnitsRequest {
        .with {
            $0.indicatorCode = "hjartsvikt-uppfoljning-30d"
            $0.parentOrganisationID = "se"
            $0.comparedLevel = .region
            $0.stratum = stratum
            $0.period = month
            $0.method = .exactBinomial
        }
    }

    /// `kunskapsloop.followup.v1.CompareUnitsResponse` with every field set.
    static var compareUnitsResponse: Kunskapsloop_Followup_V1_CompareUnitsResponse {
        .with { $0.comparison = comparison }
    }

    /// `kunskapsloop.followup.v1.CreateAssessmentRequest` with every field set.
    static var createAssessmentRequest: Kunskapsloop_Followup_V1_CreateAssessmentRequest {
        .with {
            $0.templateID = "forbattringskunskap-halsofraemjande"
            $0.organisationID = "se-uppsala"
            $0.title = "Självskattning förbättringskunskap 2026"
            $0.actor = "anna.andersson@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.CreateAssessmentResponse` with every field set.
    static var createAssessmentResponse: Kunskapsloop_Followup_V1_CreateAssessmentResponse {
        .with { $0.assessment = assessment }
    }

    /// `kunskapsloop.followup.v1.GetAssessmentRequest` with every field set.
    static var getAssessmentRequest: Kunskapsloop_Followup_V1_GetAssessmentRequest {
        .with { $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01" }
    }

    /// `kunskapsloop.followup.v1.GetAssessmentResponse` with every field set.
    static var getAssessmentResponse: Kunskapsloop_Followup_V1_GetAssessmentResponse {
        .with { $0.assessment = assessment }
    }

    /// `kunskapsloop.followup.v1.FillStatementRequest` with every field set.
    static var fillStatementRequest: Kunskapsloop_Followup_V1_FillStatementRequest {
        .with {
            $0.assessmentID = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.statementID = "styrgrupp"
            $0.currentState = "Styrgruppen träffas en gång per år."
            $0.desiredState = "Styrgruppen följer resultaten varje månad."
            $0.nextStep = nextStep
            $0.actor = "anna.andersson@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.FillStatementResponse` with every field set.
    static var fillStatementResponse: Kunskapsloop_Followup_V1_FillStatementResponse {
        .with { $0.assessment = assessment }
    }

    /// `kunskapsloop.followup.v1.ListAssessmentsRequest` with every field set.
    static var listAssessmentsRequest: Kunskapsloop_Followup_V1_ListAssessmentsRequest {
        .with {
            $0.organisationID = "se-uppsala"
            $0.includeDescendants = true
            $0.templateID = "forbattringskunskap-halsofraemjande"
            $0.onlyOpenNextSteps = true
            $0.onlyOverdueNextSteps = true
            $0.responsibleEmail = "anna.andersson@regionuppsala.se"
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.followup.v1.ListAssessmentsResponse` with every field set.
    static var listAssessmentsResponse: Kunskapsloop_Followup_V1_ListAssessmentsResponse {
        .with {
            $0.assessments = [assessment, assessment]
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.followup.v1.CompleteNextStepRequest` with every field set.
    static var completeNextStepRequest: Kunskapsloop_Followup_V1_CompleteNextStepRequest {
        .with {
            $0.assessmentID = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.statementID = "styrgrupp"
            $0.completedAt = instant
            $0.actor = "anna.andersson@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.CompleteNextStepResponse` with every field set.
    static var completeNextStepResponse: Kunskapsloop_Followup_V1_CompleteNextStepResponse {
        .with { $0.assessment = assessment }
    }
}
