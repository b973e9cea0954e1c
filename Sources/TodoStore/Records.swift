import Foundation
import PostgresClient

public struct UserRecord: Sendable, Equatable {
    public var id: Int
    public var email: String
    public var name: String?
    public var passwordHash: String
    public var createdAt: Date
}

public struct TaskRecord: Sendable, Equatable {
    public var id: Int
    public var title: String
    public var description: String?
    public var completed: Bool
    public var createdAt: Date
    public var updatedAt: Date
}

/// How an update treats the description: leave it, or set it (nil clears it).
public enum DescriptionChange: Sendable, Equatable {
    case keep
    case set(String?)
}

extension UserRecord {
    static let columns = "id, email, name, password_hash, (extract(epoch FROM created_at) * 1000000)::bigint"

    init(_ row: PGRow) throws(PGError) {
        self.init(id: try row.int(0), email: try row.string(1), name: row.optionalString(2),
                  passwordHash: try row.string(3), createdAt: try row.date(microseconds: 4))
    }
}

extension TaskRecord {
    static let columns = """
        id, title, description, completed, (extract(epoch FROM created_at) * 1000000)::bigint, \
        (extract(epoch FROM updated_at) * 1000000)::bigint
        """

    init(_ row: PGRow) throws(PGError) {
        self.init(id: try row.int(0), title: try row.string(1), description: row.optionalString(2),
                  completed: try row.bool(3), createdAt: try row.date(microseconds: 4), updatedAt: try row.date(microseconds: 5))
    }
}
