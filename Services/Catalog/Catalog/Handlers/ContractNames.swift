import Contracts

// Shorter names for the catalog's contract types, inside this module only.
typealias ProtoSupport = Kunskapsloop_Catalog_V1_KnowledgeSupport
typealias ProtoDraft = Kunskapsloop_Catalog_V1_KnowledgeSupportDraft
typealias ProtoSupportRef = Kunskapsloop_Catalog_V1_KnowledgeSupportRef
typealias ProtoOrganisation = Kunskapsloop_Catalog_V1_Organisation
typealias ProtoAdoption = Kunskapsloop_Catalog_V1_Adoption
typealias ProtoDate = Kunskapsloop_Common_V1_Date
