/// A failure in the storage layer that says what to do about it. Database errors from
/// postgres-nio (`PSQLError`) pass through unchanged; these are the ones we raise ourselves.
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// `KL_DATABASE_URL` or another setting is malformed.
        public static let invalidConfiguration = Code(name: "invalidConfiguration")
        /// An applied migration's file changed after it ran.
        public static let checksumMismatch = Code(name: "checksumMismatch")
        /// The database has a migration this service does not ship (it is older than the schema).
        public static let unknownMigration = Code(name: "unknownMigration")
        /// A migration file is misnamed, duplicated or unreadable.
        public static let invalidMigration = Code(name: "invalidMigration")
        /// A migration's SQL failed; nothing of it was kept.
        public static let migrationFailed = Code(name: "migrationFailed")
        /// A consumer's handler broke its contract (e.g. answered for the wrong number of messages).
        public static let handlerFailed = Code(name: "handlerFailed")
        /// Another transaction settled the same message at the same moment (a redelivery racing
        /// the first copy): the transaction is rolled back; try it again.
        public static let transactionConflict = Code(name: "transactionConflict")
        /// The database connection closed while work on it was unanswered: try again.
        public static let connectionLost = Code(name: "connectionLost")
        public var description: String { name }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
