import ArgumentParser
import Foundation

/// Options every `kl` command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("amqp-url"), help: "Broker URL (default: KL_AMQP_URL, else the local stack as user kl).")
    var amqpURL: String = ProcessInfo.processInfo.environment["KL_AMQP_URL"] ?? "amqp://kl:kl@127.0.0.1:5673/kunskapsloop"

    @Option(help: "Seconds to wait for a reply.")
    var timeout: Double = 5

    @Option(help: "json or table.")
    var output: OutputFormat = .table

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case json, table
    }

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    }
}
