import Feedback
import ServiceRuntime

/// The feedback service: intake of feedback from other systems, its projection of the catalog,
/// summaries per knowledge support and period, and its RPCs, on port 8082 by default.
@main
struct FeedbackApp {
    static func main() async {
        let settings = ServiceMain.settings(program: "feedback-service") { () throws(ConfigurationError) in
            try FeedbackSettings(environment: Environment())
        }
        await ServiceMain.run(FeedbackDefinition.make(settings: settings))
    }
}
