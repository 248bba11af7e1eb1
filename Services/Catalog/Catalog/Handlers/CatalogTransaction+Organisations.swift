import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import RPC
import Storage
import SwiftProtobuf

extension CatalogTransaction {
    static let organisationColumns = "id, name, level, parent_id, hsa_id, county_code, ancestor_ids, created_at, updated_at"

    /// - Parameter lock: `FOR SHARE`/`FOR UPDATE` to hold the row for the transaction; default none.
    func organisation(_ id: String, lock: String = "") async throws -> ProtoOrganisation? {
        let rows = try await query("""
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations")) WHERE id = \(id) \(unescaped: lock)
            """)
        for try await row in rows { return try Self.organisation(from: row.makeRandomAccess()) }
        return nil
    }

    func organisationRef(_ id: String, field: String = "owner_organisation_id") async throws -> Kunskapsloop_Common_V1_OrganisationRef {
        guard let org = try await organisation(id) else { throw CatalogError.unknownOrganisation(id, field: field) }
        return .with {
            $0.id = org.id
            $0.name = org.name
            $0.level = org.level
        }
    }

    func programmeAreaRef(_ id: String, field: String = "draft.programme_area_id") async throws -> Kunskapsloop_Common_V1_ProgrammeAreaRef {
        let rows = try await query("SELECT name FROM \(unescaped: table("programme_areas")) WHERE id = \(id)")
        for try await name in rows.decode(String.self) {
            return .with {
                $0.id = id
                $0.name = name
            }
        }
        throw CatalogError.notFound(field: field, "no programme area with id \(quoted(id)); `kl catalog areas` lists them")
    }

    static func organisation(from row: PostgresRandomAccessRow) throws -> ProtoOrganisation {
        var org = ProtoOrganisation()
        org.id = try row["id"].decode(String.self)
        org.name = try row["name"].decode(String.self)
        org.level = Organisation.Level(rawValue: try row["level"].decode(String.self))?.contract ?? .unspecified
        org.parentID = try row["parent_id"].decode(String?.self) ?? ""
        org.hsaID = try row["hsa_id"].decode(String?.self) ?? ""
        org.countyCode = try row["county_code"].decode(String?.self) ?? ""
        org.ancestorIds = try row["ancestor_ids"].decode([String].self)
        org.createdAt = Google_Protobuf_Timestamp(date: try row["created_at"].decode(Date.self))
        org.updatedAt = Google_Protobuf_Timestamp(date: try row["updated_at"].decode(Date.self))
        return org
    }

    /// Creates or changes an organisation; a new parent moves it with its whole subtree. Emits
    /// `organisation.upserted` for it and for every moved descendant; an unchanged one emits nothing.
    func upsertOrganisation(_ input: ProtoOrganisation, actor: String) async throws -> (ProtoOrganisation, created: Bool) {
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count) else {
            throw CatalogError.invalid(field: "organisation.name", name.isEmpty ? "a name is required" : "the name has \(name.count) characters; at most 200")
        }
        guard let level = Organisation.Level(input.level) else {
            throw CatalogError.invalid(field: "organisation.level", "set a level: national, healthcare region, region or unit")
        }
        let id = input.id.isEmpty ? UUID().uuidString.lowercased() : input.id
        guard id.count <= 64, id.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0) }) else {
            throw CatalogError.invalid(field: "organisation.id", "an id has at most 64 characters: letters, digits, '-', '_', '.', ':'")
        }
        if !input.hsaID.isEmpty, level != .unit {
            throw CatalogError.invalid(field: "organisation.hsa_id", "only units (vårdenheter) have an HSA-id")
        }
        if !input.countyCode.isEmpty, level != .region || input.countyCode.count != 2 || Int(input.countyCode) == nil {
            throw CatalogError.invalid(field: "organisation.county_code", "a county code (länskod) is two digits and belongs to a region")
        }
        // Changes to the tree run one at a time per catalog. A move rewrites its subtree's
        // ancestors in one UPDATE, which cannot see a unit created meanwhile under a descendant:
        // that unit would keep the old ancestors. Organisations change rarely; waiting is cheap.
        try await query("SELECT pg_advisory_xact_lock(hashtext(\(table("organisations"))))")
        // Locked: a concurrent change of the same organisation waits, so the move event names the
        // parent it really had.
        let existing = try await organisation(id, lock: "FOR UPDATE")
        if let existing, existing.level != input.level {
            throw CatalogError.invalid(field: "organisation.level", "the level of '\(id)' is \(existing.level) and cannot change; create a new organisation instead")
        }

        var ancestors: [String] = []
        if level == .national {
            guard input.parentID.isEmpty else { throw CatalogError.invalid(field: "organisation.parent_id", "the national root has no parent") }
            if existing == nil { throw CatalogError.precondition("the catalog has its national root already; add healthcare regions, regions or units under it") }
        } else {
            guard !input.parentID.isEmpty else {
                throw CatalogError.invalid(field: "organisation.parent_id", "a \(level.rawValue.replacingOccurrences(of: "_", with: " ")) needs a parent")
            }
            // Shared lock: a move of the parent (which rewrites its subtree's ancestors) finishes
            // first, so these ancestors are not stale.
            guard let parent = try await organisation(input.parentID, lock: "FOR SHARE") else {
                throw CatalogError.unknownOrganisation(input.parentID, field: "organisation.parent_id")
            }
            let parentLevel = Organisation.Level(parent.level)!
            guard level.allowedParentLevels.contains(parentLevel) else {
                throw CatalogError.invalid(field: "organisation.parent_id",
                    "a \(level.rawValue.replacingOccurrences(of: "_", with: " ")) cannot sit under a \(parentLevel.rawValue.replacingOccurrences(of: "_", with: " "))")
            }
            guard parent.id != id, !parent.ancestorIds.contains(id) else {
                throw CatalogError.invalid(field: "organisation.parent_id", "'\(parent.id)' lies within '\(id)'; moving it there would make a cycle")
            }
            ancestors = parent.ancestorIds + [parent.id]
        }

        let hsa: String? = input.hsaID.isEmpty ? nil : input.hsaID
        let county: String? = input.countyCode.isEmpty ? nil : input.countyCode
        let parentID: String? = input.parentID.isEmpty ? nil : input.parentID
        if let existing, existing.name == name, existing.parentID == input.parentID, existing.hsaID == input.hsaID,
           existing.countyCode == input.countyCode {
            return (existing, false)
        }
        do {
            try await query("""
                INSERT INTO \(unescaped: table("organisations")) AS o (id, name, level, parent_id, hsa_id, county_code, ancestor_ids)
                VALUES (\(id), \(name), \(level.rawValue), \(parentID), \(hsa), \(county), \(ancestors))
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, hsa_id = EXCLUDED.hsa_id,
                    county_code = EXCLUDED.county_code, ancestor_ids = EXCLUDED.ancestor_ids,
                    updated_at = greatest(clock_timestamp(), o.updated_at + interval '1 microsecond')
                """)
        } catch where isUniqueViolation(error, constraint: "organisations_hsa_id_key") {
            throw CatalogError.alreadyExists(field: "organisation.hsa_id", "another unit has HSA-id '\(input.hsaID)'")
        }
        let stored = try await organisation(id)!
        let moved = existing.map { $0.parentID != input.parentID } ?? false
        emit(CatalogEvents.organisationUpserted(stored, created: existing == nil,
                                                previousParentID: moved ? existing!.parentID : "", actor: actor))
        if moved {
            // The subtree moves along: each descendant's ancestors become ours + us + its path below us.
            let rows = try await query("""
                UPDATE \(unescaped: table("organisations"))
                SET ancestor_ids = \(ancestors)::text[] || ancestor_ids[array_position(ancestor_ids, \(id)):], updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
                WHERE \(id) = ANY(ancestor_ids)
                RETURNING \(unescaped: Self.organisationColumns)
                """)
            for try await row in rows {
                emit(CatalogEvents.organisationUpserted(try Self.organisation(from: row.makeRandomAccess()), created: false,
                                                        previousParentID: "", actor: actor))
            }
        }
        return (stored, existing == nil)
    }

    /// The direct children of `id`, by name.
    func children(of id: String) async throws -> [ProtoOrganisation] {
        let rows = try await query("""
            SELECT \(unescaped: Self.organisationColumns) FROM \(unescaped: table("organisations"))
            WHERE parent_id = \(id) ORDER BY name, id
            """)
        var result: [ProtoOrganisation] = []
        for try await row in rows { result.append(try Self.organisation(from: row.makeRandomAccess())) }
        return result
    }

    /// The subtree of `rootID` depth-first, siblings by name; a page of it and the total.
    func subtree(of rootID: String, levels: [String], offset: Int, limit: Int) async throws -> ([ProtoOrganisation], total: Int) {
        // The sort key is the path of names from the root, so a parent comes before its children.
        let rows = try await query("""
            WITH RECURSIVE tree AS (
                SELECT o.*, ARRAY[o.name, o.id] AS sort_key FROM \(unescaped: table("organisations")) o WHERE o.id = \(rootID)
                UNION ALL
                SELECT c.*, t.sort_key || ARRAY[c.name, c.id]
                FROM \(unescaped: table("organisations")) c JOIN tree t ON c.parent_id = t.id
            )
            SELECT \(unescaped: Self.organisationColumns), count(*) OVER () AS total FROM tree
            WHERE cardinality(\(levels)::text[]) = 0 OR level = ANY(\(levels))
            ORDER BY sort_key OFFSET \(offset) LIMIT \(limit)
            """)
        var result: [ProtoOrganisation] = []
        var total = 0
        for try await row in rows {
            let random = row.makeRandomAccess()
            total = try random["total"].decode(Int.self)
            result.append(try Self.organisation(from: random))
        }
        if result.isEmpty && offset > 0 {
            total = try await count("""
                SELECT count(*) FROM \(unescaped: table("organisations"))
                WHERE (id = \(rootID) OR \(rootID) = ANY(ancestor_ids)) AND (cardinality(\(levels)::text[]) = 0 OR level = ANY(\(levels)))
                """)
        }
        return (result, total)
    }

    func count(_ sql: PostgresQuery) async throws -> Int {
        for try await n in try await query(sql).decode(Int.self) { return n }
        return 0
    }
}

extension CatalogTransaction {
    /// The programme areas by Swedish name.
    func programmeAreas(includeInactive: Bool) async throws -> [Kunskapsloop_Catalog_V1_ProgrammeArea] {
        let rows = try await query("""
            SELECT id, name, name_en, active FROM \(unescaped: table("programme_areas"))
            WHERE active OR \(includeInactive) ORDER BY name, id
            """)
        var result: [Kunskapsloop_Catalog_V1_ProgrammeArea] = []
        for try await (id, name, nameEN, active) in rows.decode((String, String, String, Bool).self) {
            result.append(.with {
                $0.id = id
                $0.name = name
                $0.nameEn = nameEN
                $0.active = active
            })
        }
        return result
    }
}
