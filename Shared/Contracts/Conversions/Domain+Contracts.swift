import Domain

// Mappings between Domain values and their protobuf shapes, one place for every service.

extension Kunskapsloop_Common_V1_Date {
    public init(_ date: CivilDate) {
        self.init()
        year = Int32(date.year)
        month = Int32(date.month)
        day = Int32(date.day)
    }

    /// Whether any part is set (an absent Date decodes as 0-0-0).
    public var isSet: Bool { year != 0 || month != 0 || day != 0 }

    /// The date, nil when unset; throws for a date that does not exist.
    public func civilDate() throws(PeriodError) -> CivilDate? {
        guard isSet else { return nil }
        return try CivilDate(year: Int(year), month: Int(month), day: Int(day))
    }
}

extension Organisation.Level {
    public init?(_ level: Kunskapsloop_Common_V1_OrganisationLevel) {
        switch level {
        case .national: self = .national
        case .healthcareRegion: self = .healthcareRegion
        case .region: self = .region
        case .unit: self = .unit
        default: return nil
        }
    }

    public var contract: Kunskapsloop_Common_V1_OrganisationLevel {
        switch self {
        case .national: .national
        case .healthcareRegion: .healthcareRegion
        case .region: .region
        case .unit: .unit
        }
    }
}

extension KnowledgeSupport.Audience {
    public init?(_ audience: Kunskapsloop_Common_V1_Audience) {
        switch audience {
        case .professionals: self = .professionals
        case .patients: self = .patients
        case .relatives: self = .relatives
        default: return nil
        }
    }

    public var contract: Kunskapsloop_Common_V1_Audience {
        switch self {
        case .professionals: .professionals
        case .patients: .patients
        case .relatives: .relatives
        }
    }
}

extension KnowledgeSupport.Kind {
    public init?(_ kind: Kunskapsloop_Catalog_V1_KnowledgeSupportKind) {
        switch kind {
        case .carePathway: self = .carePathway
        case .careProgramme: self = .careProgramme
        case .guideline: self = .guideline
        case .treatmentSupport: self = .treatmentSupport
        case .patientKnowledgeSupport: self = .patientKnowledgeSupport
        case .eService: self = .eService
        case .method: self = .method
        case .information: self = .information
        case .other: self = .other
        default: return nil
        }
    }

    public var contract: Kunskapsloop_Catalog_V1_KnowledgeSupportKind {
        switch self {
        case .carePathway: .carePathway
        case .careProgramme: .careProgramme
        case .guideline: .guideline
        case .treatmentSupport: .treatmentSupport
        case .patientKnowledgeSupport: .patientKnowledgeSupport
        case .eService: .eService
        case .method: .method
        case .information: .information
        case .other: .other
        }
    }
}

extension KnowledgeSupport.Status {
    public init?(_ status: Kunskapsloop_Catalog_V1_KnowledgeSupportStatus) {
        switch status {
        case .draft: self = .draft
        case .published: self = .published
        case .underReview: self = .underReview
        case .retired: self = .retired
        default: return nil
        }
    }

    public var contract: Kunskapsloop_Catalog_V1_KnowledgeSupportStatus {
        switch self {
        case .draft: .draft
        case .published: .published
        case .underReview: .underReview
        case .retired: .retired
        }
    }
}
