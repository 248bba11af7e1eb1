import FollowUp
import ServiceRuntime

/// The follow-up service, on port 8083 by default.
@main
struct FollowUpApp {
    static func main() async {
        let configuration = ServiceMain.settings(program: "followup-service") { () throws(ConfigurationError) in
            try FollowUpConfiguration(environment: Environment())
        }
        await ServiceMain.run(FollowUpDefinition.make(configuration: configuration))
    }
}
