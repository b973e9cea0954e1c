import Foundation
import PostgresClient

public struct UserRecord: Sendable, Equatable {
    public var id: Int
    public var email: String
    public var name: String?
    public var passwordHash: String
    public var createdAt: Date
    /// Raised by logout and password change; a token carrying an older version is refused.
    public var tokenVersion: Int
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

extension UserRecord: PGRowDecodable {
    static let selectList = "id, email, name, password_hash, created_at, token_version"

    public static var columns: [(name: String, type: PGType)] {
        [("id", .int8), ("email", .text), ("name", .text), ("password_hash", .text), ("created_at", .timestamptz), ("token_version", .int8)]
    }

    public init(row: PGRow) throws(PGError) {
        self.init(
            id: try row.decode("id"), email: try row.decode("email"), name: try row.decode("name"),
            passwordHash: try row.decode("password_hash"), createdAt: try row.decode("created_at"),
            tokenVersion: try row.decode("token_version"))
    }
}

extension TaskRecord: PGRowDecodable {
    /// The task columns, qualified by `table`.
    static func selectList(_ table: String) -> String {
        ["id", "title", "description", "completed", "created_at", "updated_at"].map { "\(table).\($0)" }.joined(separator: ", ")
    }

    public static var columns: [(name: String, type: PGType)] {
        [("id", .int8), ("title", .text), ("description", .text), ("completed", .bool), ("created_at", .timestamptz), ("updated_at", .timestamptz)]
    }

    public init(row: PGRow) throws(PGError) {
        self.init(
            id: try row.decode("id"), title: try row.decode("title"), description: try row.decode("description"),
            completed: try row.decode("completed"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}

/// A task statement's answer, with the token's user checked in the same statement: no row at all means the
/// user is gone (a 401), a row of NULL task columns means no such task of this user (a 404).
public struct TaskLookup: PGRowDecodable {
    public var task: TaskRecord?

    public static var columns: [(name: String, type: PGType)] { TaskRecord.columns }

    public init(row: PGRow) throws(PGError) {
        task = try row.isNull("id") ? nil : TaskRecord(row: row)
    }
}

/// One row of a page of tasks: the count over all pages, and a task (NULL columns when the page is empty).
public struct TaskPageRow: PGRowDecodable {
    public var total: Int
    public var task: TaskRecord?

    public static var columns: [(name: String, type: PGType)] { [("total", .int8)] + TaskRecord.columns }

    public init(row: PGRow) throws(PGError) {
        total = try row.decode("total")
        task = try row.isNull("id") ? nil : TaskRecord(row: row)
    }
}

/// The answer of a create with an idempotency key: the new task, or the one an earlier request with the same
/// key created (`replayed`, with that request's fingerprint to compare).
public struct IdempotentCreateRow: PGRowDecodable {
    public var replayed: Bool
    public var fingerprint: String?
    /// Whether the task still exists (a replayed one may have been deleted since).
    public var taskExists: Bool
    public var task: TaskRecord

    public static var columns: [(name: String, type: PGType)] {
        [("replayed", .bool), ("fingerprint", .text), ("task_exists", .bool)] + TaskRecord.columns
    }

    public init(row: PGRow) throws(PGError) {
        replayed = try row.decode("replayed")
        fingerprint = try row.decode("fingerprint")
        taskExists = try row.decode("task_exists")
        task = try TaskRecord(row: row)
    }
}
