import Messaging
import ServiceRuntime

/// The notification service. Its features arrive with their own issues; today it runs the shared
/// kernel: migrations, topology, outbox relay and the health endpoints on port 8084.
@main
struct NotificationApp {
    static func main() async {
        await ServiceMain.run(ServiceDefinition(
            name: "notification",
            defaultHTTPPort: 8084,
            topology: Topology.kunskapsloop.owned(by: "notification")
        ))
    }
}
