import Notification
import ServiceRuntime

/// The notification service, on port 8084 by default.
@main
struct NotificationApp {
    static func main() async {
        let configuration = ServiceMain.settings(program: "notification-service") { () throws(ConfigurationError) in
            try NotificationConfiguration(environment: Environment())
        }
        await ServiceMain.run(NotificationDefinition.make(configuration: configuration))
    }
}
