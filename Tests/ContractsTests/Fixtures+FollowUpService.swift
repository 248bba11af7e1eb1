import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.followup.v1` RPC messages (`*_service.proto`): every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.followup.v1.DefineIndicatorRequest` with every field set.
    static var defineIndicatorRequest: Kunskapsloop_Followup_V1_DefineIndicatorRequest {
        .with {
            $0.indicator = indicator
        }
    }

    /// `kunskapsloop.followup.v1.DefineIndicatorResponse` with every field set.
    static var defineIndicatorResponse: Kunskapsloop_Followup_V1_DefineIndicatorResponse {
        .with {
            $0.indicator = indicator
        }
    }

    /// `kunskapsloop.followup.v1.UpdateIndicatorRequest` with every field set.
    static var updateIndicatorRequest: Kunskapsloop_Followup_V1_UpdateIndicatorRequest {
        .with {
            $0.indicator = indicator
            $0.updateMask = Google_Protobuf_FieldMask(protoPaths: ["title", "tags"])
        }
    }

    /// `kunskapsloop.followup.v1.UpdateIndicatorResponse` with every field set.
    static var updateIndicatorResponse: Kunskapsloop_Followup_V1_UpdateIndicatorResponse {
        .with {
            $0.indicator = indicator
        }
    }

    /// `kunskapsloop.followup.v1.GetIndicatorRequest` with every field set.
    static var getIndicatorRequest: Kunskapsloop_Followup_V1_GetIndicatorRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
        }
    }

    /// `kunskapsloop.followup.v1.GetIndicatorResponse` with every field set.
    static var getIndicatorResponse: Kunskapsloop_Followup_V1_GetIndicatorResponse {
        .with {
            $0.indicator = indicator
        }
    }

    /// `kunskapsloop.followup.v1.ListIndicatorsRequest` with every field set.
    static var listIndicatorsRequest: Kunskapsloop_Followup_V1_ListIndicatorsRequest {
        .with {
            $0.programmeAreaID = "programme-area-1"
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.includeInactive = true
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

    /// `kunskapsloop.followup.v1.ReportMeasurementsRequest` with every field set.
    static var reportMeasurementsRequest: Kunskapsloop_Followup_V1_ReportMeasurementsRequest {
        .with {
            $0.batch = measurementsReported
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
            $0.indicatorID = "indicator-1"
            $0.organisationID = "organisation-1"
            $0.periods = periodRange
            $0.ruleSet = ruleSet
            $0.chartType = .run
        }
    }

    /// `kunskapsloop.followup.v1.GetAnalysisResponse` with every field set.
    static var getAnalysisResponse: Kunskapsloop_Followup_V1_GetAnalysisResponse {
        .with {
            $0.analysis = analysis
        }
    }

    /// `kunskapsloop.followup.v1.CompareUnitsRequest` with every field set.
    static var compareUnitsRequest: Kunskapsloop_Followup_V1_CompareUnitsRequest {
        .with {
            $0.indicatorID = "indicator-1"
            $0.organisationID = "organisation-1"
            $0.period = period
        }
    }

    /// `kunskapsloop.followup.v1.FunnelUnit` with every field set.
    static var funnelUnit: Kunskapsloop_Followup_V1_FunnelUnit {
        .with {
            $0.unit = organisationRef
            $0.value = 0.84
            $0.numerator = 42
            $0.denominator = 50
            $0.lowerLimit95 = 0.7
            $0.upperLimit95 = 0.92
            $0.lowerLimit998 = 0.64
            $0.upperLimit998 = 0.97
            $0.outsideLimit = .within
            $0.direction = .improvement
        }
    }

    /// `kunskapsloop.followup.v1.CompareUnitsResponse` with every field set.
    static var compareUnitsResponse: Kunskapsloop_Followup_V1_CompareUnitsResponse {
        .with {
            $0.indicatorID = "indicator-1"
            $0.organisation = organisationRef
            $0.period = period
            $0.overallProportion = 0.81
            $0.units = [funnelUnit, funnelUnit]
            $0.chartURL = "https://kunskapsloop.example/charts/hjartsvikt-uppf/uppsala.svg"
        }
    }

    /// `kunskapsloop.followup.v1.CreateAssessmentRequest` with every field set.
    static var createAssessmentRequest: Kunskapsloop_Followup_V1_CreateAssessmentRequest {
        .with {
            $0.templateID = "kunskapsstyrning-enhet"
            $0.organisationID = "organisation-1"
            $0.title = "Hjärtsvikt – personcentrerat och sammanhållet vårdförlopp"
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.CreateAssessmentResponse` with every field set.
    static var createAssessmentResponse: Kunskapsloop_Followup_V1_CreateAssessmentResponse {
        .with {
            $0.assessment = assessment
        }
    }

    /// `kunskapsloop.followup.v1.UpdateStatementRequest` with every field set.
    static var updateStatementRequest: Kunskapsloop_Followup_V1_UpdateStatementRequest {
        .with {
            $0.assessmentID = "assessment-1"
            $0.statementID = "s3"
            $0.currentState = "Vi går igenom resultat en gång per år."
            $0.desiredState = "Vi går igenom resultat varje månad."
            $0.nextStep = nextStep
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.UpdateStatementResponse` with every field set.
    static var updateStatementResponse: Kunskapsloop_Followup_V1_UpdateStatementResponse {
        .with {
            $0.assessment = assessment
        }
    }

    /// `kunskapsloop.followup.v1.ListAssessmentsRequest` with every field set.
    static var listAssessmentsRequest: Kunskapsloop_Followup_V1_ListAssessmentsRequest {
        .with {
            $0.organisationID = "organisation-1"
            $0.includeDescendants = true
            $0.templateID = "kunskapsstyrning-enhet"
            $0.onlyOpenNextSteps = true
            $0.responsibleRecipientID = "leader-1"
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
            $0.assessmentID = "assessment-1"
            $0.statementID = "s3"
            $0.completedAt = instant
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.followup.v1.CompleteNextStepResponse` with every field set.
    static var completeNextStepResponse: Kunskapsloop_Followup_V1_CompleteNextStepResponse {
        .with {
            $0.assessment = assessment
        }
    }
}
