/// The logging metadata keys of the suite, in one place: JSON log lines carry them as fields.
public enum LogKey {
    /// The message being handled (its AMQP `message_id`, or the inbox key).
    public static let messageID = "message_id"
    /// The W3C `traceparent` of the message being handled.
    public static let traceID = "trace_id"
    /// The queue a consumer takes from.
    public static let queue = "queue"
    /// A batch's size, on lines about a whole batch.
    public static let batchSize = "batch_size"
    /// The RPC method (`catalog.GetKnowledgeSupport`).
    public static let rpcMethod = "rpc_method"
    /// A scheduled job's name.
    public static let job = "job"
    /// The schema a storage part works in.
    public static let schema = "schema"
    /// The AMQP connection's name.
    public static let connection = "amqp_connection"
    /// An error's details.
    public static let error = "error"
}
