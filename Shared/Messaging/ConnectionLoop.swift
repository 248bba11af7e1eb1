import CRabbitMQ
import Foundation
import Logging
import Synchronization

/// The connection thread's state. Created, used and dropped on that one thread only, which is
/// what makes holding librabbitmq's non-thread-safe state here sound.
final class ConnectionLoop {
    let connection: AMQPConnection
    var logger: Logger { connection.logger }
    var configuration: AMQPConfiguration { connection.configuration }

    var state: amqp_connection_state_t?
    var generation: UInt64 = 0
    /// Set when a call found the socket dead; the loop then reconnects.
    var connectionDead: MessagingError?
    var blockedReason: String?
    var waiting: [Job] = []
    var stopping = false

    // Publisher confirms on channel 1.
    var nextPublishTag: UInt64 = 1
    var lowestUnconfirmed: UInt64 = 1
    var unconfirmed: [UInt64: PendingConfirm] = [:]
    var returnedMessageIDs: Set<String> = []

    // Consumers survive reconnects; their channels are per connection.
    var consumers: [UInt64: ConsumerRecord] = [:]
    var consumerByChannel: [UInt16: UInt64] = [:]
    var nextChannel: UInt16 = 2
    var assembling: [UInt16: Assembly] = [:]

    /// Topologies declared through this connection, declared again after a reconnect.
    var topologies: [Topology] = []

    static let publishChannel: UInt16 = 1

    init(connection: AMQPConnection) {
        self.connection = connection
    }

    /// The thread's body: connect, serve, reconnect with backoff, until asked to stop.
    func main() -> Result<Void, MessagingError> {
        var backoff = Duration.milliseconds(100)
        while true {
            pullMailbox()
            if stopping { break }
            do throws(MessagingError) {
                try connect()
                backoff = .milliseconds(100)
                try serve()
                closeGracefully()
            } catch {
                teardown(after: error)
                if generation == 0 && (error.code == .authenticationFailed || error.code == .accessRefused) {
                    failEverything(error)
                    return .failure(error)
                }
                logger.warning("AMQP connection lost, reconnecting in \(backoff)", metadata: ["error": "\(error)"])
                sleepInterruptibly(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
        failEverything(MessagingError(.shutdown, "the AMQP connection was shut down"))
        return .success(())
    }

    /// Handles mail, jobs and frames until asked to stop or the connection fails.
    private func serve() throws(MessagingError) {
        let sockfd = amqp_get_sockfd(state)
        // Wake at least four times per heartbeat interval so heartbeats go out in time.
        let pollMillis = configuration.heartbeat > 0 ? min(250, Int32(configuration.heartbeat * 250)) : 250
        var lastSweep = ContinuousClock.now
        while true {
            pullMailbox()
            if stopping { return }
            runWaitingJobs()
            if let dead = connectionDead { throw dead }
            try drainFrames()
            if ContinuousClock.now - lastSweep > .milliseconds(200) {
                expireDeadlines()
                lastSweep = .now
            }
            amqp_maybe_release_buffers(state)
            if amqp_data_in_buffer(state) != 0 || amqp_frames_enqueued(state) != 0 { continue }
            if hasRunnableJob { continue }
            var fds = [
                pollfd(fd: sockfd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: connection.wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, 2, pollMillis)
            if fds[1].revents != 0 {
                var drained: UInt64 = 0
                _ = read(connection.wakeFD, &drained, 8)
            }
        }
    }

    private var hasRunnableJob: Bool {
        connection.mailbox.withLock { !$0.jobs.isEmpty || $0.stopping }
    }

    func pullMailbox() {
        let (jobs, stop) = connection.mailbox.withLock { box in
            defer { box.jobs.removeAll(keepingCapacity: true) }
            return (box.jobs, box.stopping)
        }
        waiting.append(contentsOf: jobs)
        if stop { stopping = true }
    }

    /// Runs jobs in order; publishes wait (in order) while the broker blocks us.
    private func runWaitingJobs() {
        guard !waiting.isEmpty else { return }
        var held: [Job] = []
        let jobs = waiting
        waiting.removeAll(keepingCapacity: true)
        // librabbitmq writes each publish as three sends; corked, a round of jobs (a batch of
        // publishes, its acks) leaves in full segments, and the broker reads many frames per
        // wake-up instead of one message per segment. Uncorking sends the rest at once, and
        // comes before any job that waits for a reply.
        var corked = false
        for job in jobs {
            if connectionDead != nil || (job.waitsWhileBlocked && blockedReason != nil) {
                held.append(job)
                continue
            }
            if job.onlyWrites != corked { corked = setCork(job.onlyWrites) && job.onlyWrites }
            job.run(self)
        }
        if corked { _ = setCork(false) }
        waiting = held + waiting
    }

    /// Sets TCP_CORK on the connection's socket; false when there is no socket to cork.
    private func setCork(_ on: Bool) -> Bool {
        guard let state, connectionDead == nil else { return false }
        let fd = amqp_get_sockfd(state)
        guard fd >= 0 else { return false }
        var value: Int32 = on ? 1 : 0
        return setsockopt(fd, Int32(IPPROTO_TCP), TCP_CORK, &value, socklen_t(MemoryLayout<Int32>.size)) == 0
    }

    private func expireDeadlines() {
        let now = ContinuousClock.now
        waiting.removeAll { job in
            guard job.deadline < now else { return false }
            let why = blockedReason.map { "the broker blocks publishing (\($0))" } ?? "not connected to the broker"
            job.fail(MessagingError(.timeout, "deadline passed: \(why)"))
            return true
        }
        let late = unconfirmed.filter { $0.value.deadline < now }
        for (tag, pending) in late {
            unconfirmed[tag] = nil
            pending.resolve(.failure(MessagingError(.timeout, "the broker did not confirm the publish before its deadline")))
        }
    }

    private func sleepInterruptibly(for duration: Duration) {
        let end = ContinuousClock.now.advanced(by: duration)
        while ContinuousClock.now < end {
            pullMailbox()
            if stopping { return }
            expireDeadlines()
            var fd = pollfd(fd: connection.wakeFD, events: Int16(POLLIN), revents: 0)
            let left = end - ContinuousClock.now
            _ = poll(&fd, 1, Int32(max(1, min(200, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))))
            if fd.revents != 0 {
                var drained: UInt64 = 0
                _ = read(connection.wakeFD, &drained, 8)
            }
        }
    }

    func updateStatus(_ change: (inout AMQPConnection.Status) -> Void) {
        var status = connection.statusBox.withLock { $0 }
        change(&status)
        let updated = status
        connection.statusBox.withLock { $0 = updated }
    }
}
