import Contracts
import KLTesting
import Messaging
import RPC
import SwiftProtobuf

extension KernelBenchmarks {
    typealias Request = Kunskapsloop_Catalog_V1_GetOrganisationRequest
    typealias Response = Kunskapsloop_Catalog_V1_GetOrganisationResponse

    /// RPC on loopback: latency one call at a time, throughput with 64 callers.
    func rpc() async throws -> [Row] {
        let service = LocalStack.uniqueName("benchrpc")
        return try await withAMQPConnection(user: "admin", name: "bench-rpc-server") { server in
            var topology = Topology.exchanges
            topology.addRPCQueue("\(service).rpc", bindings: [("kl.rpc", "\(service).*")])
            try await server.declare(topology)
            var router = RPCRouter(service: service)
            router.register("GetOrganisation") { (request: Request, _) in Response.with { $0.organisation.id = request.id } }
            let rpcServer = RPCServer(router: router, consumerConnection: server, publisher: server, concurrency: 64, logger: LocalStack.logger)
            let rows = try await whileRunning(rpcServer) {
                try await withAMQPConnection(user: "admin", name: "bench-rpc-client") { connection in
                    let client = RPCClient(connection: connection, appID: "bench")
                    return try await whileRunning(client) { try await measure(client, method: "\(service).GetOrganisation") }
                }
            }
            try await server.deleteQueue("\(service).rpc")
            try await server.deleteQueue("\(service).rpc.dlq")
            return rows
        }
    }

    private func measure(_ client: RPCClient, method: String) async throws -> [Row] {
        let request = Request.with { $0.id = "SE-12" }
        for _ in 0..<500 { _ = try await client.call(method, request, returning: Response.self) }  // warm-up
        let calls = 5000
        var latencies: [Duration] = []
        latencies.reserveCapacity(calls)
        for _ in 0..<calls {
            let t = ContinuousClock.now
            _ = try await client.call(method, request, returning: Response.self)
            latencies.append(.now - t)
        }
        latencies.sort()
        let p50 = millis(percentile(latencies, 0.50))
        let p99 = millis(percentile(latencies, 0.99))
        let total = 20_000
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<64 {
                group.addTask {
                    for _ in stride(from: worker, to: total, by: 64) { _ = try await client.call(method, request, returning: Response.self) }
                }
            }
            try await group.waitForAll()
        }
        return [
            Row(name: "RPC round trip p50 (one caller)", n: calls, value: "\(format(p50, 2)) ms", ratio: "–", target: "", met: ""),
            Row(name: "RPC round trip p99 (one caller)", n: calls, value: "\(format(p99, 2)) ms", ratio: "–", target: "< 2 ms", met: p99 < 2 ? "yes" : "no"),
            Row(name: "RPC requests/s (64 callers)", n: total, value: "\(format(rate(total, .now - start))) req/s", ratio: "–", target: "", met: ""),
        ]
    }
}
