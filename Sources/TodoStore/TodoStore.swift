import Foundation
import PostgresClient

/// The product's data access: every statement parameterised, one round trip per operation, and every task
/// statement scoped by `user_id`, so one user can never reach another's rows.
public struct TodoStore: Sendable {
    public let pool: PGPool

    public init(pool: PGPool) {
        self.pool = pool
    }

    enum SQL {
        static let insertUser = PGStatement("insert_user", """
            INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
            ON CONFLICT ((lower(email))) DO NOTHING RETURNING \(UserRecord.columns)
            """)
        static let userByEmail = PGStatement("user_by_email", "SELECT \(UserRecord.columns) FROM users WHERE lower(email) = lower($1)")
        static let userById = PGStatement("user_by_id", "SELECT \(UserRecord.columns) FROM users WHERE id = $1")
        static let setPasswordHash = PGStatement("set_password_hash", "UPDATE users SET password_hash = $2 WHERE id = $1")
        static let listTasks = PGStatement("list_tasks", """
            SELECT \(TaskRecord.columns), count(*) OVER () FROM tasks
            WHERE user_id = $1 AND ($2::boolean IS NULL OR completed = $2)
            ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4
            """)
        static let countTasks = PGStatement("count_tasks", """
            SELECT count(*) FROM tasks WHERE user_id = $1 AND ($2::boolean IS NULL OR completed = $2)
            """)
        static let insertTask = PGStatement("insert_task", """
            INSERT INTO tasks (user_id, title, description) VALUES ($1, $2, $3) RETURNING \(TaskRecord.columns)
            """)
        static let task = PGStatement("task", "SELECT \(TaskRecord.columns) FROM tasks WHERE id = $1 AND user_id = $2")
        static let updateTask = PGStatement("update_task", """
            UPDATE tasks SET
                title = COALESCE($3, title),
                description = CASE WHEN $4::boolean THEN $5 ELSE description END,
                completed = COALESCE($6::boolean, completed),
                updated_at = clock_timestamp()
            WHERE id = $1 AND user_id = $2 RETURNING \(TaskRecord.columns)
            """)
        static let toggleTask = PGStatement("toggle_task", """
            UPDATE tasks SET completed = NOT completed, updated_at = clock_timestamp()
            WHERE id = $1 AND user_id = $2 RETURNING \(TaskRecord.columns)
            """)
        static let deleteTask = PGStatement("delete_task", "DELETE FROM tasks WHERE id = $1 AND user_id = $2 RETURNING id")
    }

    // MARK: Users

    /// The new user, or nil when the email (compared case-insensitively) is taken.
    public func createUser(email: String, name: String?, passwordHash: String) async throws -> UserRecord? {
        try await pool.withConnection { db in
            try db.query(SQL.insertUser, [email, name, passwordHash]).first.map { row throws(PGError) in try UserRecord(row) }
        }
    }

    public func user(email: String) async throws -> UserRecord? {
        try await pool.withConnection { db in
            try db.query(SQL.userByEmail, [email]).first.map { row throws(PGError) in try UserRecord(row) }
        }
    }

    public func user(id: Int) async throws -> UserRecord? {
        try await pool.withConnection { db in
            try db.query(SQL.userById, [String(id)]).first.map { row throws(PGError) in try UserRecord(row) }
        }
    }

    public func setPasswordHash(userId: Int, _ hash: String) async throws {
        _ = try await pool.withConnection { db in try db.query(SQL.setPasswordHash, [String(userId), hash]).rows.count }
    }

    // MARK: Tasks

    /// One page, newest first, and how many tasks match over all pages.
    public func tasks(userId: Int, completed: Bool?, limit: Int, offset: Int) async throws -> (tasks: [TaskRecord], total: Int) {
        try await pool.withConnection { db in
            let filter = completed.map { $0 ? "true" : "false" }
            let rows = try db.query(SQL.listTasks, [String(userId), filter, String(limit), String(offset)]).rows
            let tasks = try rows.map { row throws(PGError) in try TaskRecord(row) }
            if let first = rows.first { return (tasks, try first.int(6)) }
            let total = try db.query(SQL.countTasks, [String(userId), filter]).first?.int(0) ?? 0
            return (tasks, total)
        }
    }

    public func createTask(userId: Int, title: String, description: String?) async throws -> TaskRecord {
        try await pool.withConnection { db in
            guard let row = try db.query(SQL.insertTask, [String(userId), title, description]).first else {
                throw PGError(.decode, message: "INSERT returned no row")
            }
            return try TaskRecord(row)
        }
    }

    public func task(id: Int, userId: Int) async throws -> TaskRecord? {
        try await pool.withConnection { db in
            try db.query(SQL.task, [String(id), String(userId)]).first.map { row throws(PGError) in try TaskRecord(row) }
        }
    }

    /// Changes only what is given; nil when the task is not this user's.
    public func updateTask(id: Int, userId: Int, title: String?, description: DescriptionChange, completed: Bool?) async throws -> TaskRecord? {
        var setDescription = "false"
        var newDescription: String?
        if case .set(let value) = description {
            setDescription = "true"
            newDescription = value
        }
        let parameters = [String(id), String(userId), title, setDescription, newDescription, completed.map { $0 ? "true" : "false" }]
        return try await pool.withConnection { db in
            try db.query(SQL.updateTask, parameters).first.map { row throws(PGError) in try TaskRecord(row) }
        }
    }

    public func toggleTask(id: Int, userId: Int) async throws -> TaskRecord? {
        try await pool.withConnection { db in
            try db.query(SQL.toggleTask, [String(id), String(userId)]).first.map { row throws(PGError) in try TaskRecord(row) }
        }
    }

    /// True when a task was deleted.
    public func deleteTask(id: Int, userId: Int) async throws -> Bool {
        try await pool.withConnection { db in
            !(try db.query(SQL.deleteTask, [String(id), String(userId)]).rows.isEmpty)
        }
    }
}
