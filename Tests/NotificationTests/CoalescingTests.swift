import Contracts
import Domain
import Foundation
import KLTesting
import Mail
import PostgresNIO
import SwiftProtobuf
import Testing

@testable import Notification

/// No floods: a burst within the window is one message, a digest one message a day.
@Suite(.serialized) struct CoalescingTests {
    @Test func aBurstOf200SignalsIsOneMessage() async throws {
        let clock = ManualClock(Date())
        try await withTestServer("webhook_receiver.py", ["--secret", testWebhookSecret]) { receiver in
            try await withNotification(.forTests(window: .seconds(60), clock: clock)) { n in
                try await n.standardTree()
                let leader = try await n.createRecipient {
                    $0.channels = [.webhook, .inApp]
                    $0.webhook = .with {
                        $0.url = "http://127.0.0.1:\(receiver.port)/ok/burst"
                        $0.secret = testWebhookSecret
                    }
                }
                for _ in 0..<200 { try await n.publish(raised(), routingKey: "followup.signal.raised.v1") }
                try await eventually(timeout: .seconds(60), "400 pending deliveries") {
                    try await n.count("SELECT count(*)::int FROM \(unescaped: n.service).deliveries WHERE status = 'pending'") == 400
                }
                #expect(receiver.records().isEmpty)
                clock.advance(60)
                let delivered = try await n.waitForDeliveries(
                    "the burst to go out",
                    {
                        $0.recipientID = leader.id
                        $0.page.pageSize = 100
                    }
                ) { list in
                    list.count == 100 && list.allSatisfy { $0.status == .delivered }
                }
                try await eventually("all 400 delivered") {
                    try await n.count("SELECT count(*)::int FROM \(unescaped: n.service).deliveries WHERE status = 'delivered'") == 400
                }
                #expect(try await n.count("SELECT count(DISTINCT dispatch_id)::int FROM \(unescaped: n.service).deliveries") == 2)
                let posts = receiver.records()
                #expect(posts.count == 1)
                let events = (posts.first?["body"] as? [String: Any])?["events"] as? [[String: Any]]
                #expect(events?.count == 200)
                let subject = (posts.first?["body"] as? [String: Any])?["subject"] as? String
                #expect(subject?.hasPrefix("Kunskapsloop: 200 händelser") == true)
                let inbox = try await n.call(
                    "ListInbox", Kunskapsloop_Notification_V1_ListInboxRequest.with { $0.recipientID = leader.id },
                    returning: Kunskapsloop_Notification_V1_ListInboxResponse.self)
                #expect(inbox.items.count == 1 && inbox.items[0].events.count == 200)
                #expect(delivered.allSatisfy { !$0.dispatchID.isEmpty })
            }
        }
    }

    @Test func theDigestGoesOutAtItsLocalHour() async throws {
        // 06:00 in Stockholm on a winter day (05:00 UTC); the digest hour is 7.
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-01-15T05:00:00Z")!)
        try await withNotification(.forTests(window: .seconds(60), clock: clock)) { n in
            try await n.standardTree()
            let leader = try await n.createRecipient {
                $0.deliveryMode = .dailyDigest
                $0.digestHour = 7
            }
            let quiet = UUID().uuidString.lowercased()
            try await n.publish(raised(), routingKey: "followup.signal.raised.v1")
            try await n.publish(raised(quiet), routingKey: "followup.signal.raised.v1")
            try await n.publish(closed(quiet), routingKey: "followup.signal.closed.v1")
            try await n.publish(raised(), routingKey: "followup.signal.raised.v1")
            let pending = try await n.waitForDeliveries("four deliveries", { $0.recipientID = leader.id }) { $0.count == 4 }
            #expect(Set(pending.filter { $0.status == .pending }.map(\.scheduledFor.date)) == [ISO8601DateFormatter().date(from: "2026-01-15T06:00:00Z")!])
            clock.set(ISO8601DateFormatter().date(from: "2026-01-15T05:59:59Z")!)
            #expect(try await n.dispatcher().dispatchDue() == 0)
            clock.set(ISO8601DateFormatter().date(from: "2026-01-15T06:00:00Z")!)
            let sent = try await n.waitForDeliveries(
                "the digest",
                {
                    $0.recipientID = leader.id
                    $0.statuses = [.delivered]
                }
            ) { $0.count == 2 }
            #expect(Set(sent.map(\.dispatchID)).count == 1)
            #expect(sent[0].subject == "Kunskapsloop: daglig sammanfattning, 2 händelser")
            let left = try await n.deliveries {
                $0.recipientID = leader.id
                $0.statuses = [.suppressed]
            }
            #expect(left.count == 2 && left.allSatisfy { $0.event.subjectID == quiet })
            // The next event waits for tomorrow's digest.
            let next = try await n.publish(raised(), routingKey: "followup.signal.raised.v1")
            let tomorrow = try await n.waitForDeliveries("tomorrow's", { $0.sourceMessageID = next }) { $0.count == 1 }
            #expect(tomorrow[0].scheduledFor.date == ISO8601DateFormatter().date(from: "2026-01-16T06:00:00Z")!)
        }
    }
}
