import Contracts
import Foundation
import Logging
import Messaging
import ServiceLifecycle
import SwiftProtobuf

/// Answers `<service>.<Method>` requests from the `<service>.rpc` queue with the router's
/// handlers, several at a time. Bad input never crashes it: an undecodable request gets
/// INVALID_ARGUMENT, an unknown method UNIMPLEMENTED, an unexpected handler error INTERNAL.
public final class RPCServer: Service, Sendable {
    let router: RPCRouter
    let consumerConnection: AMQPConnection
    let publisher: AMQPConnection
    let queue: String
    let concurrency: Int
    let logger: Logger

    /// - Parameters:
    ///   - consumerConnection: receives requests; `publisher` sends replies (they may be the same).
    ///   - concurrency: requests handled at once (default 32; also the prefetch).
    public init(router: RPCRouter, consumerConnection: AMQPConnection, publisher: AMQPConnection, concurrency: Int = 32, logger: Logger) {
        self.router = router
        self.consumerConnection = consumerConnection
        self.publisher = publisher
        self.queue = "\(router.service).rpc"
        self.concurrency = concurrency
        self.logger = logger
    }

    /// Serves until graceful shutdown; then finishes the requests in hand and returns.
    public func run() async throws {
        let consumer = try await consumerConnection.consume(queue: queue, prefetch: UInt16(concurrency))
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                var inFlight = 0
                do {
                    for try await delivery in consumer {
                        if inFlight >= concurrency {
                            await group.next()
                            inFlight -= 1
                        }
                        inFlight += 1
                        group.addTask { await self.serve(delivery, consumer: consumer) }
                    }
                } catch {
                    logger.error("RPC consumer ended", metadata: [LogKey.queue: "\(queue)", LogKey.error: "\(error)"])
                }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            consumer.finish()
        }
        await consumer.cancel()
    }

    private func serve(_ delivery: Delivery, consumer: AMQPConsumer) async {
        let p = delivery.properties
        var logger = logger
        logger[metadataKey: LogKey.rpcMethod] = .string(delivery.routingKey)
        if let id = p.messageID { logger[metadataKey: LogKey.messageID] = .string(id) }
        if let trace = p.traceparent { logger[metadataKey: LogKey.traceID] = .string(trace) }
        let deadline = p.headers[RPCHeader.deadline]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) }

        if let deadline, deadline < Date() {
            logger.debug("skipping a request whose caller has given up")
        } else if let replyTo = p.replyTo, !replyTo.isEmpty {
            let prefix = "\(router.service)."
            let method = delivery.routingKey.hasPrefix(prefix) ? String(delivery.routingKey.dropFirst(prefix.count)) : delivery.routingKey
            let context = RPCContext(messageID: p.messageID, traceparent: p.traceparent, deadline: deadline, logger: logger)
            let result = await router.handle(method: method, body: delivery.body, context: context)
            await reply(result, to: replyTo, request: p, logger: logger)
        } else {
            logger.warning("RPC request without reply_to dropped")
        }
        do {
            try await consumer.ack(delivery)
        } catch {
            logger.warning("could not ack RPC request", metadata: ["error": "\(error)"])
        }
    }

    private func reply(_ result: Result<[UInt8], RPCError>, to replyTo: String, request: MessageProperties, logger: Logger) async {
        var properties = MessageProperties(
            contentType: "application/x-protobuf", correlationID: request.correlationID,
            timestamp: UInt64(Date().timeIntervalSince1970), persistent: false)
        properties.traceparent = request.traceparent
        let body: [UInt8]
        switch result {
        case .success(let bytes):
            properties.headers[RPCHeader.status] = .int(0)
            body = bytes
        case .failure(let error):
            properties.headers[RPCHeader.status] = .int(Int64(error.code.rawValue))
            properties.headers[RPCHeader.message] = .string(error.message)
            if !error.field.isEmpty { properties.headers[RPCHeader.field] = .string(error.field) }
            properties.type = Contracts_ErrorDetail.protoMessageName
            body = (try? error.detail.serializedBytes()) ?? []
        }
        do {
            try await publisher.publish(body, exchange: Topology.replyExchange, routingKey: replyTo, properties: properties, timeout: .seconds(5))
        } catch {
            // Whatever made this reply unsendable, a short error can still tell the caller at once.
            logger.warning("could not send RPC reply; sending a short error instead", metadata: ["error": "\(error)"])
            var short = MessageProperties(
                contentType: "application/x-protobuf", correlationID: request.correlationID,
                timestamp: UInt64(Date().timeIntervalSince1970), persistent: false)
            short.headers[RPCHeader.status] = .int(Int64(StatusCode.internal.rawValue))
            short.headers[RPCHeader.message] = .string("the reply could not be sent (\(error.code)); see the service's log")
            do {
                try await publisher.publish([], exchange: Topology.replyExchange, routingKey: replyTo, properties: short, timeout: .seconds(5))
            } catch {
                logger.warning("could not send RPC reply (the caller will time out)", metadata: ["error": "\(error)"])
            }
        }
    }
}
