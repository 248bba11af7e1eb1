// Generated from proto/**/*_service.proto by scripts/gen-kl-methods.py; do not edit.
import Contracts

extension MethodRegistry {
    static let all: [String: MethodRegistry.Entry] = [
        "catalog.UpsertOrganisation": .init(Kunskapsloop_Catalog_V1_UpsertOrganisationRequest.self, Kunskapsloop_Catalog_V1_UpsertOrganisationResponse.self),
        "catalog.GetOrganisation": .init(Kunskapsloop_Catalog_V1_GetOrganisationRequest.self, Kunskapsloop_Catalog_V1_GetOrganisationResponse.self),
        "catalog.ListOrganisations": .init(Kunskapsloop_Catalog_V1_ListOrganisationsRequest.self, Kunskapsloop_Catalog_V1_ListOrganisationsResponse.self),
        "catalog.ListProgrammeAreas": .init(Kunskapsloop_Catalog_V1_ListProgrammeAreasRequest.self, Kunskapsloop_Catalog_V1_ListProgrammeAreasResponse.self),
        "catalog.CreateDraft": .init(Kunskapsloop_Catalog_V1_CreateDraftRequest.self, Kunskapsloop_Catalog_V1_CreateDraftResponse.self),
        "catalog.UpdateDraft": .init(Kunskapsloop_Catalog_V1_UpdateDraftRequest.self, Kunskapsloop_Catalog_V1_UpdateDraftResponse.self),
        "catalog.PublishKnowledgeSupport": .init(
            Kunskapsloop_Catalog_V1_PublishKnowledgeSupportRequest.self, Kunskapsloop_Catalog_V1_PublishKnowledgeSupportResponse.self),
        "catalog.StartRevision": .init(Kunskapsloop_Catalog_V1_StartRevisionRequest.self, Kunskapsloop_Catalog_V1_StartRevisionResponse.self),
        "catalog.RetireKnowledgeSupport": .init(
            Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest.self, Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse.self),
        "catalog.GetKnowledgeSupport": .init(Kunskapsloop_Catalog_V1_GetKnowledgeSupportRequest.self, Kunskapsloop_Catalog_V1_GetKnowledgeSupportResponse.self),
        "catalog.SearchKnowledgeSupports": .init(
            Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest.self, Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsResponse.self),
        "catalog.AddBuildingBlock": .init(Kunskapsloop_Catalog_V1_AddBuildingBlockRequest.self, Kunskapsloop_Catalog_V1_AddBuildingBlockResponse.self),
        "catalog.RemoveBuildingBlock": .init(Kunskapsloop_Catalog_V1_RemoveBuildingBlockRequest.self, Kunskapsloop_Catalog_V1_RemoveBuildingBlockResponse.self),
        "catalog.LinkKnowledgeSupports": .init(
            Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsRequest.self, Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsResponse.self),
        "catalog.UnlinkKnowledgeSupports": .init(
            Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsRequest.self, Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsResponse.self),
        "catalog.RecordAdoption": .init(Kunskapsloop_Catalog_V1_RecordAdoptionRequest.self, Kunskapsloop_Catalog_V1_RecordAdoptionResponse.self),
        "catalog.ListAdoptions": .init(Kunskapsloop_Catalog_V1_ListAdoptionsRequest.self, Kunskapsloop_Catalog_V1_ListAdoptionsResponse.self),
        "catalog.ImportKnowledgeSupports": .init(
            Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsRequest.self, Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsResponse.self),
        "catalog.AnnounceCatalog": .init(Kunskapsloop_Catalog_V1_AnnounceCatalogRequest.self, Kunskapsloop_Catalog_V1_AnnounceCatalogResponse.self),
        "feedback.SubmitFeedback": .init(Kunskapsloop_Feedback_V1_SubmitFeedbackRequest.self, Kunskapsloop_Feedback_V1_SubmitFeedbackResponse.self),
        "feedback.GetFeedbackSummaries": .init(
            Kunskapsloop_Feedback_V1_GetFeedbackSummariesRequest.self, Kunskapsloop_Feedback_V1_GetFeedbackSummariesResponse.self),
        "feedback.ListFeedbackItems": .init(Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest.self, Kunskapsloop_Feedback_V1_ListFeedbackItemsResponse.self),
        "followup.DefineIndicator": .init(Kunskapsloop_Followup_V1_DefineIndicatorRequest.self, Kunskapsloop_Followup_V1_DefineIndicatorResponse.self),
        "followup.UpdateIndicator": .init(Kunskapsloop_Followup_V1_UpdateIndicatorRequest.self, Kunskapsloop_Followup_V1_UpdateIndicatorResponse.self),
        "followup.GetIndicator": .init(Kunskapsloop_Followup_V1_GetIndicatorRequest.self, Kunskapsloop_Followup_V1_GetIndicatorResponse.self),
        "followup.ListIndicators": .init(Kunskapsloop_Followup_V1_ListIndicatorsRequest.self, Kunskapsloop_Followup_V1_ListIndicatorsResponse.self),
        "followup.RecordDecision": .init(Kunskapsloop_Followup_V1_RecordDecisionRequest.self, Kunskapsloop_Followup_V1_RecordDecisionResponse.self),
        "followup.ReportMeasurements": .init(Kunskapsloop_Followup_V1_ReportMeasurementsRequest.self, Kunskapsloop_Followup_V1_ReportMeasurementsResponse.self),
        "followup.GetAnalysis": .init(Kunskapsloop_Followup_V1_GetAnalysisRequest.self, Kunskapsloop_Followup_V1_GetAnalysisResponse.self),
        "followup.ListSignals": .init(Kunskapsloop_Followup_V1_ListSignalsRequest.self, Kunskapsloop_Followup_V1_ListSignalsResponse.self),
        "followup.GetSignal": .init(Kunskapsloop_Followup_V1_GetSignalRequest.self, Kunskapsloop_Followup_V1_GetSignalResponse.self),
        "followup.CompareUnits": .init(Kunskapsloop_Followup_V1_CompareUnitsRequest.self, Kunskapsloop_Followup_V1_CompareUnitsResponse.self),
        "followup.CreateAssessment": .init(Kunskapsloop_Followup_V1_CreateAssessmentRequest.self, Kunskapsloop_Followup_V1_CreateAssessmentResponse.self),
        "followup.GetAssessment": .init(Kunskapsloop_Followup_V1_GetAssessmentRequest.self, Kunskapsloop_Followup_V1_GetAssessmentResponse.self),
        "followup.FillStatement": .init(Kunskapsloop_Followup_V1_FillStatementRequest.self, Kunskapsloop_Followup_V1_FillStatementResponse.self),
        "followup.ListAssessments": .init(Kunskapsloop_Followup_V1_ListAssessmentsRequest.self, Kunskapsloop_Followup_V1_ListAssessmentsResponse.self),
        "followup.CompleteNextStep": .init(Kunskapsloop_Followup_V1_CompleteNextStepRequest.self, Kunskapsloop_Followup_V1_CompleteNextStepResponse.self),
        "notification.CreateRecipient": .init(
            Kunskapsloop_Notification_V1_CreateRecipientRequest.self, Kunskapsloop_Notification_V1_CreateRecipientResponse.self),
        "notification.UpdateRecipient": .init(
            Kunskapsloop_Notification_V1_UpdateRecipientRequest.self, Kunskapsloop_Notification_V1_UpdateRecipientResponse.self),
        "notification.GetRecipient": .init(Kunskapsloop_Notification_V1_GetRecipientRequest.self, Kunskapsloop_Notification_V1_GetRecipientResponse.self),
        "notification.ListRecipients": .init(Kunskapsloop_Notification_V1_ListRecipientsRequest.self, Kunskapsloop_Notification_V1_ListRecipientsResponse.self),
        "notification.DeactivateRecipient": .init(
            Kunskapsloop_Notification_V1_DeactivateRecipientRequest.self, Kunskapsloop_Notification_V1_DeactivateRecipientResponse.self),
        "notification.ListDeliveries": .init(Kunskapsloop_Notification_V1_ListDeliveriesRequest.self, Kunskapsloop_Notification_V1_ListDeliveriesResponse.self),
        "notification.ListInbox": .init(Kunskapsloop_Notification_V1_ListInboxRequest.self, Kunskapsloop_Notification_V1_ListInboxResponse.self),
        "notification.MarkInboxItemsRead": .init(
            Kunskapsloop_Notification_V1_MarkInboxItemsReadRequest.self, Kunskapsloop_Notification_V1_MarkInboxItemsReadResponse.self),
    ]
}
