import PostgresClient

extension TodoStore {
    /// Every statement of the product, with its parameter and row types. Parameters bind in binary format,
    /// rows are read by column name and type; `StatementTests` checks each against the migrated schema.
    public enum SQL {
        /// Every statement the server runs, for `todo-api statements` (and so for `EXPLAIN` and pgbench).
        public static var all: [PGStatementInfo] {
            [insertUser.info, userByEmail.info, userById.info, setPasswordHash.info, listTasks.info, insertTask.info,
             task.info, updateTask.info, toggleTask.info, deleteTask.info]
        }

        public static let insertUser = PGQuery<UserRecord, String, String?, String>("insert_user", """
            INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
            ON CONFLICT ((lower(email))) DO NOTHING RETURNING \(UserRecord.selectList)
            """)
        public static let userByEmail = PGQuery<UserRecord, String>("user_by_email", """
            SELECT \(UserRecord.selectList) FROM users WHERE lower(email) = lower($1)
            """)
        public static let userById = PGQuery<UserRecord, Int>("user_by_id", "SELECT \(UserRecord.selectList) FROM users WHERE id = $1")
        public static let setPasswordHash = PGQuery<PGNoRow, Int, String>("set_password_hash", "UPDATE users SET password_hash = $2 WHERE id = $1")

        /// $1 user, $2 completed filter (NULL: all), $3 limit, $4 offset. The count is taken over all pages.
        public static let listTasks = PGQuery<TaskPageRow, Int, Bool?, Int, Int>("list_tasks", """
            SELECT c.total, \(TaskRecord.selectList("t")) FROM users u
            CROSS JOIN LATERAL (
                SELECT count(*) AS total FROM tasks WHERE user_id = u.id AND ($2::boolean IS NULL OR completed = $2)
            ) c
            LEFT JOIN LATERAL (
                SELECT * FROM tasks WHERE user_id = u.id AND ($2::boolean IS NULL OR completed = $2)
                ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4
            ) t ON true
            WHERE u.id = $1
            ORDER BY t.created_at DESC, t.id DESC
            """)
        /// $1 user, $2 title, $3 description. No row: the user is gone.
        public static let insertTask = PGQuery<TaskRecord, Int, String, String?>("insert_task", """
            INSERT INTO tasks (user_id, title, description) SELECT u.id, $2, $3 FROM users u WHERE u.id = $1
            RETURNING \(TaskRecord.selectList("tasks"))
            """)
        /// $1 user, $2 task.
        public static let task = PGQuery<TaskLookup, Int, Int>("task", """
            SELECT \(TaskRecord.selectList("t")) FROM users u LEFT JOIN tasks t ON t.user_id = u.id AND t.id = $2 WHERE u.id = $1
            """)
        /// $1 user, $2 task, $3 title (NULL: keep), $4 whether to set the description, $5 description,
        /// $6 completed (NULL: keep).
        public static let updateTask = PGQuery<TaskLookup, Int, Int, String?, Bool, String?, Bool?>("update_task", """
            WITH changed AS (
                UPDATE tasks SET
                    title = COALESCE($3, title),
                    description = CASE WHEN $4 THEN $5 ELSE description END,
                    completed = COALESCE($6, completed),
                    updated_at = clock_timestamp()
                WHERE id = $2 AND user_id = $1 RETURNING *
            )
            SELECT \(TaskRecord.selectList("t")) FROM users u LEFT JOIN changed t ON true WHERE u.id = $1
            """)
        /// $1 user, $2 task.
        public static let toggleTask = PGQuery<TaskLookup, Int, Int>("toggle_task", """
            WITH changed AS (
                UPDATE tasks SET completed = NOT completed, updated_at = clock_timestamp()
                WHERE id = $2 AND user_id = $1 RETURNING *
            )
            SELECT \(TaskRecord.selectList("t")) FROM users u LEFT JOIN changed t ON true WHERE u.id = $1
            """)
        /// $1 user, $2 task. `id` is NULL when nothing was deleted.
        public static let deleteTask = PGQuery<DeletedTask, Int, Int>("delete_task", """
            WITH gone AS (DELETE FROM tasks WHERE id = $2 AND user_id = $1 RETURNING id)
            SELECT g.id FROM users u LEFT JOIN gone g ON true WHERE u.id = $1
            """)
    }
}

/// The id of a deleted task, or nil when there was none to delete.
public struct DeletedTask: PGRowDecodable {
    public var id: Int?
    public static var columns: [(name: String, type: PGType)] { [("id", .int8)] }
    public init(row: PGRow) throws(PGError) { id = try row.decode("id") }
}
