import ArgumentParser

/// `kl`: the command line of Kunskapsloop for editors, leaders and operators.
@main
struct KL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kl",
        abstract: "Talk to the Kunskapsloop services over RabbitMQ.",
        discussion: """
            `kl catalog …` keeps the catalog, `kl followup …` follows up results, `kl notify …` keeps recipients and shows deliveries and the in-app inbox. Every service method is reachable with `kl call SERVICE.METHOD JSON`; `kl methods` lists them.
            Global options: --amqp-url (or KL_AMQP_URL), --timeout, --output json|table.
            """,
        subcommands: [CatalogCommand.self, FeedbackCommand.self, FollowUpCommand.self, NotifyCommand.self, Call.self, Methods.self])
}
