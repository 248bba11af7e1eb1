import Hummingbird
import HummingbirdTesting
import KLTesting
import Logging
import Messaging
import Prometheus
import Storage
import Synchronization
import Testing

@testable import ServiceRuntime

/// `/healthz`, `/readyz` and `/metrics`, in process, on a real database.
@Suite("Health routes")
struct HealthRoutesTests {
    /// A part whose problem the test sets.
    final class Part: ReadinessReporting {
        let problem = Mutex<String?>(nil)
        var readinessProblem: String? { problem.withLock { $0 } }
    }

    @Test func readinessSaysWhatIsMissingAndMetricsAreText() async throws {
        try await withScratchSchema { db, schema in
            let database = try Database(client: db, schema: schema, logger: LocalStack.logger)
            let part = Part()
            let readiness = Readiness(database: database, parts: [part])
            let registry = PrometheusCollectorRegistry()
            registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "kl", metricName: "test", unitName: "total", helpText: "a test counter"))
                .increment(by: Int64(3))
            let app = Application(router: HealthServer.router(readiness: readiness, registry: registry, logger: LocalStack.logger))
            try await app.test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(String(buffer: response.body).contains("starting up"))
                }
                readiness.markStarted()
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == "ready\n")
                }
                part.problem.withLock { $0 = "consumer of q: database unavailable since then" }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(String(buffer: response.body).contains("- consumer of q: database unavailable since then"))
                }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                    #expect(String(buffer: response.body).contains("kl_test_total 3"))
                }
            }
        }
    }
}
