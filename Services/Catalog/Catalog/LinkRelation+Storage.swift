import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension Kunskapsloop_Catalog_V1_LinkRelation {
    /// The name stored in `links.relation`.
    var storageName: String {
        switch self {
        case .related: "related"
        case .patientSupportOf: "patient_support_of"
        case .hasPatientSupport: "has_patient_support"
        case .details: "details"
        case .detailedBy: "detailed_by"
        case .replaces: "replaces"
        case .replacedBy: "replaced_by"
        default: "related"
        }
    }

    init(name: String) {
        self = Self.allCases.first { $0 != .unspecified && $0.storageName == name } ?? .related
    }

    /// The relation as seen from the other end.
    var inverse: Self {
        switch self {
        case .patientSupportOf: .hasPatientSupport
        case .hasPatientSupport: .patientSupportOf
        case .details: .detailedBy
        case .detailedBy: .details
        case .replaces: .replacedBy
        case .replacedBy: .replaces
        default: self
        }
    }
}

extension Kunskapsloop_Catalog_V1_AdoptionStatus {
    var storageName: String? {
        switch self {
        case .adopted: "adopted"
        case .planned: "planned"
        case .notApplicable: "not_applicable"
        default: nil
        }
    }

    init(name: String) {
        self = Self.allCases.first { $0.storageName == name } ?? .unspecified
    }
}
