import Logging
import PostgresClient

/// Versioned schema changes. Each runs once, in its own transaction, recorded in `schema_migrations`;
/// an advisory lock makes instances that start together take turns instead of racing.
public enum Migrations {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String
    }

    /// Arbitrary, fixed: the advisory lock key of this schema.
    static let lockKey = 7_270_736_900

    public static let all: [Migration] = [
        Migration(
            version: 1, name: "users and tasks",
            sql: """
                CREATE TABLE users (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
                    name text CHECK (name IS NULL OR char_length(name) <= 100),
                    password_hash text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
                );
                CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
                CREATE TABLE tasks (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
                    description text CHECK (description IS NULL OR char_length(description) <= 1000),
                    completed boolean NOT NULL DEFAULT false,
                    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                    updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
                );
                CREATE INDEX tasks_user_created_idx ON tasks (user_id, created_at DESC, id DESC);
                """),
        Migration(
            version: 2, name: "token versions and idempotency keys",
            sql: """
                ALTER TABLE users ADD COLUMN token_version bigint NOT NULL DEFAULT 0;
                CREATE TABLE idempotency_keys (
                    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    key text NOT NULL,
                    fingerprint text NOT NULL,
                    task_id bigint NOT NULL,
                    title text NOT NULL,
                    description text,
                    completed boolean NOT NULL,
                    created_at timestamptz NOT NULL,
                    updated_at timestamptz NOT NULL,
                    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                    PRIMARY KEY (user_id, key)
                );
                CREATE INDEX idempotency_keys_recorded_idx ON idempotency_keys (recorded_at);
                """),
        // A list counts the user's tasks (X-Total-Count), filtered by `completed`: with `completed` in the index
        // that count is an index-only scan instead of a visit to every one of the user's rows.
        Migration(
            version: 3, name: "the tasks index covers completed",
            sql: """
                CREATE INDEX tasks_user_created_completed_idx ON tasks (user_id, created_at DESC, id DESC) INCLUDE (completed);
                DROP INDEX tasks_user_created_idx;
                """),
    ]

    static let appliedVersions = PGQuery<AppliedVersion>("applied_versions", "SELECT version::bigint AS version FROM schema_migrations")
    static let recordMigration = PGQuery<PGNoRow, Int, String>("record_migration", "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")

    struct AppliedVersion: PGRowDecodable {
        var version: Int
        static var columns: [(name: String, type: PGType)] { [("version", .int8)] }
        init(row: PGRow) throws(PGError) { version = try row.decode("version") }
    }

    /// Applies what is missing; returns the versions applied by this call.
    ///
    /// Every step is one transaction that first takes the schema's lock (`pg_advisory_xact_lock`), so
    /// instances starting together take turns, and the lock cannot outlive its transaction: behind a pooler
    /// in transaction mode, which pins a server connection only for a transaction, a session lock could be
    /// taken on one server connection and released on another.
    @discardableResult
    public static func run(_ conninfo: String, logger: Logger) throws -> [Int] {
        let connection = try PGConnection.connect(conninfo)
        func lockedVersions(_ connection: PGConnection) throws -> Set<Int> {
            try connection.simpleQuery("SET LOCAL client_min_messages = warning")  // no NOTICE for IF NOT EXISTS
            try connection.simpleQuery("SELECT pg_advisory_xact_lock(\(lockKey))")
            try connection.simpleQuery(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            return Set(try connection.execute(appliedVersions).map(\.version))
        }
        let done = try connection.transaction(lockedVersions)
        var applied: [Int] = []
        for migration in all where !done.contains(migration.version) {
            let ran = try connection.transaction { connection in
                // Another instance may have applied it while this one waited for the lock.
                guard !(try lockedVersions(connection)).contains(migration.version) else { return false }
                try connection.simpleQuery(migration.sql)
                _ = try connection.execute(recordMigration, migration.version, migration.name)
                return true
            }
            guard ran else { continue }
            logger.info("applied migration \(migration.version): \(migration.name)")
            applied.append(migration.version)
        }
        return applied
    }
}
