import Hummingbird
import Logging
import Prometheus

/// The HTTP side every service has: `/healthz` (the process lives), `/readyz` (it can work),
/// `/metrics` (Prometheus text). Services may add routes of their own.
enum HealthServer {
    static func router(readiness: Readiness, registry: PrometheusCollectorRegistry, logger: Logger) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ -> Response in
            let problems = await readiness.problems(logger: logger)
            let body = problems.isEmpty ? "ready\n" : "not ready:\n" + problems.map { "- \($0)\n" }.joined()
            return Response(
                status: problems.isEmpty ? .ok : .serviceUnavailable,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return router
    }
}
