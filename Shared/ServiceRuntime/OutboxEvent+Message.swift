import Foundation
import Storage
import SwiftProtobuf

extension OutboxEvent {
    /// An event carrying `message`, typed by its protobuf full name.
    /// - Parameters:
    ///   - exchange: default `kl.events`.
    ///   - traceparent: the trace of the message that caused it, when there was one.
    public init(_ message: some SwiftProtobuf.Message, routingKey: String, exchange: String = "kl.events", traceparent: String? = nil) {
        // Serialising a message built here cannot fail: proto3 has no required fields.
        let body: [UInt8] = (try? message.serializedBytes()) ?? []
        self.init(routingKey: routingKey, type: Swift.type(of: message).protoMessageName, body: body, exchange: exchange, traceparent: traceparent)
    }
}
