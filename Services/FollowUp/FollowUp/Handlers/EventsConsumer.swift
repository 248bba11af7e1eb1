import CatalogProjection
import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import Reference
import Storage
import SwiftProtobuf

/// `followup.events`: the catalog's events keep the projection (a moved unit re-analyses every
/// indicator with values under it, so aggregates follow), and the feedback service's summaries
/// become values of the built-in helpfulness indicators.
struct EventsConsumer: Sendable {
    let store: FollowUpStore
    let reanalysis: Reanalysis

    func handle(_ delivery: Delivery, _ context: inout TransactionalConsumer.Context) async throws -> TransactionalConsumer.Disposition {
        let messageID = TransactionalConsumer.key(delivery)
        if delivery.properties.type == Kunskapsloop_Feedback_V1_FeedbackSummary.protoMessageName {
            let summary: Kunskapsloop_Feedback_V1_FeedbackSummary
            do {
                summary = try Kunskapsloop_Feedback_V1_FeedbackSummary(serializedBytes: delivery.body)
            } catch {
                return .rejected(reason: "an undecodable feedback summary: \(error)")
            }
            for event in try await take(summary, messageID: messageID, on: context.connection) { context.emit(event) }
            return .processed
        }
        let change: CatalogChange
        do {
            change = try await store.catalog.apply(delivery, on: context.connection)
        } catch let error as CatalogEventError {
            return .rejected(reason: error.description)
        }
        guard case .organisation(let organisation, _, let previousParent?, _) = change, previousParent != organisation.parentID else {
            return .processed
        }
        // A move: every indicator with a value at the organisation or under it is analysed again.
        let moved = [organisation.id] + (try await store.catalog.descendants(of: organisation.id, on: context.connection)).map(\.id)
        let codes = try await store.indicatorCodes(withMeasurementsAt: moved, on: context.connection)
        guard !codes.isEmpty else { return .processed }
        _ = try await store.indicators(codes, lock: true, on: context.connection)
        let (events, _) = try await reanalysis.run(codes, cause: .catalog("catalog:\(messageID)"), at: Date(), on: context.connection)
        for event in events { context.emit(event) }
        return .processed
    }

    /// A feedback summary as the value of the support's built-in helpfulness indicator (made on
    /// first use); a summary for all organisations is the national root's value.
    func take(_ summary: Kunskapsloop_Feedback_V1_FeedbackSummary, messageID: String, on connection: PostgresConnection) async throws -> [OutboxEvent] {
        guard !summary.knowledgeSupportID.isEmpty, let period = summary.period.period,
            period.granularity == .isoWeek || period.granularity == .month
        else {
            store.logger.warning("feedback summary without a support or a week or month; left out", metadata: ["message_id": "\(messageID)"])
            return []
        }
        let supportID = summary.knowledgeSupportID.lowercased()
        let code = Indicator.helpfulnessCode(knowledgeSupportID: supportID, granularity: period.granularity)
        let now = Date()
        if try await store.indicator(code, lock: true, on: connection) == nil {
            let title = try await store.catalog.support(supportID, on: connection)?.title
            _ = try await store.insert(
                Indicator.helpfulness(knowledgeSupportID: supportID, supportTitle: title, granularity: period.granularity),
                actor: "feedback", at: now, on: connection)
            _ = try await store.indicator(code, lock: true, on: connection)
        }
        let organisationID: String
        if summary.hasOrganisation, !summary.organisation.id.isEmpty {
            organisationID = summary.organisation.id
        } else {
            organisationID = try await nationalRoot(on: connection)
        }
        let yes = Int64(max(0, summary.helpfulYesCount))
        let no = Int64(max(0, summary.helpfulNoCount))
        let measurement = Measurement(
            indicatorCode: code, organisationID: organisationID, period: period, stratum: nil,
            value: .ratio(numerator: yes, denominator: yes + no))
        guard try await store.upsertSummary(measurement, summaryRevision: Int(summary.revision), messageID: messageID, at: now, on: connection)
        else { return [] }  // an older revision than the one stored
        let (events, _) = try await reanalysis.run(
            [code], cause: .data("feedback:\(messageID)", earliestChanged: [code: period.ordinal]),
            at: now, on: connection)
        return events
    }

    /// The nation's id: the projection's root, else the shipped reference data's.
    func nationalRoot(on connection: PostgresConnection) async throws -> String {
        if let root = try await store.catalog.root(on: connection) { return root.id }
        return (try? ReferenceData.load())?.organisations.first { $0.level == .national }?.id ?? "SE"
    }
}
