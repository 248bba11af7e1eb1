import Feedback
import ServiceRuntime

/// The feedback service: intake of feedback from other systems, its projection of the catalog,
/// summaries per knowledge support and period, and its RPCs, on port 8082 by default.
@main
struct FeedbackApp {
    static func main() async {
        let configuration = ServiceMain.settings(program: "feedback-service") { () throws(ConfigurationError) in
            try FeedbackConfiguration(environment: Environment())
        }
        await ServiceMain.run(FeedbackDefinition.make(configuration: configuration))
    }
}
