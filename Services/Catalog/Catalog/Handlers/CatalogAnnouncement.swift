import Contracts
import Domain
import Foundation
import Messaging
import SwiftProtobuf

/// The catalog describing itself again (`AnnounceCatalog`): every organisation, parents first,
/// every support that was published, and every adoption, each as the event that carries its
/// current state. The events go to the outbox in batches, a transaction each, so a large catalog
/// never makes one long transaction; the relay publishes them in order. Consumers keep the newest
/// state by `updated_at`, so a state that changes meanwhile, or an announcement made twice,
/// leaves them right.
struct CatalogAnnouncement: Sendable {
    let catalog: CatalogContext
    let actor: String
    /// Rows per transaction (supports are read with their structure, so fewer of them).
    var organisationBatch = 500
    var supportBatch = 200
    var adoptionBatch = 500

    /// Every organisation, parents before children; how many.
    func organisations() async throws -> Int {
        var (count, after): (Int, (depth: Int, id: String)?) = (0, nil)
        while true {
            let (limit, actor, from) = (organisationBatch, actor, after)
            let batch = try await catalog.transaction { tx in
                let records = try await tx.store.organisations(after: from, limit: limit)
                for record in records {
                    tx.emit(CatalogEvents.organisationUpserted(record, created: false, previousParentID: nil, actor: actor))
                }
                return records
            }
            count += batch.count
            guard batch.count == limit, let last = batch.last else { return count }
            after = (last.ancestorIDs.count, last.id)
        }
    }

    /// Every published and under-review support (the version in force), and every retired one
    /// with its replacement and dependents as they are now; how many of each.
    func supports() async throws -> (inForce: Int, retired: Int) {
        var (inForce, retired, after): (Int, Int, UUID?) = (0, 0, nil)
        while true {
            let (limit, actor, from) = (supportBatch, actor, after)
            let (ids, counts) = try await catalog.transaction { tx in
                let ids = try await tx.store.supportIDs(after: from, statuses: [.published, .underReview, .retired], limit: limit)
                let rows = try await tx.store.supports(ids)
                let gone = ids.filter { rows[$0]?.record.support.status == .retired }
                let replacements = try await tx.store.replacements(of: gone)
                var counts = (inForce: 0, retired: 0)
                for id in ids {
                    guard let row = rows[id] else { continue }
                    let support = ProtoSupport(row.record)
                    if row.record.support.status == .retired {
                        tx.emit(
                            CatalogEvents.retired(
                                support, reason: "", replacedBy: replacements[id]?.lowercasedString ?? "",
                                dependents: try await tx.store.dependents(of: id), actor: actor))
                        counts.retired += 1
                    } else {
                        tx.emit(CatalogEvents.published(support, actor: actor))
                        counts.inForce += 1
                    }
                }
                return (ids, counts)
            }
            inForce += counts.inForce
            retired += counts.retired
            guard ids.count == limit, let last = ids.last else { return (inForce, retired) }
            after = last
        }
    }

    /// Every adoption record; how many.
    func adoptions() async throws -> Int {
        var (count, after): (Int, (support: UUID, unit: String)?) = (0, nil)
        while true {
            let (limit, from) = (adoptionBatch, after)
            let batch = try await catalog.transaction { tx in
                let adoptions = try await tx.store.adoptions(after: from, limit: limit)
                for adoption in adoptions {
                    tx.emit(
                        CatalogEvents.adoptionRecorded(
                            adoption.record, support: adoption.support, previous: nil,
                            unitAncestors: adoption.unitAncestorIDs))
                }
                return adoptions
            }
            count += batch.count
            guard batch.count == limit, let last = batch.last, let support = UUID(uuidString: last.record.adoption.knowledgeSupportID) else {
                return count
            }
            after = (support, last.record.adoption.organisationID)
        }
    }
}
