/// A database failure. Its text is for the log: handlers map it to a status and a generic message.
public struct PGError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not connect, or the connection broke while the statement was in flight: retry later.
        case connection
        /// The server rejected a statement; `sqlState` says why (23505: unique violation, ...).
        case query
        /// A value in a result was not what the statement's reader declared.
        case decode
        /// Too many statements are already waiting: the client sheds load instead of queueing without bound.
        case overloaded
        /// No answer within the statement deadline: the connection is dropped and reopened.
        case timeout
    }

    public var kind: Kind
    public var sqlState: String?
    public var message: String

    public init(_ kind: Kind, sqlState: String? = nil, message: String) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }

    /// The database could not answer now but may soon: a 503 with `Retry-After`, never a 500.
    public var isTransient: Bool {
        switch kind {
        case .connection, .overloaded, .timeout: true
        // 57014: statement timeout or cancel; 57P01-03: the server is shutting down or starting; 53xxx: out
        // of resources; 40001/40P01: serialization failure or deadlock; 08xxx: the connection failed (PgBouncer
        // answers 08P01 "server conn crashed?" when its server connection dies under a statement).
        case .query: sqlState.map { $0.hasPrefix("57") || $0.hasPrefix("53") || $0.hasPrefix("08") || $0 == "40001" || $0 == "40P01" } ?? false
        case .decode: false
        }
    }

    public var description: String {
        "PGError(\(kind)\(sqlState.map { ", sqlstate \($0)" } ?? "")): \(message)"
    }
}
