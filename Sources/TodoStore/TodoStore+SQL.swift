import PostgresClient

extension TodoStore {
    /// Every statement of the product, with its parameter and row types. Parameters bind in binary format,
    /// rows are read by column name and type; `StatementTests` checks each against the migrated schema.
    public enum SQL {
        /// Every statement the server runs, for `todo-api statements` (and so for `EXPLAIN` and pgbench).
        public static var all: [PGStatementInfo] {
            [
                ping.info, insertUser.info, userByEmail.info, userByToken.info, setPasswordHash.info, revokeTokens.info, changePassword.info,
                listTasks.info, insertTask.info, insertTaskIdempotent.info, task.info, updateTask.info, toggleTask.info,
                deleteTask.info, expireIdempotencyKeys.info,
            ]
        }

        public static let ping = PGQuery<PGNoRow>("ping", "SELECT")

        public static let insertUser = PGQuery<UserRecord, String, String?, String>(
            "insert_user",
            """
            INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
            ON CONFLICT ((lower(email))) DO NOTHING RETURNING \(UserRecord.selectList)
            """)
        public static let userByEmail = PGQuery<UserRecord, String>(
            "user_by_email",
            """
            SELECT \(UserRecord.selectList) FROM users WHERE lower(email) = lower($1)
            """)
        /// $1 user, $2 the token's version: no row when the user is gone or the token revoked.
        public static let userByToken = PGQuery<UserRecord, Int, Int>(
            "user_by_token",
            """
            SELECT \(UserRecord.selectList) FROM users WHERE id = $1 AND token_version = $2
            """)
        public static let setPasswordHash = PGQuery<PGNoRow, Int, String>("set_password_hash", "UPDATE users SET password_hash = $2 WHERE id = $1")
        /// $1 user, $2 the token's version: revokes that token and every other one issued before.
        public static let revokeTokens = PGQuery<UserRecord, Int, Int>(
            "revoke_tokens",
            """
            UPDATE users SET token_version = token_version + 1 WHERE id = $1 AND token_version = $2
            RETURNING \(UserRecord.selectList)
            """)
        /// $1 user, $2 the token's version, $3 the new hash, $4 the hash the current password was checked
        /// against (a concurrent change in between makes this a no-op, not a lost update).
        public static let changePassword = PGQuery<UserRecord, Int, Int, String, String>(
            "change_password",
            """
            UPDATE users SET password_hash = $3, token_version = token_version + 1
            WHERE id = $1 AND token_version = $2 AND password_hash = $4
            RETURNING \(UserRecord.selectList)
            """)

        /// $1 user, $2 completed filter (NULL: all), $3 limit, $4 offset, $5 token version. The count is taken
        /// over all pages.
        ///
        /// The subqueries filter on `$1` itself, not on `u.id`: the planner then sees the user in each
        /// execution's plan and estimates its tasks from the statistics. Through `u.id` it could only guess
        /// rows/users, and once one user owned most tasks it counted every user's tasks with a sequential scan of
        /// the table (lists fell from ~4,400 to ~950 requests/s for everyone).
        public static let listTasks = PGQuery<TaskPageRow, Int, Bool?, Int, Int, Int>(
            "list_tasks",
            """
            SELECT c.total, \(TaskRecord.selectList("t")) FROM users u
            CROSS JOIN LATERAL (
                SELECT count(*) AS total FROM tasks WHERE user_id = $1 AND ($2::boolean IS NULL OR completed = $2)
            ) c
            LEFT JOIN LATERAL (
                SELECT * FROM tasks WHERE user_id = $1 AND ($2::boolean IS NULL OR completed = $2)
                ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4
            ) t ON true
            WHERE u.id = $1 AND u.token_version = $5
            ORDER BY t.created_at DESC, t.id DESC
            """)
        /// $1 user, $2 title, $3 description, $4 token version. No row: the user is gone or the token revoked.
        public static let insertTask = PGQuery<TaskRecord, Int, String, String?, Int>(
            "insert_task",
            """
            INSERT INTO tasks (user_id, title, description) SELECT u.id, $2, $3 FROM users u WHERE u.id = $1 AND u.token_version = $4
            RETURNING \(TaskRecord.selectList("tasks"))
            """)
        /// $1 user, $2 title, $3 description, $4 token version, $5 idempotency key, $6 request fingerprint.
        /// Either inserts the task and records it under the key, or, when the key is known, answers the task it
        /// recorded (`replayed`). Two requests with one key at once: the second fails on the primary key
        /// (23505), and its insert is undone with it. No row: the user is gone or the token revoked.
        public static let insertTaskIdempotent = PGQuery<IdempotentCreateRow, Int, String, String?, Int, String, String>(
            "insert_task_idempotent",
            """
            WITH owner AS (SELECT id FROM users WHERE id = $1 AND token_version = $4),
            prior AS (SELECT k.* FROM idempotency_keys k JOIN owner o ON k.user_id = o.id WHERE k.key = $5),
            created AS (
                INSERT INTO tasks (user_id, title, description)
                SELECT o.id, $2, $3 FROM owner o WHERE NOT EXISTS (SELECT 1 FROM prior)
                RETURNING *
            ),
            recorded AS (
                INSERT INTO idempotency_keys (user_id, key, fingerprint, task_id, title, description, completed, created_at, updated_at)
                SELECT user_id, $5, $6, id, title, description, completed, created_at, updated_at FROM created
            )
            SELECT false AS replayed, NULL::text AS fingerprint, true AS task_exists, \(TaskRecord.selectList("c")) FROM created c
            UNION ALL
            SELECT true, p.fingerprint, EXISTS (SELECT 1 FROM tasks t WHERE t.id = p.task_id),
                   p.task_id, p.title, p.description, p.completed, p.created_at, p.updated_at
            FROM prior p
            """)
        /// Keys are kept 24 hours; this runs periodically.
        public static let expireIdempotencyKeys = PGQuery<PGNoRow>(
            "expire_idempotency_keys",
            """
            DELETE FROM idempotency_keys WHERE recorded_at < now() - interval '24 hours'
            """)
        /// $1 user, $2 task, $3 token version.
        public static let task = PGQuery<TaskLookup, Int, Int, Int>(
            "task",
            """
            SELECT \(TaskRecord.selectList("t")) FROM users u LEFT JOIN tasks t ON t.user_id = u.id AND t.id = $2
            WHERE u.id = $1 AND u.token_version = $3
            """)
        /// $1 user, $2 task, $3 title (NULL: keep), $4 whether to set the description, $5 description,
        /// $6 completed (NULL: keep), $7 token version.
        public static let updateTask = PGQuery<TaskLookup, Int, Int, String?, Bool, String?, Bool?, Int>(
            "update_task",
            """
            WITH changed AS (
                UPDATE tasks SET
                    title = COALESCE($3, title),
                    description = CASE WHEN $4 THEN $5 ELSE description END,
                    completed = COALESCE($6, completed),
                    updated_at = clock_timestamp()
                WHERE id = $2 AND user_id = $1 AND EXISTS (SELECT 1 FROM users WHERE id = $1 AND token_version = $7)
                RETURNING *
            )
            SELECT \(TaskRecord.selectList("t")) FROM users u LEFT JOIN changed t ON true WHERE u.id = $1 AND u.token_version = $7
            """)
        /// $1 user, $2 task, $3 token version.
        public static let toggleTask = PGQuery<TaskLookup, Int, Int, Int>(
            "toggle_task",
            """
            WITH changed AS (
                UPDATE tasks SET completed = NOT completed, updated_at = clock_timestamp()
                WHERE id = $2 AND user_id = $1 AND EXISTS (SELECT 1 FROM users WHERE id = $1 AND token_version = $3)
                RETURNING *
            )
            SELECT \(TaskRecord.selectList("t")) FROM users u LEFT JOIN changed t ON true WHERE u.id = $1 AND u.token_version = $3
            """)
        /// $1 user, $2 task, $3 token version. `id` is NULL when nothing was deleted.
        public static let deleteTask = PGQuery<DeletedTask, Int, Int, Int>(
            "delete_task",
            """
            WITH gone AS (
                DELETE FROM tasks WHERE id = $2 AND user_id = $1 AND EXISTS (SELECT 1 FROM users WHERE id = $1 AND token_version = $3)
                RETURNING id
            )
            SELECT g.id FROM users u LEFT JOIN gone g ON true WHERE u.id = $1 AND u.token_version = $3
            """)
    }
}

/// The id of a deleted task, or nil when there was none to delete.
public struct DeletedTask: PGRowDecodable {
    public var id: Int?
    public static var columns: [(name: String, type: PGType)] { [("id", .int8)] }
    public init(row: PGRow) throws(PGError) { id = try row.decode("id") }
}
