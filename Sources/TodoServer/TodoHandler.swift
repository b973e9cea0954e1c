import Auth
import Foundation
import Logging
import TodoAPI
import TodoStore

/// The hand-written side of the contract: one method per operation of `openapi.yaml`, over the store.
/// It returns only the generated `Output` cases, so every status it can answer is one the spec documents.
public struct TodoHandler: APIHandler {
    public typealias Principal = UserRecord

    let store: TodoStore
    let signer: JWTSigner
    let tokenLifetime: TimeInterval
    let hasher: PasswordHasher
    let hashing: HashLimiter
    /// Verified against when the email is unknown, so both login failures cost the same time.
    let decoyHash: String
    let logger: Logger

    init(store: TodoStore, signer: JWTSigner, tokenLifetime: TimeInterval, hasher: PasswordHasher, hashing: HashLimiter, logger: Logger) throws {
        self.store = store
        self.signer = signer
        self.tokenLifetime = tokenLifetime
        self.hasher = hasher
        self.hashing = hashing
        self.decoyHash = try hasher.hash("decoy password, never a real one")
        self.logger = logger
    }

    // MARK: Security

    public func authenticateHTTPBearer(_ credential: String) async throws -> Authentication<UserRecord> {
        guard let claims = try? signer.verify(credential), let id = Int(claims.subject) else { return .rejected }
        guard let user = try await store.user(id: id) else { return .rejected }
        return .authenticated(user)
    }

    // MARK: Health and contract

    public func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(HealthResponse(status: .healthy))
    }

    public func getOpenapiSpec(_ input: Operations.GetOpenapiSpec.Input) async throws -> Operations.GetOpenapiSpec.Output {
        .ok(RawBody(contentType: "application/yaml", bytes: Array(EmbeddedSpec.text.utf8)))
    }

    // MARK: Auth

    public func register(_ input: Operations.Register.Input) async throws -> Operations.Register.Output {
        let body = input.body
        let hasher = self.hasher
        let hash: String
        do {
            hash = try await hashing.run { try hasher.hash(body.password) }
        } catch is HashLimiter.Busy {
            return .serviceUnavailable(ErrorResponse(detail: "Server busy, retry shortly"), headers: .init(retryAfter: 1))
        }
        guard let user = try await store.createUser(email: body.email, name: body.name.value, passwordHash: hash) else {
            return .conflict(ErrorResponse(detail: "Email already registered"))
        }
        return .created(UserResponse(user))
    }

    public func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        let body = input.body
        let user = try await store.user(email: body.email)
        let hasher = self.hasher
        let stored = user?.passwordHash ?? decoyHash
        let verified: Bool
        do {
            verified = try await hashing.run { hasher.verify(body.password, against: stored) }
        } catch is HashLimiter.Busy {
            return .serviceUnavailable(ErrorResponse(detail: "Server busy, retry shortly"), headers: .init(retryAfter: 1))
        }
        guard let user, verified else {
            return .unauthorized(ErrorResponse(detail: "Incorrect email or password"), headers: .init(wwwAuthenticate: "Bearer"))
        }
        if hasher.needsRehash(user.passwordHash) {
            // Parameters were raised since this hash was made; upgrade it while the password is at hand.
            if let upgraded = try? await hashing.run({ try hasher.hash(body.password) }) {
                try await store.setPasswordHash(userId: user.id, upgraded)
                logger.info("upgraded the password hash parameters of user \(user.id)")
            }
        }
        let token = try signer.sign(subject: String(user.id), lifetime: tokenLifetime)
        return .ok(Token(accessToken: token, tokenType: .bearer, expiresIn: Int(tokenLifetime)))
    }

    public func me(_ input: Operations.Me.Input, principal: UserRecord) async throws -> Operations.Me.Output {
        .ok(UserResponse(principal))
    }

    // MARK: Tasks

    static let notAuthorized = ErrorResponse(detail: "Not authorized")
    static let taskNotFound = ErrorResponse(detail: "Task not found")

    public func listTasks(_ input: Operations.ListTasks.Input, principal: UserRecord) async throws -> Operations.ListTasks.Output {
        guard input.path.userId == principal.id else { return .forbidden(Self.notAuthorized) }
        let page = try await store.tasks(userId: principal.id, completed: input.query.completed, limit: input.query.limit, offset: input.query.offset)
        return .ok(page.tasks.map(TaskResponse.init), headers: .init(xTotalCount: page.total))
    }

    public func createTask(_ input: Operations.CreateTask.Input, principal: UserRecord) async throws -> Operations.CreateTask.Output {
        guard input.path.userId == principal.id else { return .forbidden(Self.notAuthorized) }
        let task = try await store.createTask(userId: principal.id, title: input.body.title, description: input.body.description.value)
        return .created(TaskResponse(task))
    }

    public func getTask(_ input: Operations.GetTask.Input, principal: UserRecord) async throws -> Operations.GetTask.Output {
        guard input.path.userId == principal.id else { return .forbidden(Self.notAuthorized) }
        guard let task = try await store.task(id: input.path.taskId, userId: principal.id) else { return .notFound(Self.taskNotFound) }
        return .ok(TaskResponse(task))
    }

    public func updateTask(_ input: Operations.UpdateTask.Input, principal: UserRecord) async throws -> Operations.UpdateTask.Output {
        guard input.path.userId == principal.id else { return .forbidden(Self.notAuthorized) }
        let body = input.body
        let description: DescriptionChange
        switch body.description {
        case .absent: description = .keep
        case .null: description = .set(nil)
        case .value(let text): description = .set(text)
        }
        guard let task = try await store.updateTask(id: input.path.taskId, userId: principal.id, title: body.title, description: description, completed: body.completed) else {
            return .notFound(Self.taskNotFound)
        }
        return .ok(TaskResponse(task))
    }

    public func deleteTask(_ input: Operations.DeleteTask.Input, principal: UserRecord) async throws -> Operations.DeleteTask.Output {
        guard input.path.userId == principal.id else { return .forbidden(Self.notAuthorized) }
        return try await store.deleteTask(id: input.path.taskId, userId: principal.id) ? .noContent : .notFound(Self.taskNotFound)
    }

    public func toggleTaskCompletion(_ input: Operations.ToggleTaskCompletion.Input, principal: UserRecord) async throws -> Operations.ToggleTaskCompletion.Output {
        guard input.path.userId == principal.id else { return .forbidden(Self.notAuthorized) }
        guard let task = try await store.toggleTask(id: input.path.taskId, userId: principal.id) else { return .notFound(Self.taskNotFound) }
        return .ok(TaskResponse(task))
    }
}

extension UserResponse {
    init(_ user: UserRecord) {
        self.init(id: user.id, email: user.email, name: user.name, createdAt: user.createdAt)
    }
}

extension TaskResponse {
    init(_ task: TaskRecord) {
        self.init(id: task.id, title: task.title, description: task.description, completed: task.completed, createdAt: task.createdAt, updatedAt: task.updatedAt)
    }
}
