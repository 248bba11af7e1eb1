import Domain
import Foundation
import Testing

@Suite("Coalescing, digests in Stockholm time, retries and failures")
struct DeliveryScheduleTests {
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func coalescingJoinsTheOpenWindowOrOpensOne() {
        let now = Self.utc("2026-04-07T10:00:00Z")
        #expect(DeliverySchedule.due(now: now, mode: .immediate, window: .seconds(60), openWindowEnd: nil) == now.addingTimeInterval(60))
        let open = now.addingTimeInterval(15)
        #expect(DeliverySchedule.due(now: now, mode: .immediate, window: .seconds(60), openWindowEnd: open) == open)
        // A window already past (the dispatcher is behind) is not joined: a new one starts.
        #expect(DeliverySchedule.due(now: now, mode: .immediate, window: .seconds(60), openWindowEnd: now.addingTimeInterval(-1)) == now.addingTimeInterval(60))
        #expect(DeliverySchedule.due(now: now, mode: .immediate, window: .zero, openWindowEnd: nil) == now)
    }

    @Test(arguments: [
        // Winter (CET, UTC+1) and summer (CEST, UTC+2).
        ("2026-01-15T05:00:00Z", 7, "2026-01-15T06:00:00Z"),
        ("2026-01-15T06:00:00Z", 7, "2026-01-16T06:00:00Z"),
        ("2026-01-15T06:00:01Z", 7, "2026-01-16T06:00:00Z"),
        ("2026-07-01T04:59:59Z", 7, "2026-07-01T05:00:00Z"),
        ("2026-07-01T05:00:00Z", 7, "2026-07-02T05:00:00Z"),
        // Local midnight differs from UTC midnight: 23:30 UTC on 14 Jan is 00:30 on the 15th in Stockholm.
        ("2026-01-14T23:30:00Z", 0, "2026-01-15T23:00:00Z"),
        ("2026-01-14T22:30:00Z", 0, "2026-01-14T23:00:00Z"),
        // Spring forward, 29 March 2026: 07:00 is CEST; 02:00 does not exist (03:00 CEST instead).
        ("2026-03-28T12:00:00Z", 7, "2026-03-29T05:00:00Z"),
        ("2026-03-28T12:00:00Z", 2, "2026-03-29T01:00:00Z"),
        // Fall back, 25 October 2026: 07:00 is CET again; 02:00 comes twice (the first is taken).
        ("2026-10-24T12:00:00Z", 7, "2026-10-25T06:00:00Z"),
        ("2026-10-24T12:00:00Z", 2, "2026-10-25T00:00:00Z"),
        ("2026-12-31T23:00:00Z", 23, "2027-01-01T22:00:00Z"),
    ])
    func digestsGoOutAtTheLocalHour(_ now: String, _ hour: Int, _ expected: String) {
        #expect(DeliverySchedule.nextDigest(after: Self.utc(now), hour: hour) == Self.utc(expected))
        #expect(DeliverySchedule.due(now: Self.utc(now), mode: .dailyDigest(hour: hour), window: .seconds(60), openWindowEnd: nil) == Self.utc(expected))
    }

    @Test func everyHourOfAYearComesOnceADay() {
        var instant = Self.utc("2026-01-01T00:00:00Z")
        for _ in 0..<(365 * 4) {
            let next = DeliverySchedule.nextDigest(after: instant, hour: 7)
            #expect(next > instant)
            #expect(next.timeIntervalSince(instant) <= 25 * 3600)
            let local = StockholmTime.secondsSinceMidnight(at: Int64(next.timeIntervalSince1970))
            #expect(local == 7 * 3600)
            instant = instant.addingTimeInterval(6 * 3600)
        }
    }

    @Test func backoffGrowsWithJitterAndStops() {
        let policy = RetryPolicy(maxAttempts: 5, base: .seconds(10), cap: .seconds(60))
        #expect(policy.delay(afterAttempts: 1, random: 0) == .seconds(5))
        #expect(policy.delay(afterAttempts: 1, random: 0.999_999)! > .milliseconds(9_999))
        #expect(policy.delay(afterAttempts: 2, random: 0) == .seconds(10))
        #expect(policy.delay(afterAttempts: 3, random: 0) == .seconds(20))
        #expect(policy.delay(afterAttempts: 4, random: 1) == .seconds(60))  // capped
        #expect(policy.delay(afterAttempts: 5, random: 0.5) == nil)
        #expect(policy.delay(afterAttempts: 0, random: 0.5) == nil)
        for attempt in 1..<5 {
            for random in stride(from: 0.0, to: 1.0, by: 0.1) {
                let delay = policy.delay(afterAttempts: attempt, random: random)!
                #expect(delay >= .seconds(5) && delay <= .seconds(60))
            }
        }
    }

    @Test(
        arguments: [
            (200, nil), (204, nil), (299, nil), (400, true), (401, true), (404, true), (410, true), (408, false), (429, false),
            (500, false), (502, false), (503, false), (301, false),
        ] as [(Int, Bool?)])
    func httpStatuses(_ status: Int, _ permanent: Bool?) {
        #expect(DeliveryFailure.http(status: status)?.isPermanent == permanent)
    }

    @Test func smtpReplies() {
        #expect(DeliveryFailure.smtp(replyCode: 250, message: "ok") == nil)
        #expect(DeliveryFailure.smtp(replyCode: 550, message: "no such user")?.isPermanent == true)
        #expect(DeliveryFailure.smtp(replyCode: 451, message: "later")?.isPermanent == false)
        #expect(DeliveryFailure.smtp(replyCode: 0, message: "couldn't connect")?.isPermanent == false)
        #expect(DeliveryFailure.smtp(replyCode: 550, message: "x")?.description == "SMTP 550 x")
    }

    @Test func swedishWording() throws {
        let week = try Period.isoWeek(2026, 14)
        #expect(
            NotificationWording.signal(
                closed: false, direction: .deterioration, indicator: "Andel uppföljda inom 30 dagar",
                organisation: "Akademiska sjukhuset", onset: week, .sv)
                == "Försämring: Andel uppföljda inom 30 dagar, Akademiska sjukhuset, sedan v. 14 2026")
        #expect(
            NotificationWording.signal(closed: true, direction: .improvement, indicator: "X", organisation: "Y", onset: nil, .sv)
                == "Avslutad signal (förbättring): X, Y")
        #expect(NotificationWording.direction(.neither, .sv) == "Undersök")
        #expect(NotificationWording.period(try Period.month(2026, 3), .en) == "March 2026")
        #expect(NotificationWording.subject(summaries: ["A"], digest: false, .sv) == "Kunskapsloop: A")
        #expect(NotificationWording.subject(summaries: ["A", "B", "C"], digest: false, .sv) == "Kunskapsloop: 3 händelser, bland dem A")
        #expect(NotificationWording.subject(summaries: ["A"], digest: true, .sv) == "Kunskapsloop: daglig sammanfattning, 1 händelse")
        #expect(
            NotificationWording.nextStepOverdue(action: "Införa checklista", organisation: "Akademiska", daysOverdue: 1, .sv)
                == "Nästa steg försenat 1 dag: Införa checklista, Akademiska")
        #expect(NotificationWording.suppressedRaisedAndClosed(window: .seconds(60)) == "signalen öppnades och stängdes inom 60 s")
    }

    @Test func webhookSecrets() {
        let secret = WebhookSecret.make(Array(0..<32))
        #expect(secret.hasPrefix("whsec_"))
        #expect(WebhookSecret.key(secret) == Array(0..<32))
        #expect(WebhookSecret.problem(secret) == nil)
        #expect(WebhookSecret.problem("whsec_" + Data(Array(0..<8)).base64EncodedString()) != nil)
        #expect(WebhookSecret.problem(String(repeating: "x", count: 40)) != nil)
    }
}
