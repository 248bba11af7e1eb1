import Contracts
import Foundation
import KLTesting
import Messaging
import RPC
import SwiftProtobuf
import Synchronization
import Testing

@Suite("RPC over the real broker")
struct RPCTests {
    typealias GetRequest = Kunskapsloop_Catalog_V1_GetOrganisationRequest
    typealias GetResponse = Kunskapsloop_Catalog_V1_GetOrganisationResponse
    struct Boom: Error {}
    /// How often each service's handler met a "boom" request.
    static let booms = Mutex<[String: Int]>([:])

    /// A throwaway service `<name>` with its own queue and a few methods.
    static func router(_ service: String) -> RPCRouter {
        var router = RPCRouter(service: service)
        router.register("GetOrganisation") { (request: GetRequest, context) -> GetResponse in
            if request.id == "missing" { throw RPCError.notFound("no organisation \(request.id)", field: "id") }
            if request.id == "boom" {
                booms.withLock { $0[service, default: 0] += 1 }
                throw Boom()
            }
            if request.id == "slow" { try await Task.sleep(for: .seconds(2)) }
            return .with {
                $0.organisation.id = request.id
                $0.organisation.name = "traced: \(context.traceparent ?? "-")"
            }
        }
        return router
    }

    static func withServer(_ body: @Sendable (RPCClient, String) async throws -> Void) async throws {
        let service = LocalStack.uniqueName("rpctest")
        try await withAMQPConnection(user: "admin", name: "rpc-server") { server in
            var topology = Topology.exchanges
            topology.addRPCQueue("\(service).rpc", bindings: [("kl.rpc", "\(service).*")])
            try await server.declare(topology)
            let rpcServer = RPCServer(router: router(service), consumerConnection: server, publisher: server, logger: LocalStack.logger)
            try await whileRunning(rpcServer) {
                try await withAMQPConnection(user: "kl", name: "rpc-client") { clientConnection in
                    let client = RPCClient(connection: clientConnection, appID: "rpc-test", owner: "kl")
                    try await whileRunning(client) { try await body(client, service) }
                }
            }
            try await server.deleteQueue("\(service).rpc")
            try await server.deleteQueue("\(service).rpc.dlq")
        }
    }

    @Test func aRoundTripCarriesTheResponseAndTheTraceContext() async throws {
        try await Self.withServer { client, service in
            let trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            let response = try await client.call(
                "\(service).GetOrganisation", GetRequest.with { $0.id = "SE-12" },
                returning: GetResponse.self, traceparent: trace)
            #expect(response.organisation.id == "SE-12")
            #expect(response.organisation.name == "traced: \(trace)")
            // Many at once, each gets its own answer.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        let r = try await client.call("\(service).GetOrganisation", GetRequest.with { $0.id = "U-\(i)" }, returning: GetResponse.self)
                        #expect(r.organisation.id == "U-\(i)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func handlerErrorsMapToTheirStatusAndUnexpectedOnesToInternal() async throws {
        try await Self.withServer { client, service in
            await #expect(throws: RPCError(.notFound, "no organisation missing", field: "id")) {
                _ = try await client.call("\(service).GetOrganisation", GetRequest.with { $0.id = "missing" }, returning: GetResponse.self)
            }
            do throws(RPCError) {
                _ = try await client.call("\(service).GetOrganisation", GetRequest.with { $0.id = "boom" }, returning: GetResponse.self)
                Issue.record("expected INTERNAL")
            } catch {
                #expect(error.code == .internal)
                #expect(!error.message.contains("Boom"), "internals must not leak: \(error.message)")
            }
        }
    }

    @Test func anUnknownMethodIsUnimplementedAndAnUnknownServiceToo() async throws {
        try await Self.withServer { client, service in
            await #expect { _ = try await client.call("\(service).Nope", GetRequest(), returning: GetResponse.self) } throws: {
                ($0 as? RPCError)?.code == .unimplemented
            }
            await #expect { _ = try await client.call("noservice.Nope", GetRequest(), returning: GetResponse.self) } throws: {
                ($0 as? RPCError)?.code == .unimplemented
            }
        }
    }

    @Test func anUndecodableRequestIsInvalidArgumentAndTheServerLivesOn() async throws {
        try await Self.withServer { client, service in
            // Field 1 of GetOrganisationRequest is a string; these bytes are not valid UTF-8.
            let garbage = Google_Protobuf_BytesValue(Data([0xff, 0xfe, 0xfd]))
            await #expect { _ = try await client.call("\(service).GetOrganisation", garbage, returning: GetResponse.self) } throws: {
                ($0 as? RPCError)?.code == .invalidArgument
            }
            let after = try await client.call("\(service).GetOrganisation", GetRequest.with { $0.id = "ok" }, returning: GetResponse.self)
            #expect(after.organisation.id == "ok")
        }
    }

    @Test func aClientThatCannotReceiveRepliesFailsCallsInsteadOfHanging() async throws {
        let config = try AMQPConfiguration(url: LocalStack.amqpURL(user: "kl", password: "wrong"), connectionName: "rpc-nope")
        let connection = AMQPConnection(configuration: config, logger: LocalStack.logger)
        let client = RPCClient(connection: connection, appID: "rpc-test")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try? await connection.run() }
            group.addTask { try? await client.run() }
            await #expect { _ = try await client.call("catalog.GetOrganisation", GetRequest(), returning: GetResponse.self) } throws: {
                ($0 as? RPCError)?.code == .unavailable
            }
            connection.stop()
            try await group.waitForAll()
        }
    }

    @Test func aSlowHandlerExceedsTheDeadline() async throws {
        try await Self.withServer { client, service in
            await #expect {
                _ = try await client.call(
                    "\(service).GetOrganisation", GetRequest.with { $0.id = "slow" }, returning: GetResponse.self, timeout: .milliseconds(300))
            } throws: { ($0 as? RPCError)?.code == .deadlineExceeded }
        }
    }

    @Test func aCancelledCallerStopsWaitingAtOnce() async throws {
        try await Self.withServer { client, service in
            let call = Task {
                try await client.call(
                    "\(service).GetOrganisation", GetRequest.with { $0.id = "slow" }, returning: GetResponse.self,
                    timeout: .seconds(120))
            }
            try await Task.sleep(for: .milliseconds(100))
            call.cancel()
            // The bound only keeps a broken test from hanging: before, the caller waited out its 120 s.
            let outcome = try await withTimeout(.seconds(20), "the cancelled call to end") { await call.result }
            #expect(throws: RPCError.self) { try outcome.get() }
            #expect((try? outcome.get()) == nil)
            if case .failure(let error as RPCError) = outcome { #expect(error.code == .cancelled) }
        }
    }

    /// The request queue is classic: no delivery limit stops a request that keeps coming back,
    /// so every request must be answered and acked, whatever it holds.
    @Test func poisonRequestsAreAnsweredOnceAndNeverComeBack() async throws {
        try await Self.withServer { client, service in
            let garbage = Google_Protobuf_BytesValue(Data([0xff, 0xfe, 0xfd]))
            await #expect { _ = try await client.call("\(service).GetOrganisation", garbage, returning: GetResponse.self) } throws: {
                ($0 as? RPCError)?.code == .invalidArgument
            }
            await #expect { _ = try await client.call("\(service).GetOrganisation", GetRequest.with { $0.id = "boom" }, returning: GetResponse.self) } throws: {
                ($0 as? RPCError)?.code == .internal
            }
            await #expect { _ = try await client.call("\(service).Nope", GetRequest(), returning: GetResponse.self) } throws: {
                ($0 as? RPCError)?.code == .unimplemented
            }
            // Later requests are answered, and the failing one was handled once: acked with its error
            // reply, not requeued to come round again.
            for i in 0..<20 {
                _ = try await client.call("\(service).GetOrganisation", GetRequest.with { $0.id = "after-\(i)" }, returning: GetResponse.self)
            }
            #expect(Self.booms.withLock { $0[service] } == 1)
        }
    }
}
