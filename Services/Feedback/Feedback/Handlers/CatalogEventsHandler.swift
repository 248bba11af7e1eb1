import CatalogProjection
import Foundation
import Messaging
import Storage

/// Keeps the service's copy of the catalog from the catalog's events, and places the
/// submissions that waited for a support that has just arrived, in the same transaction.
struct CatalogEventsHandler: Sendable {
    let projection: CatalogProjection
    let intake: FeedbackIntake

    func handle(_ delivery: Delivery, _ context: inout TransactionalConsumer.Context) async throws -> TransactionalConsumer.Disposition {
        let change: CatalogChange
        do {
            change = try await projection.apply(delivery, on: context.connection)
        } catch let error as CatalogEventError {
            return .rejected(reason: error.description)
        }
        if case .support(let support, _, _) = change {
            for event in try await intake.placeWaiting(for: support, on: context.connection) { context.emit(event) }
        }
        return .processed
    }
}
