import RPC

/// Self-assessments (arrive with their step).
struct AssessmentMethods: Sendable {
    let parts: FollowUpParts
    func register(_ router: inout RPCRouter) {}
}
