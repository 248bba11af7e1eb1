import Catalog
import ServiceRuntime

/// The catalog service: organisations, programme areas and the knowledge-support catalog, on
/// port 8081 by default.
@main
struct CatalogApp {
    static func main() async {
        let settings = ServiceMain.settings(program: "catalog-service") { () throws(ConfigurationError) in
            try CatalogSettings(environment: Environment())
        }
        await ServiceMain.run(CatalogDefinition.make(settings: settings))
    }
}
