import Contracts
import Domain
import Foundation
import Messaging
import RPC
import SwiftProtobuf

extension CatalogTransaction {
    typealias ImportRequest = Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsRequest
    typealias ImportResponse = Kunskapsloop_Catalog_V1_ImportKnowledgeSupportsResponse

    static let importLimit = 5000

    /// Applies import rows, each under its own savepoint: a bad row is reported and undone alone;
    /// with `atomic` one bad row undoes all; `dry_run` undoes everything and reports.
    func importRows(_ request: ImportRequest) async throws -> ImportResponse {
        guard request.rows.count <= Self.importLimit else {
            throw CatalogError.invalid(field: "rows", "\(request.rows.count) rows; at most \(Self.importLimit) per import (split the file)")
        }
        var results: [Kunskapsloop_Catalog_V1_ImportRowResult] = []
        for (index, row) in request.rows.enumerated() {
            var result = Kunskapsloop_Catalog_V1_ImportRowResult()
            result.rowIndex = Int32(index)
            result.line = row.line
            do {
                let (outcome, id) = try await savepoint { try await importRow(row, actor: request.actor) }
                result.outcome = outcome
                result.knowledgeSupportID = id.lowercasedString
            } catch let error as CatalogError {
                let rpc = error.rpcError
                result.outcome = .failed
                result.reason = rpc.message
                result.field = rpc.field.hasPrefix("draft.") ? String(rpc.field.dropFirst(6)) : rpc.field
            }
            results.append(result)
        }
        let failed = results.filter { $0.outcome == .failed }.count
        var response = ImportResponse()
        if request.atomic && failed > 0 {
            rollbackOnly = true
            for i in results.indices where results[i].outcome != .failed {
                results[i].outcome = .skipped
                results[i].knowledgeSupportID = ""
            }
        } else if request.dryRun {
            rollbackOnly = true
            // A support that would be created has no id yet.
            for i in results.indices where results[i].outcome == .created { results[i].knowledgeSupportID = "" }
        } else {
            response.applied = true
        }
        response.results = results
        response.createdCount = Int32(results.filter { $0.outcome == .created }.count)
        response.updatedCount = Int32(results.filter { $0.outcome == .updated }.count)
        response.failedCount = Int32(failed)
        return response
    }

    /// One row: a new slug creates a draft; a known slug updates its draft or revision (opening a
    /// revision of a published support when the row differs from it); `publish` publishes.
    private func importRow(_ row: Kunskapsloop_Catalog_V1_ImportRow, actor: String) async throws -> (Kunskapsloop_Catalog_V1_ImportOutcome, UUID) {
        let draft = try DraftContent.validated(row.draft)
        guard let id = try await store.supportID(slug: draft.slug) else {
            let id = try await createDraft(draft)
            if row.publish { _ = try await publish(id, revisionNote: "", reviewDueOn: draft.reviewDueOn, actor: actor) }
            return (.created, id)
        }
        let locked = try await lock(id)
        var outcome = Kunskapsloop_Catalog_V1_ImportOutcome.updated
        switch locked.status {
        case .retired:
            throw CatalogError.precondition("'\(draft.slug)' is retired; import it under a new slug")
        case .published:
            if DraftContent.same(locked.live, draft) {
                return (.unchanged, id)
            }
            try await startRevision(id)
            try await updateDraft(id, draft, mask: [])
        case .draft, .underReview:
            if DraftContent.same(locked.working, draft) {
                outcome = .unchanged
            } else {
                try await updateDraft(id, draft, mask: [])
            }
        }
        if row.publish {
            _ = try await publish(id, revisionNote: locked.version > 0 ? "Imported" : "", reviewDueOn: draft.reviewDueOn, actor: actor)
            outcome = .updated
        }
        return (outcome, id)
    }
}
