import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.catalog.v1` RPC messages (`*_service.proto`): every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.catalog.v1.UpsertOrganisationRequest` with every field set.
    static var upsertOrganisationRequest: Kunskapsloop_Catalog_V1_UpsertOrganisationRequest {
        .with {
            $0.organisation = organisation
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.UpsertOrganisationResponse` with every field set.
    static var upsertOrganisationResponse: Kunskapsloop_Catalog_V1_UpsertOrganisationResponse {
        .with {
            $0.organisation = organisation
            $0.created = true
        }
    }

    /// `kunskapsloop.catalog.v1.GetOrganisationRequest` with every field set.
    static var getOrganisationRequest: Kunskapsloop_Catalog_V1_GetOrganisationRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
        }
    }

    /// `kunskapsloop.catalog.v1.GetOrganisationResponse` with every field set.
    static var getOrganisationResponse: Kunskapsloop_Catalog_V1_GetOrganisationResponse {
        .with {
            $0.organisation = organisation
            $0.children = [organisation, organisation]
        }
    }

    /// `kunskapsloop.catalog.v1.ListOrganisationsRequest` with every field set.
    static var listOrganisationsRequest: Kunskapsloop_Catalog_V1_ListOrganisationsRequest {
        .with {
            $0.rootID = "se"
            $0.levels = [.national, .healthcareRegion]
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.catalog.v1.ListOrganisationsResponse` with every field set.
    static var listOrganisationsResponse: Kunskapsloop_Catalog_V1_ListOrganisationsResponse {
        .with {
            $0.organisations = [organisation, organisation]
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.catalog.v1.ListProgrammeAreasRequest` with every field set.
    static var listProgrammeAreasRequest: Kunskapsloop_Catalog_V1_ListProgrammeAreasRequest {
        .with {
            $0.includeInactive = true
        }
    }

    /// `kunskapsloop.catalog.v1.ListProgrammeAreasResponse` with every field set.
    static var listProgrammeAreasResponse: Kunskapsloop_Catalog_V1_ListProgrammeAreasResponse {
        .with {
            $0.programmeAreas = [programmeArea, programmeArea]
        }
    }

    /// `kunskapsloop.catalog.v1.CreateDraftRequest` with every field set.
    static var createDraftRequest: Kunskapsloop_Catalog_V1_CreateDraftRequest {
        .with {
            $0.draft = knowledgeSupportDraft
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.CreateDraftResponse` with every field set.
    static var createDraftResponse: Kunskapsloop_Catalog_V1_CreateDraftResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.UpdateDraftRequest` with every field set.
    static var updateDraftRequest: Kunskapsloop_Catalog_V1_UpdateDraftRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.draft = knowledgeSupportDraft
            $0.updateMask = Google_Protobuf_FieldMask(protoPaths: ["title", "tags"])
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.UpdateDraftResponse` with every field set.
    static var updateDraftResponse: Kunskapsloop_Catalog_V1_UpdateDraftResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.PublishKnowledgeSupportRequest` with every field set.
    static var publishKnowledgeSupportRequest: Kunskapsloop_Catalog_V1_PublishKnowledgeSupportRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.revisionNote = "Nya rekommendationer om SGLT2-hämmare"
            $0.reviewDueOn = date
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.PublishKnowledgeSupportResponse` with every field set.
    static var publishKnowledgeSupportResponse: Kunskapsloop_Catalog_V1_PublishKnowledgeSupportResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.StartRevisionRequest` with every field set.
    static var startRevisionRequest: Kunskapsloop_Catalog_V1_StartRevisionRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.reason = "Ersatt av nytt vårdförlopp"
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.StartRevisionResponse` with every field set.
    static var startRevisionResponse: Kunskapsloop_Catalog_V1_StartRevisionResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.RetireKnowledgeSupportRequest` with every field set.
    static var retireKnowledgeSupportRequest: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.reason = "Ersatt av nytt vårdförlopp"
            $0.replacedByID = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.RetireKnowledgeSupportResponse` with every field set.
    static var retireKnowledgeSupportResponse: Kunskapsloop_Catalog_V1_RetireKnowledgeSupportResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.GetKnowledgeSupportRequest` with every field set.
    static var getKnowledgeSupportRequest: Kunskapsloop_Catalog_V1_GetKnowledgeSupportRequest {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.version = 2
        }
    }

    /// `kunskapsloop.catalog.v1.GetKnowledgeSupportRequest`: one instance per oneof member.
    static var getKnowledgeSupportRequestVariants: [Kunskapsloop_Catalog_V1_GetKnowledgeSupportRequest] {
        [
            getKnowledgeSupportRequest,
            getKnowledgeSupportRequest.changing { $0.slug = "hjartsvikt-vardforlopp" },
        ]
    }

    /// `kunskapsloop.catalog.v1.GetKnowledgeSupportResponse` with every field set.
    static var getKnowledgeSupportResponse: Kunskapsloop_Catalog_V1_GetKnowledgeSupportResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
            $0.versions = [1, 2]
        }
    }

    /// `kunskapsloop.catalog.v1.SearchKnowledgeSupportsRequest` with every field set.
    static var searchKnowledgeSupportsRequest: Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsRequest {
        .with {
            $0.query = "hjärtsvikt"
            $0.kinds = [.carePathway, .careProgramme]
            $0.audiences = [.professionals, .patients]
            $0.levels = [.national, .healthcareRegion]
            $0.programmeAreaIds = ["se-uppsala", "se-uppsala-akademiska"]
            $0.statuses = [.draft, .published]
            $0.ownerOrganisationID = "owner-organisation-1"
            $0.includeDescendants = true
            $0.sort = .relevance
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.catalog.v1.SearchHit` with every field set.
    static var searchHit: Kunskapsloop_Catalog_V1_SearchHit {
        .with {
            $0.knowledgeSupport = knowledgeSupport
            $0.rank = 0.73
            $0.highlights = ["highlights", "highlights 2"]
        }
    }

    /// `kunskapsloop.catalog.v1.SearchKnowledgeSupportsResponse` with every field set.
    static var searchKnowledgeSupportsResponse: Kunskapsloop_Catalog_V1_SearchKnowledgeSupportsResponse {
        .with {
            $0.hits = [searchHit, searchHit]
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.catalog.v1.AddBuildingBlockRequest` with every field set.
    static var addBuildingBlockRequest: Kunskapsloop_Catalog_V1_AddBuildingBlockRequest {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.buildingBlockID = "building-block-1"
            $0.position = 1
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.AddBuildingBlockResponse` with every field set.
    static var addBuildingBlockResponse: Kunskapsloop_Catalog_V1_AddBuildingBlockResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.RemoveBuildingBlockRequest` with every field set.
    static var removeBuildingBlockRequest: Kunskapsloop_Catalog_V1_RemoveBuildingBlockRequest {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.buildingBlockID = "building-block-1"
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.RemoveBuildingBlockResponse` with every field set.
    static var removeBuildingBlockResponse: Kunskapsloop_Catalog_V1_RemoveBuildingBlockResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.LinkKnowledgeSupportsRequest` with every field set.
    static var linkKnowledgeSupportsRequest: Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsRequest {
        .with {
            $0.sourceID = "source-1"
            $0.targetID = "target-1"
            $0.relation = .related
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.LinkKnowledgeSupportsResponse` with every field set.
    static var linkKnowledgeSupportsResponse: Kunskapsloop_Catalog_V1_LinkKnowledgeSupportsResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.UnlinkKnowledgeSupportsRequest` with every field set.
    static var unlinkKnowledgeSupportsRequest: Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsRequest {
        .with {
            $0.sourceID = "source-1"
            $0.targetID = "target-1"
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.UnlinkKnowledgeSupportsResponse` with every field set.
    static var unlinkKnowledgeSupportsResponse: Kunskapsloop_Catalog_V1_UnlinkKnowledgeSupportsResponse {
        .with {
            $0.knowledgeSupport = knowledgeSupport
        }
    }

    /// `kunskapsloop.catalog.v1.RecordAdoptionRequest` with every field set.
    static var recordAdoptionRequest: Kunskapsloop_Catalog_V1_RecordAdoptionRequest {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.unitID = "unit-1"
            $0.status = .adopted
            $0.adoptedOn = date
            $0.plannedOn = date
            $0.reason = "Ersatt av nytt vårdförlopp"
            $0.recordedBy = "anna.andersson@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.RecordAdoptionResponse` with every field set.
    static var recordAdoptionResponse: Kunskapsloop_Catalog_V1_RecordAdoptionResponse {
        .with {
            $0.adoption = adoption
        }
    }

    /// `kunskapsloop.catalog.v1.ListAdoptionsRequest` with every field set.
    static var listAdoptionsRequest: Kunskapsloop_Catalog_V1_ListAdoptionsRequest {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.organisationID = "organisation-1"
            $0.includeDescendants = true
            $0.statuses = [.adopted, .planned]
            $0.page = pageRequest
        }
    }

    /// `kunskapsloop.catalog.v1.AdoptionTally` with every field set.
    static var adoptionTally: Kunskapsloop_Catalog_V1_AdoptionTally {
        .with {
            $0.adoptedCount = 7
            $0.plannedCount = 7
            $0.notApplicableCount = 7
            $0.unrecordedCount = 7
        }
    }

    /// `kunskapsloop.catalog.v1.ListAdoptionsResponse` with every field set.
    static var listAdoptionsResponse: Kunskapsloop_Catalog_V1_ListAdoptionsResponse {
        .with {
            $0.adoptions = [adoption, adoption]
            $0.tally = adoptionTally
            $0.page = pageResult
        }
    }

    /// `kunskapsloop.catalog.v1.ImportRow` with every field set.
    static var importRow: Kunskapsloop_Catalog_V1_ImportRow {
        .with {
            $0.line = 7
            $0.draft = knowledgeSupportDraft
            $0.publish = true
        }
    }

    /// `kunskapsloop.catalog.v1.ImportKnowledgeSupportsRequest` with every field set.
    static var importKnowledgeSupportsRequest: Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsRequest {
        .with {
            $0.rows = [importRow, importRow]
            $0.atomic = true
            $0.dryRun = true
            $0.actor = "redaktor@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.ImportRowResult` with every field set.
    static var importRowResult: Kunskapsloop_Catalog_V1_ImportRowResult {
        .with {
            $0.rowIndex = 6
            $0.line = 7
            $0.outcome = .created
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.reason = "Ersatt av nytt vårdförlopp"
            $0.field = "draft.slug"
        }
    }

    /// `kunskapsloop.catalog.v1.ImportKnowledgeSupportsResponse` with every field set.
    static var importKnowledgeSupportsResponse: Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsResponse {
        .with {
            $0.results = [importRowResult, importRowResult]
            $0.applied = true
            $0.createdCount = 7
            $0.updatedCount = 7
            $0.failedCount = 7
        }
    }

    /// `kunskapsloop.catalog.v1.AnnounceCatalogRequest` with every field set.
    static var announceCatalogRequest: Kunskapsloop_Catalog_V1_AnnounceCatalogRequest {
        .with {
            $0.parts = [.organisations, .knowledgeSupports, .adoptions]
            $0.actor = "drift@regionuppsala.se"
        }
    }

    /// `kunskapsloop.catalog.v1.AnnounceCatalogResponse` with every field set.
    static var announceCatalogResponse: Kunskapsloop_Catalog_V1_AnnounceCatalogResponse {
        .with {
            $0.organisationCount = 27
            $0.knowledgeSupportCount = 7
            $0.retiredCount = 2
            $0.adoptionCount = 11
        }
    }
}
