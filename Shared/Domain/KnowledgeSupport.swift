/// A knowledge support (kunskapsstöd): a care pathway, a guideline, the patient's own knowledge
/// support, an e-service… owned by an organisation, aimed at an audience, and reviewed on a date.
public struct KnowledgeSupport: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Personcentrerat och sammanhållet vårdförlopp.
        case carePathway = "care_pathway"
        /// Vårdprogram.
        case careProgramme = "care_programme"
        /// Riktlinje.
        case guideline
        /// Behandlingsstöd.
        case treatmentSupport = "treatment_support"
        /// Patientens kunskapsstöd.
        case patientKnowledgeSupport = "patient_knowledge_support"
        /// E-tjänst.
        case eService = "e_service"
        /// Metod eller arbetssätt.
        case method
        /// Information (a building block).
        case information
        case other
    }

    public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
        case professionals
        case patients
        case relatives
    }

    public let id: String
    public var slug: String
    public var title: String
    public var summary: String
    public var kind: Kind
    public var audiences: Set<Audience>
    public var level: Organisation.Level
    public var ownerOrganisationID: String
    public var programmeAreaID: String?
    public var status: Status
    /// Number of the latest published version; 0 before the first publication.
    public var version: Int
    public var url: String?
    public var tags: [String]
    public var icd10Codes: [String]
    public var publishedOn: CivilDate?
    public var revisedOn: CivilDate?
    public var reviewDueOn: CivilDate?

    public init(
        id: String, slug: String, title: String, summary: String = "", kind: Kind,
        audiences: Set<Audience> = [.professionals], level: Organisation.Level, ownerOrganisationID: String,
        programmeAreaID: String? = nil, status: Status = .draft, version: Int = 0, url: String? = nil,
        tags: [String] = [], icd10Codes: [String] = [], publishedOn: CivilDate? = nil,
        revisedOn: CivilDate? = nil, reviewDueOn: CivilDate? = nil
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.kind = kind
        self.audiences = audiences
        self.level = level
        self.ownerOrganisationID = ownerOrganisationID
        self.programmeAreaID = programmeAreaID
        self.status = status
        self.version = version
        self.url = url
        self.tags = tags
        self.icd10Codes = icd10Codes
        self.publishedOn = publishedOn
        self.revisedOn = revisedOn
        self.reviewDueOn = reviewDueOn
    }
}
