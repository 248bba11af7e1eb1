import Messaging
import ServiceRuntime

/// The feedback service. Its features arrive with their own issues; today it runs the shared
/// kernel: migrations, topology, outbox relay and the health endpoints on port 8082.
@main
struct FeedbackApp {
    static func main() async {
        await ServiceMain.run(ServiceDefinition(
            name: "feedback",
            defaultHTTPPort: 8082,
            topology: Topology.kunskapsloop.owned(by: "feedback")
        ))
    }
}
