import Foundation
import PostgresClient

/// The product's data access: typed, parameterised statements, one round trip per operation. Every task
/// statement is scoped by `user_id` and checks in the same statement that the token's user still exists and
/// that the token was not revoked (its version is the user's current one), so one user can never reach
/// another's rows, and a deleted user's or a revoked token gets a 401, not a 404 or a 500.
public struct TodoStore: Sendable {
    public let client: PGClient

    public init(client: PGClient) {
        self.client = client
    }

    /// Succeeds when the database answers a statement now (readiness).
    public func ping() async throws {
        _ = try await client.execute(SQL.ping)
    }

    // MARK: Users

    /// The new user, or nil when the email (compared case-insensitively) is taken.
    public func createUser(email: String, name: String?, passwordHash: String) async throws -> UserRecord? {
        try await client.execute(SQL.insertUser, email, name, passwordHash).first
    }

    public func user(email: String) async throws -> UserRecord? {
        try await client.execute(SQL.userByEmail, email).first
    }

    /// The token's user, or nil when the user is gone or the token revoked.
    public func user(_ token: TokenOwner) async throws -> UserRecord? {
        try await client.execute(SQL.userByToken, token.userId, token.version).first
    }

    public func setPasswordHash(userId: Int, _ hash: String) async throws {
        _ = try await client.execute(SQL.setPasswordHash, userId, hash)
    }

    /// Revokes `token` and every token of its user issued before; false when it was no longer valid.
    public func revokeTokens(_ token: TokenOwner) async throws -> Bool {
        try await !client.execute(SQL.revokeTokens, token.userId, token.version).isEmpty
    }

    /// Sets the new hash and revokes every earlier token, provided the stored hash is still `checkedHash`;
    /// false when the token was revoked or the password changed meanwhile.
    public func changePassword(_ token: TokenOwner, newHash: String, checkedHash: String) async throws -> Bool {
        try await !client.execute(SQL.changePassword, token.userId, token.version, newHash, checkedHash).isEmpty
    }

    /// Drops idempotency keys older than 24 hours.
    public func expireIdempotencyKeys() async throws {
        _ = try await client.execute(SQL.expireIdempotencyKeys)
    }

    // MARK: Tasks

    /// One page, newest first, and how many tasks match over all pages.
    public func tasks(_ owner: TokenOwner, completed: Bool?, limit: Int, offset: Int) async throws -> Owned<(tasks: [TaskRecord], total: Int)> {
        let rows = try await client.execute(SQL.listTasks, owner.userId, completed, limit, offset, owner.version)
        guard let first = rows.first else { return .ownerGone }
        return .found((rows.compactMap(\.task), first.total))
    }

    public func createTask(_ owner: TokenOwner, title: String, description: String?) async throws -> Owned<TaskRecord> {
        do {
            guard let task = try await client.execute(SQL.insertTask, owner.userId, title, description, owner.version).first else {
                return .ownerGone
            }
            return .found(task)
        } catch let error as PGError where error.isForeignKeyViolation {
            // The user was deleted between the statement's check and its insert.
            return .ownerGone
        }
    }

    /// A create under an idempotency key: the new task, or the one recorded for the key (compare the
    /// fingerprint), or `.inProgress` when another request with the key is being answered right now.
    public func createTask(_ owner: TokenOwner, title: String, description: String?, idempotencyKey: String, fingerprint: String) async throws
        -> Owned<IdempotentCreate>
    {
        do {
            guard
                let row = try await client.execute(
                    SQL.insertTaskIdempotent, owner.userId, title, description, owner.version, idempotencyKey, fingerprint
                ).first
            else {
                return .ownerGone
            }
            if !row.replayed { return .found(.created(row.task)) }
            guard row.fingerprint == fingerprint else { return .found(.keyReused) }
            return .found(row.taskExists ? .replayed(row.task) : .taskDeleted)
        } catch let error as PGError where error.isForeignKeyViolation {
            return .ownerGone
        } catch let error as PGError where error.isUniqueViolation {
            return .found(.inProgress)
        }
    }

    public func task(id: Int, _ owner: TokenOwner) async throws -> Owned<TaskRecord> {
        Owned(try await client.execute(SQL.task, owner.userId, id, owner.version))
    }

    /// Changes only what is given.
    public func updateTask(id: Int, _ owner: TokenOwner, title: String?, description: DescriptionChange, completed: Bool?) async throws -> Owned<
        TaskRecord
    > {
        var setDescription = false
        var newDescription: String?
        if case .set(let value) = description {
            setDescription = true
            newDescription = value
        }
        return Owned(try await client.execute(SQL.updateTask, owner.userId, id, title, setDescription, newDescription, completed, owner.version))
    }

    public func toggleTask(id: Int, _ owner: TokenOwner) async throws -> Owned<TaskRecord> {
        Owned(try await client.execute(SQL.toggleTask, owner.userId, id, owner.version))
    }

    public func deleteTask(id: Int, _ owner: TokenOwner) async throws -> Owned<Void> {
        guard let row = try await client.execute(SQL.deleteTask, owner.userId, id, owner.version).first else { return .ownerGone }
        return row.id == nil ? .notFound : .found(())
    }
}

/// Who a verified token says it is: a user id and the token version it was issued with.
public struct TokenOwner: Sendable, Equatable {
    public var userId: Int
    public var version: Int

    public init(userId: Int, version: Int) {
        self.userId = userId
        self.version = version
    }
}

/// What a create with an idempotency key did.
public enum IdempotentCreate: Sendable {
    /// A new task.
    case created(TaskRecord)
    /// The task an earlier request with the same key and body created.
    case replayed(TaskRecord)
    /// The key was used before with a different body.
    case keyReused
    /// The key's task was deleted since: repeating its creation would contradict what the client sees.
    case taskDeleted
    /// Another request with this key is being answered at this moment.
    case inProgress
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
