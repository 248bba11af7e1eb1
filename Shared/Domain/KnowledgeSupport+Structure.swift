extension KnowledgeSupport {
    /// A short reference to a support, as another support shows it (a building block, a link,
    /// a retired support's dependents).
    public struct Reference: Sendable, Hashable {
        public let id: String
        public var slug: String
        public var title: String
        public var kind: Kind
        /// Whether it is retired: shown where it is still used.
        public var retired: Bool

        public init(id: String, slug: String, title: String, kind: Kind, retired: Bool) {
            self.id = id
            self.slug = slug
            self.title = title
            self.kind = kind
            self.retired = retired
        }
    }

    /// Another support this one is built from, at a position (0-based) among its blocks.
    public struct BuildingBlock: Sendable, Hashable {
        public var support: Reference
        public var position: Int

        public init(support: Reference, position: Int) {
            self.support = support
            self.position = position
        }
    }

    /// A relation between two supports, seen from one end; the other end sees the inverse.
    public struct Link: Sendable, Hashable {
        /// How this support relates to the other one.
        public enum Relation: String, Sendable, Hashable, CaseIterable {
            case related
            /// This one is the patient's version of the other.
            case patientSupportOf = "patient_support_of"
            case hasPatientSupport = "has_patient_support"
            /// This one details the other.
            case details
            case detailedBy = "detailed_by"
            /// This one replaces the other (made when the other is retired with a replacement).
            case replaces
            case replacedBy = "replaced_by"

            /// The relation as seen from the other end.
            public var inverse: Relation {
                switch self {
                case .related: .related
                case .patientSupportOf: .hasPatientSupport
                case .hasPatientSupport: .patientSupportOf
                case .details: .detailedBy
                case .detailedBy: .details
                case .replaces: .replacedBy
                case .replacedBy: .replaces
                }
            }
        }

        /// The support at the other end.
        public var support: Reference
        public var relation: Relation

        public init(support: Reference, relation: Relation) {
            self.support = support
            self.relation = relation
        }
    }
}
