import RPC

/// Item lists page by insertion order (`items.seq`) of the last item served.
typealias FeedbackPageToken = PageCursor<Int64>
