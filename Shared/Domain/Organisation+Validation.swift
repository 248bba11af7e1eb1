extension Organisation {
    /// Limits an editor meets when adding or changing an organisation.
    public enum Limits {
        public static let nameLength = 1...200
        public static let idMaximum = 64
    }

    /// Checks the fields an editor sets (name, id, HSA-id, county code) and throws the first
    /// problem. Where it may sit in the tree is `OrganisationHierarchy`'s to check.
    public func validate() throws(OrganisationError) {
        try Self.validate(name: name, of: id)
        guard id.count <= Limits.idMaximum, id.unicodeScalars.allSatisfy(Self.isIDCharacter) else {
            throw OrganisationError(.invalidID, id, "an id has at most \(Limits.idMaximum) characters: letters, digits, '-', '_', '.', ':'")
        }
        if hsaID != nil, level != .unit {
            throw OrganisationError(.misplacedHSAID, id, "only units (vårdenheter) have an HSA-id")
        }
        if let countyCode, level != .region || countyCode.count != 2 || !countyCode.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            throw OrganisationError(.invalidCountyCode, id, "a county code (länskod) is two digits and belongs to a region")
        }
    }

    /// A name is 1–200 characters once trimmed (the caller trims it).
    public static func validate(name: String, of id: String = "") throws(OrganisationError) {
        guard Limits.nameLength.contains(name.count) else {
            throw OrganisationError(
                .invalidName, id,
                name.isEmpty
                    ? "a name is required" : "the name has \(name.count) characters; at most \(Limits.nameLength.upperBound)")
        }
    }

    /// ASCII letters, digits and `-_.:`.
    static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.:".unicodeScalars.contains(scalar))
    }
}

extension Organisation.Level {
    /// `healthcare region` rather than `healthcare_region`, for messages.
    public var words: String { rawValue.replacingUnderscores }
}

extension OrganisationError.Code {
    public static let invalidName = Self(name: "invalidName")
    public static let invalidID = Self(name: "invalidID")
    public static let misplacedHSAID = Self(name: "misplacedHSAID")
    public static let invalidCountyCode = Self(name: "invalidCountyCode")
}

extension String {
    var replacingUnderscores: String { split(separator: "_", omittingEmptySubsequences: false).joined(separator: " ") }
}
