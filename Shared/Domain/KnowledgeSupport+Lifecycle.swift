extension KnowledgeSupport {
    /// Where a knowledge support is in its life: draft → published → under review → published … → retired.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Never published; editable.
        case draft
        /// A published version is live and immutable.
        case published
        /// A published version is live and a revision draft is being edited beside it.
        case underReview = "under_review"
        /// Withdrawn for good.
        case retired
    }

    /// What an editor can do to a knowledge support.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// Change the draft (the first draft, or the revision draft while under review).
        case edit
        /// Publish the draft as a new numbered, immutable version.
        case publish
        /// Open a revision draft beside the published version.
        case startRevision = "start_revision"
        /// Withdraw the support.
        case retire
    }
}

extension KnowledgeSupport.Status {
    /// The status after `action`, or a `LifecycleError` naming the state that refuses it.
    public func applying(_ action: KnowledgeSupport.Action) throws(LifecycleError) -> KnowledgeSupport.Status {
        switch (self, action) {
        case (.draft, .edit): return .draft
        case (.draft, .publish): return .published
        case (.draft, .retire): return .retired
        case (.published, .startRevision): return .underReview
        case (.published, .retire): return .retired
        case (.underReview, .edit): return .underReview
        case (.underReview, .publish): return .published
        case (.underReview, .retire): return .retired
        default: throw LifecycleError(state: self, action: action)
        }
    }

    /// Whether `action` is allowed in this state.
    public func allows(_ action: KnowledgeSupport.Action) -> Bool {
        (try? applying(action)) != nil
    }
}

/// An action the knowledge support's current state does not allow.
public struct LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    public let state: KnowledgeSupport.Status
    public let action: KnowledgeSupport.Action

    public init(state: KnowledgeSupport.Status, action: KnowledgeSupport.Action) {
        self.state = state
        self.action = action
    }

    public var description: String {
        switch (state, action) {
        case (.published, .edit):
            "cannot edit: the support is published and its published version is immutable; start a revision first"
        case (.retired, _):
            "cannot \(action.words): the support is retired"
        default:
            "cannot \(action.words) a support that is \(state.words)"
        }
    }
}

extension KnowledgeSupport.Status {
    /// `under review` rather than `under_review`, for messages.
    var words: String { rawValue.split(separator: "_").joined(separator: " ") }
}

extension KnowledgeSupport.Action {
    var words: String { rawValue.split(separator: "_").joined(separator: " ") }
}
