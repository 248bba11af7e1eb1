import Contracts
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import KLTesting
import Messaging
import PostgresNIO
import ServiceRuntime
import SwiftProtobuf
import Testing

@testable import FollowUp

@Suite("The leader's pages: the chart, its reading, signals, decisions, strata, funnel, values and next steps; 404s; headless Chromium")
struct PageTests {
    /// Runs the service's HTTP routes on a live local port next to the in-process service.
    static func withPages(_ f: FollowUpUnderTest, _ body: @Sendable (_ base: String) async throws -> Void) async throws {
        let environment = Environment(["KL_DATABASE_URL": LocalStack.databaseURL(user: "postgres"), "KL_AMQP_URL": LocalStack.amqpURL(user: "admin")])
        let configuration = try RuntimeConfiguration(service: f.service, defaultHTTPPort: 1, environment: environment)
        let context = try ServiceContext(
            configuration: configuration, database: f.database, schema: f.service, publisher: f.broker,
            consumer: f.broker, logger: LocalStack.logger)
        let router = Router()
        try followUpDefinition(name: f.service, rpcTopology: Topology.exchanges, clock: f.clock).routes(context, router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: LocalStack.logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)")
        }
    }

    static func get(_ url: String) async throws -> (status: Int, type: String, body: String) {
        let out = try await runProcess("/usr/bin/curl", ["-sS", "-o", "-", "-w", "\n%{http_code} %{content_type}", url])
        var lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let last = lines.removeLast().split(separator: " ", maxSplits: 1)
        return (Int(last.first ?? "") ?? 0, last.count > 1 ? String(last[1]) : "", lines.joined(separator: "\n"))
    }

    /// A year of monthly values at u11 and u12 with strata, a jump at u11, a phase break, a
    /// knowledge support adopted by u11, and a next step.
    static func scenario(_ f: FollowUpUnderTest) async throws -> String {
        try await f.smallTree()
        let support = UUID().uuidString.lowercased()
        try await f.publishEvent(
            Kunskapsloop_Catalog_V1_KnowledgeSupportPublished.with {
                $0.knowledgeSupport.id = support
                $0.knowledgeSupport.slug = "hjartsvikt"
                $0.knowledgeSupport.title = "Hjärtsvikt – vårdförlopp"
                $0.knowledgeSupport.version = 1
                $0.knowledgeSupport.status = .published
                $0.knowledgeSupport.kind = .carePathway
                $0.knowledgeSupport.level = .national
                $0.knowledgeSupport.updatedAt = .init(date: Date())
            }, routingKey: "catalog.knowledge_support.published.v1")
        try await f.publishEvent(
            Kunskapsloop_Catalog_V1_AdoptionRecorded.with {
                $0.adoption.knowledgeSupportID = support
                $0.adoption.unit.id = "u11"
                $0.adoption.status = .adopted
                $0.adoption.adoptedOn = .with {
                    $0.year = 2024
                    $0.month = 3
                    $0.day = 1
                }
                $0.adoption.recordedAt = .init(date: Date())
            }, routingKey: "catalog.adoption.recorded.v1")
        try await eventually("the support and adoption in the projection") {
            let adoptions = try await f.count("SELECT count(*) FROM \(unescaped: f.service).catalog_adoptions")
            let supports = try await f.count("SELECT count(*) FROM \(unescaped: f.service).catalog_supports")
            return adoptions == 1 && supports == 1
        }
        try await f.define("hjartsvikt-30d") {
            $0.name = "Andel med uppföljning inom 30 dagar <script>alert(1)</script>"
            $0.definition = "Andel patienter med hjärtsvikt som följts upp inom 30 dagar efter utskrivning."
            $0.target = 0.6
            $0.knowledgeSupportID = support
            $0.strata = [
                .with {
                    $0.code = "kon"
                    $0.name = "Kön"
                    $0.values = [
                        .with {
                            $0.code = "kvinnor"
                            $0.name = "Kvinnor"
                        },
                        .with {
                            $0.code = "man"
                            $0.name = "Män"
                        },
                    ]
                    $0.gapReferenceValue = "man"
                }
            ]
        }
        var rows: [Row] = []
        for k in 0..<13 {
            let (y, m) = month(k)
            let jump = k == 12
            rows.append(ratio("hjartsvikt-30d", "u11", y, m, jump ? 92 : Int64(48 + k % 4), 100))
            rows.append(ratio("hjartsvikt-30d", "u12", y, m, Int64(50 + k % 3), 100))
            rows.append(ratio("hjartsvikt-30d", "u21", y, m, Int64(45 + k % 5), 90))
            rows.append(ratio("hjartsvikt-30d", "u31", y, m, Int64(55 + k % 2), 110))
            rows.append(ratio("hjartsvikt-30d", "u11", y, m, jump ? 48 : Int64(26 + k % 3), 50, stratum: ("kon", "kvinnor")))
            rows.append(ratio("hjartsvikt-30d", "u11", y, m, jump ? 44 : Int64(22 + k % 2), 50, stratum: ("kon", "man")))
        }
        try await f.report(rows)
        _ = try await f.call(
            "RecordDecision",
            Kunskapsloop_Followup_V1_RecordDecisionRequest.with {
                $0.indicatorCode = "hjartsvikt-30d"
                $0.decision.kind = .phaseBreak
                $0.decision.organisation.id = "u12"
                $0.decision.period = .with {
                    $0.granularity = .month
                    $0.year = 2024
                    $0.index = 7
                }
                $0.decision.reason = "Ny rutin för telefonuppföljning"
                $0.decision.label = "Ny rutin"
                $0.actor = "anna@region.se"
            }, returning: Kunskapsloop_Followup_V1_RecordDecisionResponse.self)
        let assessment = try await f.call(
            "CreateAssessment",
            Kunskapsloop_Followup_V1_CreateAssessmentRequest.with {
                $0.templateID = "forbattringskunskap-halsofraemjande"
                $0.organisationID = "u11"
            }, returning: Kunskapsloop_Followup_V1_CreateAssessmentResponse.self
        ).assessment
        _ = try await f.call(
            "FillStatement",
            Kunskapsloop_Followup_V1_FillStatementRequest.with {
                $0.assessmentID = assessment.id
                $0.statementID = "styrgrupp"
                $0.nextStep = .with {
                    $0.action = "Bilda en styrgrupp"
                    $0.responsible.email = "anna@region.se"
                    $0.dueOn = .with {
                        $0.year = 2024
                        $0.month = 1
                        $0.day = 31
                    }
                }
            }, returning: Kunskapsloop_Followup_V1_FillStatementResponse.self)
        return support
    }

    @Test("pages answer with what the leader needs, escape what they show, and say 404 for what does not exist")
    func pages() async throws {
        try await withFollowUp { f in
            _ = try await Self.scenario(f)
            try await Self.withPages(f) { base in
                let page = try await Self.get("\(base)/indicators/hjartsvikt-30d/u11")
                #expect(page.status == 200 && page.type.hasPrefix("text/html"))
                let html = page.body
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert(1)"))
                #expect(html.contains("januari 2025") && html.contains("Utanför styrgränsen") && html.contains("Förbättring"))
                #expect(html.contains("<svg") && html.contains("Värdena bakom diagrammet"))
                #expect(html.components(separatedBy: "<th scope=\"row\">").count - 1 == 13)
                #expect(html.contains("Kvinnor − män") && html.contains("Hjärtsvikt – vårdförlopp") && html.contains("infört 2024-03-01"))
                #expect(html.contains("Bilda en styrgrupp") && html.contains("(försenat)"))
                #expect(!html.contains("Jämförelse med"), "two units are too few to compare")
                let region = try await Self.get("\(base)/indicators/hjartsvikt-30d/R1")
                #expect(region.body.contains("Jämförelse med regionerna") && region.body.contains("summerat från 2 av 2"))
                let u12 = try await Self.get("\(base)/indicators/hjartsvikt-30d/u12")
                #expect(u12.body.contains("Ny rutin för telefonuppföljning") && u12.body.contains("anna@region.se"))
                let gap = try await Self.get("\(base)/indicators/hjartsvikt-30d/u11?stratum=kon:kvinnor&gap=man")
                #expect(gap.status == 200 && gap.body.contains("Kvinnor − män") && gap.body.contains("procentenheter"))
                let svg = try await Self.get("\(base)/charts/hjartsvikt-30d/u11.svg")
                #expect(svg.status == 200 && svg.type.hasPrefix("image/svg+xml") && svg.body.hasPrefix("<svg"))
                let overview = try await Self.get("\(base)/organisations/u11")
                #expect(overview.status == 200 && overview.body.contains("/indicators/hjartsvikt-30d/u11") && overview.body.contains("2024-03-01"))
                #expect(overview.body.contains("förbättringskunskapens regler") && !overview.body.contains("läses med :"))
                try await f.define("tom-indikator")
                for url in [
                    "/indicators/nope/u11", "/indicators/hjartsvikt-30d/nope", "/indicators/tom-indikator/u11", "/organisations/nope",
                    "/charts/hjartsvikt-30d/nope.svg", "/indicators/hjartsvikt-30d/u11?stratum=%3Cb%3E", "/assessments/not-a-uuid",
                ] {
                    let missing = try await Self.get(base + url)
                    #expect(missing.status == 404 && missing.body.contains("<h1>") && !missing.body.contains("<b>"), "\(url)")
                }
            }
        }
    }

    @Test("the page in headless Chromium: it renders, its DOM has the chart, the tables and no injected script")
    func chromium() async throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(chromium != nil, "Debian's chromium is needed (scripts/deps.sh installs it)")
        try await withFollowUp { f in
            _ = try await Self.scenario(f)
            try await Self.withPages(f) { base in
                let png = FileManager.default.temporaryDirectory.appendingPathComponent("followup-page-\(f.service).png").path
                let flags = [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=/tmp/\(f.service)-chromium",
                ]
                let shot = try await runProcess(chromium!, flags + ["--window-size=1100,3400", "--screenshot=\(png)", "\(base)/indicators/hjartsvikt-30d/u11"])
                #expect(shot.status == 0, "\(shot.stderr)")
                let bytes = try #require(FileManager.default.contents(atPath: png))
                #expect(bytes.count > 50_000 && bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
                let dom = try await runProcess(chromium!, flags + ["--dump-dom", "\(base)/indicators/hjartsvikt-30d/u11"])
                #expect(dom.stdout.contains("<svg") && dom.stdout.contains("<table") && dom.stdout.contains("id=\"lasning\""))
                #expect(!dom.stdout.contains("<script"), "the indicator's name stays text")
                #expect(dom.stdout.components(separatedBy: "<svg").count - 1 >= 4, "chart, icons and funnel are inline SVG")
                print("screenshot: \(png)")
                for (name, path) in [("region", "/indicators/hjartsvikt-30d/R1"), ("overview", "/organisations/u11")] {
                    let other = FileManager.default.temporaryDirectory.appendingPathComponent("followup-\(name)-\(f.service).png").path
                    let result = try await runProcess(chromium!, flags + ["--window-size=1100,2400", "--screenshot=\(other)", base + path])
                    #expect(result.status == 0 && (FileManager.default.contents(atPath: other)?.count ?? 0) > 20_000)
                    print("screenshot: \(other)")
                }
            }
        }
    }
}
