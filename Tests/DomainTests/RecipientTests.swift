import Domain
import Foundation
import Testing

@Suite("Recipients: validation and what they subscribe to")
struct RecipientTests {
    static let secret = WebhookSecret.make(Array(repeating: 7, count: 32))

    static func recipient(_ tweak: (inout Recipient) -> Void = { _ in }) -> Recipient {
        var r = Recipient(
            id: "r1", name: "Anna Andersson", email: "anna@regionuppsala.se", role: .verksamhetschef,
            scope: .init(organisationID: "SE-03"), eventKinds: [.signalRaised, .signalClosed], channels: [.email])
        tweak(&r)
        return r
    }

    @Test(arguments: ["anna@regionuppsala.se", "a.b+c@x.example.se", "x_y@sub-domain.se", "O'Brien@example.com"])
    func acceptsAddresses(_ address: String) throws {
        #expect(Recipient.emailProblem(address) == nil)
        _ = try Self.recipient { $0.email = address }.validated()
    }

    @Test(arguments: [
        "", "anna", "anna@", "@x.se", "anna@x", "an na@x.se", "anna@@x.se", "anna@x..se", "anna@-x.se", "anna@x-.se",
        ".anna@x.se", "anna.@x.se", "an..na@x.se", "anna@x.se\nBcc: evil@x.se", "änna@x.se", "anna@exämple.se", "a@b@c.se",
        String(repeating: "a", count: 65) + "@x.se", "anna@" + String(repeating: "x", count: 64) + ".se",
    ])
    func refusesAddresses(_ address: String) {
        #expect(Recipient.emailProblem(address) != nil)
        #expect(throws: RecipientError.self) { try Self.recipient { $0.email = address }.validated() }
        do {
            _ = try Self.recipient { $0.email = address }.validated()
        } catch {
            #expect(error.field == "email")
        }
    }

    @Test(arguments: ["https://hooks.example.se/kl", "http://127.0.0.1:8080/x?y=1", "HTTPS://Example.se"])
    func acceptsWebhookURLs(_ url: String) throws {
        let r = try Self.recipient {
            $0.channels = [.webhook]
            $0.webhook = .init(url: url, secret: Self.secret)
        }.validated()
        #expect(r.webhook?.url == url)
    }

    @Test(arguments: [
        ("ftp://x.se/a", "ftp"), ("file:///etc/passwd", "file"), ("javascript:alert(1)", "javascript"),
        ("https://", "host"), ("not a url", "URL"), ("https://user:pw@x.se/", "password"), ("", "URL"),
    ])
    func refusesWebhookURLs(_ url: String, _ says: String) {
        do {
            _ = try Self.recipient {
                $0.channels = [.webhook]
                $0.webhook = .init(url: url, secret: Self.secret)
            }.validated()
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.field == "webhook.url")
            #expect(error.message.contains(says))
        }
    }

    @Test func webhookNeedsEndpointAndGoodSecret() {
        #expect(throws: RecipientError(field: "webhook", "the webhook channel needs a webhook endpoint (url and secret)")) {
            try Self.recipient { $0.channels = [.webhook] }.validated()
        }
        for bad in ["short", "whsec_!!!", "whsec_" + Data([1, 2, 3]).base64EncodedString()] {
            do {
                _ = try Self.recipient {
                    $0.channels = [.webhook]
                    $0.webhook = .init(url: "https://x.se", secret: bad)
                }.validated()
                Issue.record("accepted secret \(bad)")
            } catch {
                #expect(error.field == "webhook.secret")
            }
        }
    }

    @Test func otherChecks() {
        func field(_ tweak: (inout Recipient) -> Void) -> String? {
            do {
                _ = try Self.recipient(tweak).validated()
                return nil
            } catch { return error.field }
        }
        #expect(field { $0.name = "  " } == "name")
        #expect(field { $0.channels = [] } == "channels")
        #expect(field { $0.role = .other } == "role_title")
        #expect(
            field {
                $0.role = .other
                $0.roleTitle = "Kvalitetsutvecklare"
            } == nil)
        #expect(field { $0.deliveryMode = .dailyDigest(hour: 24) } == "digest_hour")
        #expect(field { $0.deliveryMode = .dailyDigest(hour: 0) } == nil)
        #expect(field { $0.scope = .init(organisationID: " ") } == "organisation_scope.organisation_id")
        #expect(field { $0.webhook = .init(url: "https://x.se", secret: nil) } == "webhook")
    }

    @Test func validationTrimsAndDeduplicates() throws {
        let r = try Self.recipient {
            $0.name = " Anna "
            $0.channels = [.email, .email, .inApp]
            $0.programmeAreaIDs = ["a", " a", "", "b"]
        }
        .validated()
        #expect(r.name == "Anna")
        #expect(r.channels == [.email, .inApp])
        #expect(r.programmeAreaIDs == ["a", "b"])
    }

    // MARK: Matching

    static func event(
        _ kind: NotificationEvent.Kind = .signalRaised, organisation: String? = "AKAD", area: String? = nil,
        severity: NotificationEvent.Severity = .critical, direction: NotificationEvent.Direction? = .deterioration,
        app: String? = nil, responsible: String? = nil
    ) -> NotificationEvent {
        NotificationEvent(
            kind: kind, sourceMessageID: "m1", subjectID: "s1", organisationID: organisation, programmeAreaID: area,
            severity: severity, direction: direction, sourceAppID: app, responsibleEmail: responsible, occurredAt: Date())
    }

    static let akadAncestors = ["SE", "SVR-MELLAN", "SE-03"]

    @Test func scopeCoversTheOrganisationAndWhatLiesBelow() {
        let unitLeader = Self.recipient { $0.scope = .init(organisationID: "AKAD") }
        let director = Self.recipient { $0.scope = .init(organisationID: "SE-03") }
        let healthcareRegion = Self.recipient { $0.scope = .init(organisationID: "SVR-MELLAN") }
        let nation = Self.recipient { $0.scope = nil }
        let otherRegion = Self.recipient { $0.scope = .init(organisationID: "SE-04") }
        let regionOnly = Self.recipient { $0.scope = .init(organisationID: "SE-03", includesDescendants: false) }
        let e = Self.event()
        #expect(unitLeader.wants(e, ancestorIDs: Self.akadAncestors))
        #expect(director.wants(e, ancestorIDs: Self.akadAncestors))
        #expect(healthcareRegion.wants(e, ancestorIDs: Self.akadAncestors))
        #expect(nation.wants(e, ancestorIDs: Self.akadAncestors))
        #expect(!otherRegion.wants(e, ancestorIDs: Self.akadAncestors))
        #expect(!regionOnly.wants(e, ancestorIDs: Self.akadAncestors))
        #expect(regionOnly.wants(Self.event(organisation: "SE-03"), ancestorIDs: ["SE", "SVR-MELLAN"]))
        // The projection's ancestors decide, not a look-alike id.
        #expect(!director.wants(e, ancestorIDs: ["SE", "SVR-MELLAN", "SE-04"]))
    }

    @Test func programmeAreasSeverityDirectionAndKinds() {
        let npo = Self.recipient {
            $0.scope = nil
            $0.programmeAreaIDs = ["npo-hjarta"]
        }
        #expect(npo.wants(Self.event(area: "npo-hjarta"), ancestorIDs: []))
        #expect(!npo.wants(Self.event(area: "npo-lung"), ancestorIDs: []))
        #expect(!npo.wants(Self.event(area: nil), ancestorIDs: []))
        let critical = Self.recipient {
            $0.scope = nil
            $0.minimumSeverity = .critical
        }
        #expect(critical.wants(Self.event(severity: .critical), ancestorIDs: []))
        #expect(!critical.wants(Self.event(severity: .warning), ancestorIDs: []))
        let deteriorations = Self.recipient { $0.scope = nil }
        #expect(!deteriorations.wants(Self.event(severity: .info, direction: .improvement), ancestorIDs: []))
        #expect(deteriorations.wants(Self.event(severity: .warning, direction: .neither), ancestorIDs: []))
        let all = Self.recipient {
            $0.scope = nil
            $0.directionFilter = .all
        }
        #expect(all.wants(Self.event(severity: .info, direction: .improvement), ancestorIDs: []))
        #expect(!deteriorations.wants(Self.event(.reviewDue, severity: .info, direction: nil), ancestorIDs: []))
        var inactive = deteriorations
        inactive.active = false
        #expect(!inactive.wants(Self.event(), ancestorIDs: []))
    }

    @Test func overdueStepsReachTheirResponsibleLeaderWhateverTheySubscribe() {
        let leader = Self.recipient {
            $0.eventKinds = []
            $0.scope = .init(organisationID: "SE-04")
            $0.email = "Leader@X.se"
        }
        #expect(leader.wants(Self.event(.nextStepOverdue, severity: .warning, direction: nil, responsible: "leader@x.se"), ancestorIDs: Self.akadAncestors))
        #expect(!leader.wants(Self.event(.nextStepOverdue, severity: .warning, direction: nil, responsible: "other@x.se"), ancestorIDs: Self.akadAncestors))
    }

    @Test func feedbackRejectionsGoBySendingSystem() {
        let operatorOf1177 = Self.recipient {
            $0.eventKinds = [.feedbackRejected]
            $0.sourceAppIDs = ["1177-web"]
            $0.scope = .init(organisationID: "SE-04")
        }
        #expect(operatorOf1177.wants(Self.event(.feedbackRejected, organisation: nil, severity: .warning, direction: nil, app: "1177-web"), ancestorIDs: []))
        #expect(!operatorOf1177.wants(Self.event(.feedbackRejected, organisation: nil, severity: .warning, direction: nil, app: "other"), ancestorIDs: []))
        let anyApp = Self.recipient { $0.eventKinds = [.feedbackRejected] }
        #expect(anyApp.wants(Self.event(.feedbackRejected, organisation: nil, severity: .warning, direction: nil, app: "x"), ancestorIDs: []))
    }
}
