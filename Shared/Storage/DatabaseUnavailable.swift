import PostgresNIO
// PostgresClient throws the pool's own errors (circuit breaker, shut down) as they are.
import _ConnectionPoolModule

/// Whether `error` says the database is away (connection lost or refused, the server shutting
/// down, the pool unable to connect) rather than that a statement failed. Work that fails this
/// way is held and tried again; anything else counts against the message or request.
public func isDatabaseUnavailable(_ error: any Error) -> Bool {
    if let tx = error as? PostgresTransactionError {
        return [tx.beginError, tx.closureError, tx.commitError].contains { $0.map(isDatabaseUnavailable) ?? false }
    }
    if let storage = error as? StorageError { return storage.code == .connectionLost }
    if error is ConnectionPoolError { return true }
    guard let psql = error as? PSQLError else { return false }
    switch psql.code {
    case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed:
        return true
    default:
        // Only the server's own "connection exception" (08…) and "shutting down / not accepting
        // connections" (57P…) mean it is away. Anything else (a failed statement, a decoding
        // error in a handler) counts against the message, so the delivery limit can end it.
        let state = psql.sqlState ?? ""
        return state.hasPrefix("08") || state.hasPrefix("57P")
    }
}
