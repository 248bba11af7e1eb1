import CRabbitMQ
import Foundation
import Logging
import Synchronization

extension ConnectionLoop {
    /// Opens socket, logs in, opens the publish channel in confirm mode, then re-declares
    /// topologies and re-opens consumers registered earlier.
    func connect() throws(MessagingError) {
        guard let newState = amqp_new_connection() else { throw MessagingError(.protocolError, "amqp_new_connection failed") }
        state = newState
        connectionDead = nil
        blockedReason = nil
        let config = configuration
        let target = "\(config.host):\(config.port)"

        let socket: OpaquePointer?
        if config.useTLS {
            socket = amqp_ssl_socket_new(newState)
            if let socket {
                amqp_ssl_socket_set_verify_peer(socket, config.verifyPeer ? 1 : 0)
                amqp_ssl_socket_set_verify_hostname(socket, config.verifyPeer ? 1 : 0)
                if let ca = config.caCertificatePath, amqp_ssl_socket_set_cacert(socket, ca) != AMQP_STATUS_OK.rawValue {
                    throw MessagingError(.invalidConfiguration, "cannot read CA certificate \(ca)")
                }
            }
        } else {
            socket = amqp_tcp_socket_new(newState)
        }
        guard let socket else { throw MessagingError(.protocolError, "could not create a socket") }

        var timeout = timeval(config.connectTimeout)
        let opened = amqp_socket_open_noblock(socket, config.host, Int32(config.port), &timeout)
        guard opened == AMQP_STATUS_OK.rawValue else {
            throw MessagingError(.connectionFailed, "cannot connect to \(target): \(Self.describe(opened))")
        }
        var handshake = timeval(config.connectTimeout)
        amqp_set_handshake_timeout(newState, &handshake)
        var rpcTimeout = timeval(.seconds(30))
        amqp_set_rpc_timeout(newState, &rpcTimeout)

        let arena = CArena()
        var properties = arena.clientProperties(connectionName: config.connectionName)
        let reply = kl_amqp_login_plain_with_properties(
            newState, config.vhost, 2047, 131_072, Int32(config.heartbeat), &properties, config.user, config.password)
        arena.release()
        try checkLogin(reply, target: target)

        amqp_channel_open(newState, Self.publishChannel)
        try check(amqp_get_rpc_reply(newState), "open channel", channel: Self.publishChannel)
        amqp_confirm_select(newState, Self.publishChannel)
        try check(amqp_get_rpc_reply(newState), "enable publisher confirms", channel: Self.publishChannel)
        nextPublishTag = 1
        lowestUnconfirmed = 1
        nextChannel = 2
        generation += 1

        for topology in topologies { try declareNow(topology) }
        for id in consumers.keys.sorted() { try openConsumerChannel(id) }
        let generation = generation
        updateStatus {
            $0.connected = true
            $0.generation = generation
            $0.blockedReason = nil
        }
        logger.info("AMQP connected", metadata: ["broker": "\(target)", "vhost": "\(config.vhost)", "generation": "\(generation)"])
    }

    private func checkLogin(_ reply: amqp_rpc_reply_t, target: String) throws(MessagingError) {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == KL_CONNECTION_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            let text = String(amqp: close.reply_text)
            if text.contains("Login was refused") || text.contains("ACCESS_REFUSED - Login") {
                throw MessagingError(
                    .authenticationFailed, "RabbitMQ at \(target) refused user '\(configuration.user)': wrong user name or password",
                    replyCode: Int(close.reply_code))
            }
            throw MessagingError(
                .accessRefused, "RabbitMQ at \(target) refused vhost '\(configuration.vhost)' for user '\(configuration.user)': \(text)",
                replyCode: Int(close.reply_code))
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw MessagingError(.connectionFailed, "login to \(target) failed: \(Self.describe(reply.library_error))")
        default:
            throw MessagingError(.connectionFailed, "login to \(target) failed")
        }
    }

    /// Closes channels and the connection politely (on shutdown), failing what is still pending.
    func closeGracefully() {
        // Give confirms already on their way a moment to arrive.
        let end = ContinuousClock.now.advanced(by: .seconds(2))
        while !unconfirmed.isEmpty && ContinuousClock.now < end && connectionDead == nil {
            do throws(MessagingError) { try drainFrames(wait: .milliseconds(50)) } catch { break }
        }
        if connectionDead == nil, let state {
            for channel in consumerByChannel.keys { amqp_channel_close(state, channel, Int32(AMQP_REPLY_SUCCESS)) }
            amqp_connection_close(state, Int32(AMQP_REPLY_SUCCESS))
        }
        teardown(after: MessagingError(.shutdown, "the AMQP connection was shut down"))
    }

    /// Drops the connection state; unconfirmed publishes fail, consumers wait for the next connection.
    func teardown(after error: MessagingError) {
        if let state { amqp_destroy_connection(state) }
        state = nil
        for (_, pending) in unconfirmed {
            pending.resolve(.failure(MessagingError(.connectionLost, "connection lost before the broker confirmed the publish: \(error.message)")))
        }
        unconfirmed.removeAll()
        returnedMessageIDs.removeAll()
        consumerByChannel.removeAll()
        assembling.removeAll()
        updateStatus {
            $0.connected = false
            $0.lastError = error.code == .shutdown ? nil : error.message
            $0.blockedReason = nil
        }
    }

    func failEverything(_ error: MessagingError) {
        pullMailbox()
        for job in waiting { job.fail(error) }
        waiting.removeAll()
        for record in consumers.values { record.buffer.finish() }
        consumers.removeAll()
        // Late submitters get .shutdown from `submit`; this drains any that raced in.
        connection.mailbox.withLock { $0.stopping = true }
        pullMailbox()
        for job in waiting { job.fail(error) }
        waiting.removeAll()
    }

    static func describe(_ status: Int32) -> String {
        String(cString: amqp_error_string2(status))
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
