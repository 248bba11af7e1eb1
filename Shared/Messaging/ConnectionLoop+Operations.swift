import CRabbitMQ
import Logging

/// A consumer registered on a connection; its channel changes with each reconnect.
struct ConsumerRecord {
    let queue: String
    let prefetch: UInt16
    let buffer: DeliveryBuffer
    /// Consumed without acknowledgements (reply queues: a lost reply is a caller's timeout).
    var noAck = false
}

/// A message to publish, as plain values.
struct OutgoingMessage: Sendable {
    let exchange: String
    let routingKey: String
    let body: [UInt8]
    let properties: MessageProperties
    let mandatory: Bool
}

extension ConnectionLoop {
    func declare(_ topology: Topology) throws(MessagingError) {
        try declareNow(topology)
        if !topologies.contains(topology) { topologies.append(topology) }
    }

    func declareNow(_ topology: Topology) throws(MessagingError) {
        let ch = Self.publishChannel
        for exchange in topology.exchanges {
            let arena = CArena()
            amqp_exchange_declare(
                state, ch, arena.bytes(exchange.name), arena.bytes(exchange.kind.rawValue),
                exchange.passive ? 1 : 0, 1, 0, 0, amqp_empty_table)
            do throws(MessagingError) {
                try check(amqp_get_rpc_reply(state), "declare exchange \(exchange.name)", channel: ch)
            } catch  where exchange.passive && error.code == .notFound {
                throw MessagingError(
                    .notFound,
                    "exchange \(exchange.name) does not exist: the broker declares the suite's exchanges from compose/rabbitmq/definitions.json at boot",
                    replyCode: 404)
            }
        }
        for queue in topology.queues {
            do throws(MessagingError) {
                try declareQueue(queue)
            } catch  where queue.replaceOnMismatch && error.code == .preconditionFailed {
                logger.warning("queue \(queue.name) exists with other arguments; replacing it (its messages are requests their callers retry)")
                try deleteQueue(queue.name)
                try declareQueue(queue)
            }
        }
        for binding in topology.bindings {
            let arena = CArena()
            amqp_queue_bind(state, ch, arena.bytes(binding.queue), arena.bytes(binding.exchange), arena.bytes(binding.routingKey), amqp_empty_table)
            try check(amqp_get_rpc_reply(state), "bind \(binding.queue) to \(binding.exchange) (\(binding.routingKey))", channel: ch)
        }
    }

    private func declareQueue(_ queue: Topology.Queue) throws(MessagingError) {
        let arena = CArena()
        amqp_queue_declare(
            state, Self.publishChannel, arena.bytes(queue.name), 0, queue.durable ? 1 : 0, queue.exclusive ? 1 : 0,
            queue.exclusive ? 1 : 0, arena.table(queue.arguments))
        try check(amqp_get_rpc_reply(state), "declare queue \(queue.name)", channel: Self.publishChannel)
    }

    /// Declares a server-named, exclusive, auto-delete queue (for tests and reply queues).
    func declareTemporaryQueue() throws(MessagingError) -> String {
        let ok = amqp_queue_declare(state, Self.publishChannel, amqp_empty_bytes, 0, 0, 1, 1, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "declare temporary queue", channel: Self.publishChannel)
        return ok.map { String(amqp: $0.pointee.queue) } ?? ""
    }

    func deleteQueue(_ name: String) throws(MessagingError) {
        let arena = CArena()
        amqp_queue_delete(state, Self.publishChannel, arena.bytes(name), 0, 0)
        try check(amqp_get_rpc_reply(state), "delete queue \(name)", channel: Self.publishChannel)
    }

    func deleteExchange(_ name: String) throws(MessagingError) {
        let arena = CArena()
        amqp_exchange_delete(state, Self.publishChannel, arena.bytes(name), 0)
        try check(amqp_get_rpc_reply(state), "delete exchange \(name)", channel: Self.publishChannel)
    }

    func addConsumer(id: UInt64, _ record: ConsumerRecord) throws(MessagingError) {
        consumers[id] = record
        do throws(MessagingError) {
            try openConsumerChannel(id)
        } catch {
            consumers[id] = nil
            throw error
        }
    }

    func openConsumerChannel(_ id: UInt64) throws(MessagingError) {
        guard let record = consumers[id] else { return }
        let ch = nextChannel
        nextChannel += 1
        amqp_channel_open(state, ch)
        try check(amqp_get_rpc_reply(state), "open channel", channel: ch)
        if !record.noAck {
            amqp_basic_qos(state, ch, 0, record.prefetch, 0)
            try check(amqp_get_rpc_reply(state), "set prefetch on \(record.queue)", channel: ch)
        }
        let arena = CArena()
        amqp_basic_consume(state, ch, arena.bytes(record.queue), amqp_empty_bytes, 0, record.noAck ? 1 : 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "consume \(record.queue)", channel: ch)
        consumerByChannel[ch] = id
    }

    func cancelConsumer(id: UInt64) {
        guard let record = consumers.removeValue(forKey: id) else { return }
        if let ch = consumerByChannel.first(where: { $0.value == id })?.key {
            consumerByChannel[ch] = nil
            if ch != Self.publishChannel { amqp_channel_close(state, ch, Int32(AMQP_REPLY_SUCCESS)) }
        }
        record.buffer.finish()
    }

    func publish(_ message: OutgoingMessage, deadline: ContinuousClock.Instant, resolve: @escaping @Sendable (Result<Void, MessagingError>) -> Void) {
        let arena = CArena()
        var properties = message.properties.cProperties(in: arena)
        let status = message.body.withUnsafeBytes { raw in
            amqp_basic_publish(
                state, Self.publishChannel, arena.bytes(message.exchange), arena.bytes(message.routingKey),
                message.mandatory ? 1 : 0, 0, &properties,
                amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress)))
        }
        guard status == AMQP_STATUS_OK.rawValue else {
            let error = MessagingError(.connectionLost, "publish failed: \(Self.describe(status))")
            connectionDead = error
            resolve(.failure(error))
            return
        }
        unconfirmed[nextPublishTag] = PendingConfirm(messageID: message.properties.messageID, deadline: deadline, resolve: resolve)
        nextPublishTag += 1
    }

    /// Acks, nacks or rejects on the delivery's channel; moot after a reconnect (the broker has
    /// already put those messages back).
    func settle(_ delivery: Delivery, _ how: AMQPConsumer.Settlement) throws(MessagingError) {
        guard delivery.generation == generation, consumerByChannel[delivery.channel] != nil else { return }
        let status: Int32 =
            switch how {
            case .ack(let multiple): amqp_basic_ack(state, delivery.channel, delivery.deliveryTag, multiple ? 1 : 0)
            case .nack(let multiple, let requeue): amqp_basic_nack(state, delivery.channel, delivery.deliveryTag, multiple ? 1 : 0, requeue ? 1 : 0)
            case .reject(let requeue): amqp_basic_reject(state, delivery.channel, delivery.deliveryTag, requeue ? 1 : 0)
            }
        guard status == AMQP_STATUS_OK.rawValue else {
            let error = MessagingError(.connectionLost, "ack failed: \(Self.describe(status))")
            connectionDead = error
            throw error
        }
    }
}
