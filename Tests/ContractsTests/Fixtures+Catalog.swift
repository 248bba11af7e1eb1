import Contracts
import SwiftProtobuf

/// Populated `kunskapsloop.catalog.v1` messages: every field set to a non-default value.
extension Fixtures {
    /// `kunskapsloop.catalog.v1.Adoption` with every field set.
    static var adoption: Kunskapsloop_Catalog_V1_Adoption {
        .with {
            $0.knowledgeSupportID = "knowledge-support-1"
            $0.knowledgeSupportVersion = 2
            $0.unit = organisationRef
            $0.status = .adopted
            $0.adoptedOn = date
            $0.plannedOn = date
            $0.reason = "Ersatt av nytt vårdförlopp"
            $0.recordedBy = "anna.andersson@regionuppsala.se"
            $0.recordedAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.OrganisationUpserted` with every field set.
    static var organisationUpserted: Kunskapsloop_Catalog_V1_OrganisationUpserted {
        .with {
            $0.organisation = organisation
            $0.created = true
            $0.previousParentID = "se-stockholm-gotland"
            $0.actor = "redaktor@regionuppsala.se"
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.KnowledgeSupportPublished` with every field set.
    static var knowledgeSupportPublished: Kunskapsloop_Catalog_V1_KnowledgeSupportPublished {
        .with {
            $0.knowledgeSupport = knowledgeSupport
            $0.actor = "redaktor@regionuppsala.se"
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.KnowledgeSupportRevised` with every field set.
    static var knowledgeSupportRevised: Kunskapsloop_Catalog_V1_KnowledgeSupportRevised {
        .with {
            $0.knowledgeSupport = knowledgeSupport
            $0.previousVersion = 1
            $0.actor = "redaktor@regionuppsala.se"
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.KnowledgeSupportRetired` with every field set.
    static var knowledgeSupportRetired: Kunskapsloop_Catalog_V1_KnowledgeSupportRetired {
        .with {
            $0.knowledgeSupport = knowledgeSupport
            $0.reason = "Ersatt av nytt vårdförlopp"
            $0.replacedByID = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
            $0.dependentSupports = [knowledgeSupportRef, knowledgeSupportRef]
            $0.actor = "redaktor@regionuppsala.se"
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.KnowledgeSupportReviewDue` with every field set.
    static var knowledgeSupportReviewDue: Kunskapsloop_Catalog_V1_KnowledgeSupportReviewDue {
        .with {
            $0.knowledgeSupport = knowledgeSupport
            $0.stage = .approaching
            $0.reviewDueOn = date
            $0.daysUntilDue = -3
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.AdoptionRecorded` with every field set.
    static var adoptionRecorded: Kunskapsloop_Catalog_V1_AdoptionRecorded {
        .with {
            $0.adoption = adoption
            $0.knowledgeSupport = knowledgeSupportRef
            $0.previousStatus = .adopted
            $0.unitAncestorIds = ["se-uppsala", "se-uppsala-akademiska"]
            $0.occurredAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.KnowledgeSupportRef` with every field set.
    static var knowledgeSupportRef: Kunskapsloop_Catalog_V1_KnowledgeSupportRef {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.slug = "hjartsvikt-vardforlopp"
            $0.title = "Hjärtsvikt – personcentrerat och sammanhållet vårdförlopp"
            $0.kind = .carePathway
            $0.retired = true
        }
    }

    /// `kunskapsloop.catalog.v1.BuildingBlock` with every field set.
    static var buildingBlock: Kunskapsloop_Catalog_V1_BuildingBlock {
        .with {
            $0.knowledgeSupport = knowledgeSupportRef
            $0.position = 1
        }
    }

    /// `kunskapsloop.catalog.v1.Link` with every field set.
    static var link: Kunskapsloop_Catalog_V1_Link {
        .with {
            $0.knowledgeSupport = knowledgeSupportRef
            $0.relation = .related
        }
    }

    /// `kunskapsloop.catalog.v1.KnowledgeSupportDraft` with every field set.
    static var knowledgeSupportDraft: Kunskapsloop_Catalog_V1_KnowledgeSupportDraft {
        .with {
            $0.slug = "hjartsvikt-vardforlopp"
            $0.title = "Hjärtsvikt – personcentrerat och sammanhållet vårdförlopp"
            $0.summary = "Vårdförloppet beskriver utredning och behandling vid misstänkt hjärtsvikt."
            $0.kind = .carePathway
            $0.audiences = [.professionals, .patients]
            $0.level = .national
            $0.ownerOrganisationID = "owner-organisation-1"
            $0.programmeAreaID = "programme-area-1"
            $0.url = "https://www.kunskapsstyrningvard.se/hjartsvikt"
            $0.tags = ["tags", "tags 2"]
            $0.icd10Codes = ["icd10 codes", "icd10 codes 2"]
            $0.reviewDueOn = date
        }
    }

    /// `kunskapsloop.catalog.v1.KnowledgeSupport` with every field set.
    static var knowledgeSupport: Kunskapsloop_Catalog_V1_KnowledgeSupport {
        .with {
            $0.id = "0b7c2f1e-5d4a-4c1b-9a57-3f1e2d9c8b01"
            $0.slug = "hjartsvikt-vardforlopp"
            $0.title = "Hjärtsvikt – personcentrerat och sammanhållet vårdförlopp"
            $0.summary = "Vårdförloppet beskriver utredning och behandling vid misstänkt hjärtsvikt."
            $0.kind = .carePathway
            $0.audiences = [.professionals, .patients]
            $0.level = .national
            $0.ownerOrganisation = organisationRef
            $0.programmeArea = programmeAreaRef
            $0.status = .draft
            $0.version = 2
            $0.publishedOn = date
            $0.revisedOn = date
            $0.reviewDueOn = date
            $0.url = "https://www.kunskapsstyrningvard.se/hjartsvikt"
            $0.tags = ["tags", "tags 2"]
            $0.icd10Codes = ["icd10 codes", "icd10 codes 2"]
            $0.buildingBlocks = [buildingBlock, buildingBlock]
            $0.links = [link, link]
            $0.revisionNote = "Nya rekommendationer om SGLT2-hämmare"
            $0.createdAt = instant
            $0.updatedAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.Organisation` with every field set.
    static var organisation: Kunskapsloop_Catalog_V1_Organisation {
        .with {
            $0.id = "se-uppsala"
            $0.name = "Region Uppsala"
            $0.level = .region
            $0.parentID = "se-uppsala-orebro"
            $0.hsaID = "SE2321000032-E000000000001"
            $0.countyCode = "03"
            $0.ancestorIds = ["se", "se-uppsala-orebro"]
            $0.createdAt = instant
            $0.updatedAt = instant
        }
    }

    /// `kunskapsloop.catalog.v1.ProgrammeArea` with every field set.
    static var programmeArea: Kunskapsloop_Catalog_V1_ProgrammeArea {
        .with {
            $0.id = "npo-hjarta-karl"
            $0.name = "Hjärt- och kärlsjukdomar"
            $0.nameEn = "Cardiovascular diseases"
            $0.active = true
        }
    }
}
