import Catalog
import ServiceRuntime

/// The catalog service: organisations, programme areas and the knowledge-support catalog, on
/// port 8081 by default.
@main
struct CatalogApp {
    static func main() async {
        let configuration = ServiceMain.settings(program: "catalog-service") { () throws(ConfigurationError) in
            try CatalogConfiguration(environment: Environment())
        }
        await ServiceMain.run(CatalogDefinition.make(configuration: configuration))
    }
}
