import PostgresNIO

extension PSQLError {
    /// The SQLSTATE the server sent, if it sent one.
    public var sqlState: String? { serverInfo?[.sqlState] }
    /// The constraint a violation names, if any.
    public var constraintName: String? { serverInfo?[.constraintName] }
}

/// Whether `error` is a unique violation of `constraint` (e.g. two editors taking one slug).
public func isUniqueViolation(_ error: any Error, constraint: String) -> Bool {
    guard let psql = error as? PSQLError else { return false }
    return psql.sqlState == "23505" && psql.constraintName == constraint
}

/// Whether `error` is a deadlock (40P01) or a serialisation failure (40001): the transaction lost
/// a conflict with another one, and can simply run again.
public func isTransactionConflict(_ error: any Error) -> Bool {
    if let tx = error as? PostgresTransactionError {
        return [tx.beginError, tx.closureError, tx.commitError].contains { $0.map(isTransactionConflict) ?? false }
    }
    if (error as? StorageError)?.code == .transactionConflict { return true }
    let state = (error as? PSQLError)?.sqlState
    return state == "40P01" || state == "40001"
}
