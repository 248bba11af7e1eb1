import Messaging
import ServiceRuntime

/// The followup service. Its features arrive with their own issues; today it runs the shared
/// kernel: migrations, topology, outbox relay and the health endpoints on port 8083.
@main
struct FollowUpApp {
    static func main() async {
        await ServiceMain.run(ServiceDefinition(
            name: "followup",
            defaultHTTPPort: 8083,
            topology: Topology.kunskapsloop.owned(by: "followup")
        ))
    }
}
