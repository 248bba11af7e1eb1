import Logging
import Messaging
import RPC
import Storage
import SwiftProtobuf

/// Messages from other systems, read the same way by every service: the AMQP type and content
/// type first, then the message id (refused when it is not text: altered, it could collide with
/// another), then the body. A message that cannot be read is answered with the service's own
/// rejection event (`reject` builds it: each service's contract has its own) and rejected, so the
/// broker keeps a copy in the intake's dead-letter queue. The readable messages go to `handle`,
/// a batch at a time, inside the consumer's transaction.
public struct InboundIntake<Body: SwiftProtobuf.Message & Sendable>: Sendable {
    public typealias Disposition = TransactionalConsumer.Disposition
    /// The rejection event for a message that could not be read.
    public typealias Reject = @Sendable (InboundEnvelope, InboundProblem) -> OutboxEvent
    /// Handles the readable messages of a batch: one disposition each, in order.
    public typealias Handle = @Sendable ([InboundMessage<Body>], inout TransactionalConsumer.Context) async throws -> [Disposition]
    /// A finer reason for a body swift-protobuf refused (which field is not UTF-8), when the
    /// service can tell.
    public typealias Diagnose = @Sendable ([UInt8]) -> InboundProblem?

    let reject: Reject
    let handle: Handle
    let diagnose: Diagnose

    public init(reject: @escaping Reject, diagnose: @escaping Diagnose = { _ in nil }, handle: @escaping Handle) {
        self.reject = reject
        self.diagnose = diagnose
        self.handle = handle
    }

    /// Reads one delivery: the message, or why it cannot be read.
    public func read(_ delivery: Delivery) -> Result<InboundMessage<Body>, InboundProblem> {
        let envelope = InboundEnvelope(delivery)
        if let raw = delivery.properties.unreadableMessageID {
            return .failure(raw.contains(0) ? .nulCharacter(field: "message_id") : .invalidUTF8(field: "message_id"))
        }
        let contentType = delivery.properties.contentType ?? ""
        guard envelope.type == Body.protoMessageName, contentType == "application/x-protobuf" else {
            return .failure(.wrongMessageType(envelope.type, contentType: contentType, expected: Body.protoMessageName))
        }
        let body: Body
        do {
            body = try Body(serializedBytes: delivery.body)
        } catch {
            return .failure(diagnose(delivery.body) ?? .undecodable(Body.protoMessageName, detail: "\(error)"))
        }
        // Valid UTF-8, but no database text takes a NUL: refused here, not retried forever.
        if let field = MessageCheck.fieldWithNUL(in: body) { return .failure(.nulCharacter(field: field)) }
        return .success(InboundMessage(envelope: envelope, body: body))
    }

    /// The consumer's batch handler: refuses what cannot be read, hands on the rest.
    public func handleBatch(_ deliveries: [Delivery], _ context: inout TransactionalConsumer.Context) async throws -> [Disposition] {
        var dispositions = [Disposition?](repeating: nil, count: deliveries.count)
        var readable: [(index: Int, message: InboundMessage<Body>)] = []
        for (index, delivery) in deliveries.enumerated() {
            switch read(delivery) {
            case .success(let message):
                readable.append((index, message))
            case .failure(let problem):
                let envelope = InboundEnvelope(delivery)
                context.logger.info(
                    "inbound message refused",
                    metadata: [
                        LogKey.messageID: "\(envelope.key)", "reason": "\(problem)",
                    ])
                context.emit(reject(envelope, problem))
                dispositions[index] = .rejected(reason: problem.description)
            }
        }
        if !readable.isEmpty {
            let handled = try await handle(readable.map(\.message), &context)
            guard handled.count == readable.count else {
                throw StorageError(.handlerFailed, "the intake handler answered \(handled.count) dispositions for \(readable.count) messages")
            }
            for ((index, _), disposition) in zip(readable, handled) { dispositions[index] = disposition }
        }
        return dispositions.map { $0 ?? .processed }
    }
}

/// What the broker says about an inbound message.
public struct InboundEnvelope: Sendable, Hashable {
    /// The inbox key: the message id, or a hash of the content when there is none.
    public let key: String
    /// The `message_id` as sent ("" when none; a lossy reading when it is not text).
    public let messageID: String
    public let appID: String
    public let type: String
    public let traceparent: String?

    public init(key: String, messageID: String, appID: String, type: String, traceparent: String?) {
        self.key = key
        self.messageID = messageID
        self.appID = appID
        self.type = type
        self.traceparent = traceparent
    }

    public init(_ delivery: Delivery) {
        self.init(
            key: TransactionalConsumer.key(delivery), messageID: delivery.properties.messageID ?? "",
            appID: delivery.properties.appID ?? "", type: delivery.properties.type ?? "",
            traceparent: delivery.properties.traceparent)
    }
}

/// A readable inbound message.
public struct InboundMessage<Body: SwiftProtobuf.Message & Sendable>: Sendable {
    public let envelope: InboundEnvelope
    public let body: Body

    public init(envelope: InboundEnvelope, body: Body) {
        self.envelope = envelope
        self.body = body
    }
}

/// Why an inbound message could not be read at all; each service turns it into its contract's
/// rejection reason.
public struct InboundProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The AMQP `type` or content type is not the one the queue takes.
        case wrongMessageType
        /// The body is not a valid protobuf message of that type.
        case undecodable
        /// A string (or the message id) is not valid UTF-8.
        case invalidUTF8
        /// A string (or the message id) holds a NUL, which no text may.
        case nulCharacter
    }

    public let reason: Reason
    /// The field to blame (`message_id`, `comment`), or empty.
    public let field: String
    public let english: String
    public let swedish: String

    public init(_ reason: Reason, field: String, english: String, swedish: String) {
        self.reason = reason
        self.field = field
        self.english = english
        self.swedish = swedish
    }

    public var description: String { field.isEmpty ? english : "\(field): \(english)" }

    public static func wrongMessageType(_ type: String, contentType: String, expected: String) -> InboundProblem {
        let (type, contentType, expected) = (quote(type), quote(contentType), quote(expected))
        return InboundProblem(
            .wrongMessageType, field: "",
            english: "the message has type \(type) and content type \(contentType); expected type \(expected) and content type \"application/x-protobuf\"",
            swedish: "meddelandet har typen \(type) och innehållstypen \(contentType); typen ska vara \(expected) och innehållstypen \"application/x-protobuf\""
        )
    }

    public static func undecodable(_ type: String, detail: String? = nil) -> InboundProblem {
        let suffix = detail.map { " (\(quote($0, marks: false)))" } ?? ""
        let name = type.split(separator: ".").last.map(String.init) ?? type
        return InboundProblem(
            .undecodable, field: "",
            english: "the body is not a valid \(name) protobuf message\(suffix)",
            swedish: "innehållet är inte ett giltigt protobufmeddelande av typen \(name)\(suffix)")
    }

    public static func invalidUTF8(field: String) -> InboundProblem {
        InboundProblem(.invalidUTF8, field: field, english: "\(field) is not valid UTF-8", swedish: "\(field) är inte giltig UTF-8")
    }

    public static func nulCharacter(field: String) -> InboundProblem {
        InboundProblem(
            .nulCharacter, field: field,
            english: "\(field) contains a NUL character, which cannot be stored",
            swedish: "\(field) innehåller ett NUL-tecken, som inte kan lagras")
    }

    /// A value from the message, cut at 100 characters so that a rejection stays short.
    static func quote(_ value: String, marks: Bool = true) -> String {
        let cut = value.unicodeScalars.count > 100 ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(100))) + "…" : value
        return marks ? "\"\(cut)\"" : cut
    }
}
