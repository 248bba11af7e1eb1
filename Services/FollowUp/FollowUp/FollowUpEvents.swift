import Contracts
import Domain
import Foundation
import ServiceRuntime
import Storage
import SwiftProtobuf

/// The follow-up service's events as outbox rows, and the links they carry. Routing keys get
/// `prefix` in front (tests publish under their own name, so real queues never see them).
struct FollowUpEvents: Sendable {
    let prefix: String
    /// The service's public address, without a trailing '/'.
    let publicURL: String

    init(prefix: String, publicURL: String) {
        self.prefix = prefix
        var url = publicURL
        while url.hasSuffix("/") { url.removeLast() }
        self.publicURL = url
    }

    static let signalRaised = "followup.signal.raised.v1"
    static let signalClosed = "followup.signal.closed.v1"
    static let measurementsRejected = "followup.measurements.rejected.v1"
    static let nextStepOverdue = "followup.next_step.overdue.v1"

    func event(_ message: some SwiftProtobuf.Message, _ routingKey: String, traceparent: String? = nil) -> OutboxEvent {
        OutboxEvent(message, routingKey: prefix + routingKey, traceparent: traceparent)
    }

    /// The leader's page of a series: `/indicators/{code}/{organisation}`, with the stratum (and
    /// gap reference) as query for other populations than the total.
    func pageURL(indicatorCode: String, organisationID: String, population: SeriesPopulation = .total) -> String {
        publicURL + Self.pagePath(indicatorCode: indicatorCode, organisationID: organisationID, population: population)
    }

    static func pagePath(indicatorCode: String, organisationID: String, population: SeriesPopulation = .total) -> String {
        "/indicators/\(segment(indicatorCode))/\(segment(organisationID))" + query(population)
    }

    /// "", "?stratum=kon:kvinnor" or "?stratum=kon:kvinnor&gap=man".
    static func query(_ population: SeriesPopulation) -> String {
        switch population {
        case .total: ""
        case .stratum(let s): "?stratum=\(segment(s.description))"
        case .gap(let s, let reference): "?stratum=\(segment(s.description))&gap=\(segment(reference))"
        }
    }

    func organisationURL(_ id: String) -> String { publicURL + "/organisations/\(Self.segment(id))" }

    func assessmentURL(_ id: String) -> String { publicURL + "/assessments/\(Self.segment(id))" }

    /// A path segment or query value, percent-encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~:"))) ?? text
    }
}
