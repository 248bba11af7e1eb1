import Foundation

// Kernel benchmarks on the local stack, durability as users run it: persistent messages, quorum
// queues, confirms, PostgreSQL defaults (fsync and synchronous_commit on).
// Usage: KernelBench RAW_PUBLISH RAW_CONSUME RAW_LOOP [N]   (raw figures from amqp_ceiling)

let args = CommandLine.arguments
guard args.count >= 4, let rawPublish = Double(args[1]), let rawConsume = Double(args[2]), let rawLoop = Double(args[3]) else {
    print("usage: KernelBench RAW_PUBLISH RAW_CONSUME RAW_LOOP [N]")
    exit(2)
}
let benchmarks = KernelBenchmarks(
    rawPublish: rawPublish, rawConsume: rawConsume, rawLoop: rawLoop,
    n: args.count > 4 ? Int(args[4]) ?? 100_000 : 100_000)
let rows = try await benchmarks.messaging() + benchmarks.rpc()
printTable("Messaging and storage kernel (200-byte persistent messages, quorum queues, confirms, fsync on)", rows)
