/// A database failure. Its text is for the log: handlers map it to a status and a generic message.
public struct PGError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not connect, or the connection broke: the pool discards the connection.
        case connection
        /// The server rejected a statement; `sqlState` says why (23505: unique violation, ...).
        case query
        /// A value in a result was not what the caller expected.
        case decode
        /// All connections stayed busy for too long.
        case poolTimeout
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

    public var description: String {
        "PGError(\(kind)\(sqlState.map { ", sqlstate \($0)" } ?? "")): \(message)"
    }
}
