import Foundation
import PostgresClient

/// The product's data access: typed, parameterised statements, one round trip per operation. Every task
/// statement is scoped by `user_id` and checks in the same statement that the token's user still exists, so
/// one user can never reach another's rows and a deleted user's token gets a 401, not a 404 or a 500.
public struct TodoStore: Sendable {
    public let client: PGClient

    public init(client: PGClient) {
        self.client = client
    }

    // MARK: Users

    /// The new user, or nil when the email (compared case-insensitively) is taken.
    public func createUser(email: String, name: String?, passwordHash: String) async throws -> UserRecord? {
        try await client.execute(SQL.insertUser, email, name, passwordHash).first
    }

    public func user(email: String) async throws -> UserRecord? {
        try await client.execute(SQL.userByEmail, email).first
    }

    public func user(id: Int) async throws -> UserRecord? {
        try await client.execute(SQL.userById, id).first
    }

    public func setPasswordHash(userId: Int, _ hash: String) async throws {
        _ = try await client.execute(SQL.setPasswordHash, userId, hash)
    }

    // MARK: Tasks

    /// One page, newest first, and how many tasks match over all pages.
    public func tasks(userId: Int, completed: Bool?, limit: Int, offset: Int) async throws -> Owned<(tasks: [TaskRecord], total: Int)> {
        let rows = try await client.execute(SQL.listTasks, userId, completed, limit, offset)
        guard let first = rows.first else { return .ownerGone }
        return .found((rows.compactMap(\.task), first.total))
    }

    public func createTask(userId: Int, title: String, description: String?) async throws -> Owned<TaskRecord> {
        do {
            guard let task = try await client.execute(SQL.insertTask, userId, title, description).first else { return .ownerGone }
            return .found(task)
        } catch let error as PGError where error.isForeignKeyViolation {
            // The user was deleted between the statement's check and its insert.
            return .ownerGone
        }
    }

    public func task(id: Int, userId: Int) async throws -> Owned<TaskRecord> {
        Owned(try await client.execute(SQL.task, userId, id))
    }

    /// Changes only what is given.
    public func updateTask(id: Int, userId: Int, title: String?, description: DescriptionChange, completed: Bool?) async throws -> Owned<TaskRecord> {
        var setDescription = false
        var newDescription: String?
        if case .set(let value) = description {
            setDescription = true
            newDescription = value
        }
        return Owned(try await client.execute(SQL.updateTask, userId, id, title, setDescription, newDescription, completed))
    }

    public func toggleTask(id: Int, userId: Int) async throws -> Owned<TaskRecord> {
        Owned(try await client.execute(SQL.toggleTask, userId, id))
    }

    public func deleteTask(id: Int, userId: Int) async throws -> Owned<Void> {
        guard let row = try await client.execute(SQL.deleteTask, userId, id).first else { return .ownerGone }
        return row.id == nil ? .notFound : .found(())
    }
}

/// The answer of a statement scoped to the token's user.
public enum Owned<Value> {
    case found(Value)
    /// No such row of this user (another user's row looks exactly the same).
    case notFound
    /// The token's user no longer exists.
    case ownerGone

    init(_ rows: [TaskLookup]) where Value == TaskRecord {
        guard let row = rows.first else {
            self = .ownerGone
            return
        }
        self = row.task.map(Owned.found) ?? .notFound
    }
}

extension Owned: Sendable where Value: Sendable {}
