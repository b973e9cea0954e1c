import Auth
import Logging
import PostgresClient
import TodoStore

extension TodoServer {
    public static let demoEmail = "demo@example.com"
    public static let demoPassword = "password123"

    /// A demo user with a few tasks, for trying the frontend; running it again changes nothing.
    public static func seed(_ configuration: ServerConfiguration, logger: Logger) async throws {
        let database = try Database.open(configuration, logger: logger)
        defer { database.close() }
        try Migrations.run(database.conninfo, logger: logger)
        let client = PGClient(conninfo: database.conninfo, connections: 1, logger: logger)
        let store = TodoStore(client: client)
        defer { Task { await client.shutdown() } }
        if try await store.user(email: demoEmail) != nil {
            logger.notice("demo user \(demoEmail) already exists; nothing to do")
            return
        }
        let hash = try PasswordHasher.recommended.hash(demoPassword)
        guard let user = try await store.createUser(email: demoEmail, name: "Demo User", passwordHash: hash) else { return }
        var created = 0
        let owner = TokenOwner(userId: user.id, version: user.tokenVersion)
        let tasks: [(String, String?, Bool)] = [
            ("Buy groceries", "Milk, eggs, bread", false),
            ("Write the quarterly report", nil, false),
            ("Call the dentist", "Reschedule the cleaning", true),
            ("Plan the weekend trip", "Book the hotel first", false),
            ("Read a chapter of a book", nil, true),
        ]
        for (title, description, completed) in tasks {
            guard case .found(let task) = try await store.createTask(owner, title: title, description: description) else { continue }
            if completed { _ = try await store.toggleTask(id: task.id, owner) }
            created += 1
        }
        logger.notice("seeded \(demoEmail) (password \(demoPassword)) with \(created) tasks")
    }
}
