import CRabbitMQ
import Foundation
import Logging

/// A publish sent and awaiting the broker's `basic.ack` / `basic.nack`.
struct PendingConfirm {
    let messageID: String?
    let deadline: ContinuousClock.Instant
    let resolve: @Sendable (Result<Void, MessagingError>) -> Void
}

/// A message arriving in frames: method, then header, then body parts.
struct Assembly {
    enum Kind {
        case delivery(tag: UInt64, redelivered: Bool, exchange: String, routingKey: String)
        case returned(replyCode: Int, replyText: String)
    }

    let kind: Kind
    var properties = MessageProperties()
    var expected = 0
    var body: [UInt8] = []
    var headerSeen = false
}

extension ConnectionLoop {
    /// Reads every frame available now (or within `wait`) and handles it.
    func drainFrames(wait: Duration = .zero) throws(MessagingError) {
        var frame = amqp_frame_t()
        var timeout = timeval(wait)
        // Bounded, so that queued jobs (acks, publishes) are not starved by a flood of deliveries.
        for _ in 0..<2000 {
            let status = amqp_simple_wait_frame_noblock(state, &frame, &timeout)
            if status == AMQP_STATUS_TIMEOUT.rawValue { return }
            guard status == AMQP_STATUS_OK.rawValue else {
                let error = MessagingError(.connectionLost, "connection to the broker failed: \(Self.describe(status))")
                connectionDead = error
                throw error
            }
            try handle(frame)
            timeout = timeval(tv_sec: 0, tv_usec: 0)
        }
    }

    private func handle(_ frame: amqp_frame_t) throws(MessagingError) {
        let channel = frame.channel
        switch Int32(frame.frame_type) {
        case AMQP_FRAME_METHOD:
            try handleMethod(frame.payload.method, channel: channel)
        case AMQP_FRAME_HEADER:
            guard var assembly = assembling[channel] else { return }
            if let decoded = frame.payload.properties.decoded {
                assembly.properties = MessageProperties(decoded.assumingMemoryBound(to: amqp_basic_properties_t.self).pointee)
            }
            assembly.expected = Int(frame.payload.properties.body_size)
            assembly.headerSeen = true
            assembly.body.reserveCapacity(assembly.expected)
            assembling[channel] = assembly
            if assembly.expected == 0 { complete(channel) }
        case AMQP_FRAME_BODY:
            guard assembling[channel] != nil else { return }
            let fragment = frame.payload.body_fragment
            if fragment.len > 0, let base = fragment.bytes {
                assembling[channel]!.body.append(contentsOf: UnsafeRawBufferPointer(start: base, count: fragment.len))
            }
            if assembling[channel]!.body.count >= assembling[channel]!.expected { complete(channel) }
        default:
            break  // heartbeats are consumed inside librabbitmq
        }
    }

    private func handleMethod(_ method: amqp_method_t, channel: UInt16) throws(MessagingError) {
        switch method.id {
        case KL_BASIC_ACK_METHOD:
            let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            confirm(upTo: ack.delivery_tag, multiple: ack.multiple != 0, nacked: false)
        case KL_BASIC_NACK_METHOD:
            let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            confirm(upTo: nack.delivery_tag, multiple: nack.multiple != 0, nacked: true)
        case KL_BASIC_DELIVER_METHOD:
            let d = method.decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
            assembling[channel] = Assembly(
                kind: .delivery(
                    tag: d.delivery_tag, redelivered: d.redelivered != 0,
                    exchange: String(amqp: d.exchange), routingKey: String(amqp: d.routing_key)))
        case KL_BASIC_RETURN_METHOD:
            let r = method.decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            assembling[channel] = Assembly(kind: .returned(replyCode: Int(r.reply_code), replyText: String(amqp: r.reply_text)))
        case KL_CHANNEL_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let error = Self.error(replyCode: Int(close.reply_code), text: String(amqp: close.reply_text))
            try channelClosedByBroker(channel, error)
        case KL_CONNECTION_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            var ok = amqp_connection_close_ok_t()
            amqp_send_method(state, 0, KL_CONNECTION_CLOSE_OK_METHOD, &ok)
            let error = MessagingError(.connectionLost, "the broker closed the connection: \(String(amqp: close.reply_text))", replyCode: Int(close.reply_code))
            connectionDead = error
            throw error
        case KL_CONNECTION_BLOCKED_METHOD:
            let blocked = method.decoded.assumingMemoryBound(to: amqp_connection_blocked_t.self).pointee
            let reason = String(amqp: blocked.reason)
            blockedReason = reason.isEmpty ? "resource alarm" : reason
            updateStatus { $0.blockedReason = self.blockedReason }
            logger.warning("broker blocks publishing", metadata: ["reason": "\(reason)"])
        case KL_CONNECTION_UNBLOCKED_METHOD:
            blockedReason = nil
            updateStatus { $0.blockedReason = nil }
            logger.info("broker unblocked publishing")
        case KL_BASIC_CANCEL_METHOD:
            // The broker cancelled a consumer (its queue was deleted): end that stream.
            if let id = consumerByChannel.removeValue(forKey: channel), let record = consumers.removeValue(forKey: id) {
                record.buffer.finish(throwing: MessagingError(.channelClosed, "the broker cancelled the consumer of \(record.queue)"))
            }
        default:
            break
        }
    }

    private func complete(_ channel: UInt16) {
        guard let assembly = assembling.removeValue(forKey: channel) else { return }
        switch assembly.kind {
        case let .delivery(tag, redelivered, exchange, routingKey):
            guard let id = consumerByChannel[channel], let record = consumers[id] else { return }
            record.buffer.append(
                Delivery(
                    body: assembly.body, properties: assembly.properties, exchange: exchange, routingKey: routingKey,
                    redelivered: redelivered, deliveryTag: tag, generation: generation, channel: channel))
        case .returned:
            // The ack for a returned message follows; it then fails as unroutable.
            if let id = assembly.properties.messageID { returnedMessageIDs.insert(id) }
        }
    }

    private func confirm(upTo tag: UInt64, multiple: Bool, nacked: Bool) {
        let first = multiple ? lowestUnconfirmed : tag
        if first <= tag {
            for t in first...tag {
                guard let pending = unconfirmed.removeValue(forKey: t) else { continue }
                if nacked {
                    pending.resolve(.failure(MessagingError(.nacked, "the broker refused the message (basic.nack)")))
                } else if let id = pending.messageID, returnedMessageIDs.remove(id) != nil {
                    pending.resolve(.failure(MessagingError(.unroutable, "no queue is bound for the message's routing key")))
                } else {
                    pending.resolve(.success(()))
                }
            }
        }
        while lowestUnconfirmed < nextPublishTag && unconfirmed[lowestUnconfirmed] == nil { lowestUnconfirmed += 1 }
    }

    /// The broker closed `channel`: answer close-ok, fail what depended on it, and re-open the
    /// publish channel so later work can go on.
    func channelClosedByBroker(_ channel: UInt16, _ error: MessagingError) throws(MessagingError) {
        var ok = amqp_channel_close_ok_t()
        amqp_send_method(state, channel, KL_CHANNEL_CLOSE_OK_METHOD, &ok)
        assembling[channel] = nil
        if channel == Self.publishChannel {
            for (_, pending) in unconfirmed { pending.resolve(.failure(error)) }
            unconfirmed.removeAll()
            amqp_channel_open(state, channel)
            try check(amqp_get_rpc_reply(state), "re-open channel", channel: channel)
            amqp_confirm_select(state, channel)
            try check(amqp_get_rpc_reply(state), "enable publisher confirms", channel: channel)
            nextPublishTag = 1
            lowestUnconfirmed = 1
        } else if let id = consumerByChannel.removeValue(forKey: channel), let record = consumers.removeValue(forKey: id) {
            record.buffer.finish(throwing: error)
        }
    }

    /// Turns a synchronous call's reply into success or a typed error (recovering the channel).
    func check(_ reply: amqp_rpc_reply_t, _ what: String, channel: UInt16) throws(MessagingError) {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == KL_CHANNEL_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let error = Self.error(replyCode: Int(close.reply_code), text: "\(what): \(String(amqp: close.reply_text))")
            try channelClosedByBroker(channel, error)
            throw error
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == KL_CONNECTION_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            var ok = amqp_connection_close_ok_t()
            amqp_send_method(state, 0, KL_CONNECTION_CLOSE_OK_METHOD, &ok)
            let error = Self.error(replyCode: Int(close.reply_code), text: "\(what): \(String(amqp: close.reply_text))")
            connectionDead = MessagingError(.connectionLost, error.message, replyCode: error.replyCode)
            throw error
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            let error = MessagingError(.connectionLost, "\(what): \(Self.describe(reply.library_error))")
            connectionDead = error
            throw error
        default:
            let error = MessagingError(.protocolError, "\(what): no reply")
            connectionDead = error
            throw error
        }
    }

    static func error(replyCode: Int, text: String) -> MessagingError {
        let code: MessagingError.Code =
            switch replyCode {
            case 403: .accessRefused
            case 404: .notFound
            case 406: .preconditionFailed
            default: .channelClosed
            }
        return MessagingError(code, text, replyCode: replyCode)
    }
}
