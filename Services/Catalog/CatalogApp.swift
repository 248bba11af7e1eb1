import Messaging
import ServiceRuntime

/// The catalog service. Its features arrive with their own issues; today it runs the shared
/// kernel: migrations, topology, outbox relay and the health endpoints on port 8081.
@main
struct CatalogApp {
    static func main() async {
        await ServiceMain.run(ServiceDefinition(
            name: "catalog",
            defaultHTTPPort: 8081,
            topology: Topology.kunskapsloop.owned(by: "catalog")
        ))
    }
}
