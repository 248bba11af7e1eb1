import Hummingbird

/// The leader's pages (stub).
struct PageRoutes: Sendable {
    let parts: FollowUpParts

    func add(to router: Router<BasicRequestContext>) throws {}
}
