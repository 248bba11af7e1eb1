import Contracts
import Domain
import Foundation
import KLTesting
import Mail
import Messaging
import PostgresNIO
import ServiceRuntime
import Storage
import SwiftProtobuf
import Testing

@testable import Notification

/// Redelivered events and two replicas consuming and dispatching side by side never notify twice.
@Suite(.serialized) struct ReplicaTests {
    @Test func redeliveryAndTwoReplicasNeverNotifyTwice() async throws {
        try await withTestServer("webhook_receiver.py", ["--secret", testWebhookSecret]) { receiver in
            let configuration = NotificationConfiguration.forTests()
            try await withNotification(configuration) { n in
                try await n.standardTree()
                // A second replica on the same schema and queue.
                let environment = Environment(["KL_DATABASE_URL": LocalStack.databaseURL(user: "postgres"), "KL_AMQP_URL": LocalStack.amqpURL(user: "admin")])
                let runtime = try RuntimeConfiguration(service: n.service, defaultHTTPPort: 1, environment: environment)
                try await withAMQPConnection(user: "admin", name: "\(n.service)-replica") { connection in
                    let context = try ServiceContext(
                        configuration: runtime, database: n.database, schema: n.service, publisher: connection,
                        consumer: connection, logger: LocalStack.logger)
                    var topology = Topology.exchanges
                    topology.addQuorumQueue("\(n.service).events", bindings: [("kl.events", "\(n.service).followup.#")])
                    let second = NotificationDefinition.make(name: n.service, configuration: configuration, topology: topology, eventPrefix: "\(n.service).")
                    try await whileRunning(ServiceWork(definition: second, context: context)) {
                        var recipients: [String] = []
                        for i in 0..<5 {
                            recipients.append(
                                try await n.createRecipient {
                                    $0.channels = [.webhook, .inApp]
                                    $0.webhook = .with {
                                        $0.url = "http://127.0.0.1:\(receiver.port)/ok/r\(i)"
                                        $0.secret = testWebhookSecret
                                    }
                                }.id)
                        }
                        var ids: [String] = []
                        for _ in 0..<40 {
                            let event = raised()
                            let id = try await n.publish(event, routingKey: "followup.signal.raised.v1")
                            // The same message again, as a broker redelivers or a publisher retries.
                            try await n.publish(event, routingKey: "followup.signal.raised.v1", messageID: id)
                            ids.append(id)
                        }
                        try await eventually(timeout: .seconds(60), "every delivery to end") {
                            try await n.count(
                                """
                                SELECT count(*)::int FROM \(unescaped: n.service).deliveries WHERE status = 'delivered'
                                """) == 40 * 5 * 2
                        }
                    }
                }
                #expect(try await n.count("SELECT count(*)::int FROM \(unescaped: n.service).deliveries") == 400)
                // Every dispatch reached the receiver exactly once, and no event twice.
                let posts = receiver.records()
                let webhookIDs = posts.compactMap { $0["webhook_id"] as? String }
                #expect(Set(webhookIDs).count == webhookIDs.count)
                var seen: [String: Int] = [:]
                for post in posts {
                    let path = post["path"] as? String ?? ""
                    for event in ((post["body"] as? [String: Any])?["events"] as? [[String: Any]]) ?? [] {
                        seen["\(path)|\(event["sourceMessageId"] as? String ?? "")", default: 0] += 1
                    }
                }
                #expect(seen.count == 200 && seen.values.allSatisfy { $0 == 1 })
                try await eventually("400 delivered events") {
                    n.events.all("notification.delivered.v1", Kunskapsloop_Notification_V1_NotificationDelivered.self).count == 400
                }
                #expect(Set(n.events.all("notification.delivered.v1", Kunskapsloop_Notification_V1_NotificationDelivered.self).map(\.delivery.id)).count == 400)
            }
        }
    }
}
