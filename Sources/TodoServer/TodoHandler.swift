import Auth
import CryptoPrimitives
import Foundation
import Logging
import TodoAPI
import TodoStore

/// The hand-written side of the contract: one method per operation of `openapi.yaml`, over the store.
/// It returns only the generated `Output` cases, so every status it can answer is one the spec documents.
public struct TodoHandler: APIHandler {
    /// The user a valid token names, and the token version it carries. Whether that user still exists and
    /// the token is not revoked is checked by the statement each operation runs anyway, in the same round
    /// trip (`Owned.ownerGone` becomes the 401 below).
    public typealias Principal = TokenOwner

    let store: TodoStore
    let signer: JWTSigner
    let tokenLifetime: TimeInterval
    let hasher: PasswordHasher
    let hashing: HashLimiter
    /// Verified against when the email is unknown, so both login failures cost the same time.
    let decoyHash: String
    let logger: Logger
    let spec = PublishedSpec()
    /// Says when a graceful shutdown has begun: `/ready` then answers 503 while requests are still served.
    let isDraining: @Sendable () -> Bool

    init(
        store: TodoStore, signer: JWTSigner, tokenLifetime: TimeInterval, hasher: PasswordHasher, hashing: HashLimiter, logger: Logger,
        isDraining: @escaping @Sendable () -> Bool = { false }
    ) throws {
        self.store = store
        self.signer = signer
        self.tokenLifetime = tokenLifetime
        self.hasher = hasher
        self.hashing = hashing
        self.decoyHash = try hasher.hash("decoy password, never a real one")
        self.logger = logger
        self.isDraining = isDraining
    }

    // MARK: Security

    public func authenticateHTTPBearer(_ credential: String) async throws -> Authentication<TokenOwner> {
        guard let claims = try? signer.verify(credential), let id = Int(claims.subject), id > 0 else { return .rejected }
        return .authenticated(TokenOwner(userId: id, version: claims.version))
    }

    // MARK: Health and contract

    public func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(HealthResponse(status: .healthy))
    }

    public func ready(_ input: Operations.Ready.Input) async throws -> Operations.Ready.Output {
        if isDraining() {
            return .serviceUnavailable(ErrorResponse(detail: "Shutting down"), headers: .init(retryAfter: 1))
        }
        do {
            try await store.ping()
            return .ok(ReadyResponse(status: .ready))
        } catch {
            return .serviceUnavailable(ErrorResponse(detail: "Database unavailable"), headers: .init(retryAfter: 1))
        }
    }

    public func getOpenapiSpec(_ input: Operations.GetOpenapiSpec.Input) async throws -> Operations.GetOpenapiSpec.Output {
        let tag = spec.yamlETag
        if PublishedSpec.matches(input.headers.ifNoneMatch, tag) { return .notModified(headers: .init(eTag: tag)) }
        return .ok(RawBody(contentType: "application/yaml", bytes: spec.yaml), headers: .init(eTag: tag))
    }

    public func getOpenapiJson(_ input: Operations.GetOpenapiJson.Input) async throws -> Operations.GetOpenapiJson.Output {
        let tag = spec.jsonETag
        if PublishedSpec.matches(input.headers.ifNoneMatch, tag) { return .notModified(headers: .init(eTag: tag)) }
        return .ok(spec.json, headers: .init(eTag: tag))
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
        let body: (email: String, password: String)
        switch input.body {
        case .json(let login): body = (login.email, login.password)
        case .form(let form): body = (form.username, form.password)
        }
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
        let token = try signer.sign(subject: String(user.id), version: user.tokenVersion, lifetime: tokenLifetime)
        return .ok(Token(accessToken: token, tokenType: .bearer, expiresIn: Int(tokenLifetime)))
    }

    public func me(_ input: Operations.Me.Input, principal: TokenOwner) async throws -> Operations.Me.Output {
        guard let user = try await store.user(principal) else { return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer")) }
        return .ok(UserResponse(user))
    }

    public func logout(_ input: Operations.Logout.Input, principal: TokenOwner) async throws -> Operations.Logout.Output {
        try await store.revokeTokens(principal) ? .noContent : .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
    }

    public func changePassword(_ input: Operations.ChangePassword.Input, principal: TokenOwner) async throws -> Operations.ChangePassword.Output {
        guard let user = try await store.user(principal) else { return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer")) }
        let body = input.body
        let hasher = self.hasher
        let newHash: String?
        do {
            newHash = try await hashing.run { () throws -> String? in
                guard hasher.verify(body.currentPassword, against: user.passwordHash) else { return nil }
                return try hasher.hash(body.newPassword)
            }
        } catch is HashLimiter.Busy {
            return .serviceUnavailable(ErrorResponse(detail: "Server busy, retry shortly"), headers: .init(retryAfter: 1))
        }
        guard let newHash else { return .forbidden(ErrorResponse(detail: "Current password is incorrect")) }
        guard try await store.changePassword(principal, newHash: newHash, checkedHash: user.passwordHash) else {
            return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
        }
        logger.info("user \(user.id) changed the password; earlier tokens are revoked")
        return .noContent
    }

    // MARK: Tasks

    static let notAuthorized = ErrorResponse(detail: "Not authorized")
    static let taskNotFound = ErrorResponse(detail: "Task not found")
    static let invalidToken = ErrorResponse(detail: "Could not validate credentials")

    public func listTasks(_ input: Operations.ListTasks.Input, principal: TokenOwner) async throws -> Operations.ListTasks.Output {
        guard input.path.userId == principal.userId else { return .forbidden(Self.notAuthorized) }
        switch try await store.tasks(principal, completed: input.query.completed, limit: input.query.limit, offset: input.query.offset) {
        case .found(let page): return .ok(page.tasks.map(TaskResponse.init), headers: .init(xTotalCount: page.total))
        case .notFound, .ownerGone: return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
        }
    }

    public func createTask(_ input: Operations.CreateTask.Input, principal: TokenOwner) async throws -> Operations.CreateTask.Output {
        guard input.path.userId == principal.userId else { return .forbidden(Self.notAuthorized) }
        let body = input.body
        guard let key = input.headers.idempotencyKey else {
            switch try await store.createTask(principal, title: body.title, description: body.description.value) {
            case .found(let task): return .created(TaskResponse(task), headers: .init())
            case .notFound, .ownerGone: return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
            }
        }
        switch try await store.createTask(
            principal, title: body.title, description: body.description.value,
            idempotencyKey: key, fingerprint: Self.fingerprint(body))
        {
        case .found(.created(let task)): return .created(TaskResponse(task), headers: .init())
        case .found(.replayed(let task)): return .created(TaskResponse(task), headers: .init(idempotentReplayed: .true))
        case .found(.keyReused): return .conflict(ErrorResponse(detail: "Idempotency-Key was already used with a different request body"))
        case .found(.inProgress): return .conflict(ErrorResponse(detail: "A request with this Idempotency-Key is in progress; retry shortly"))
        case .found(.taskDeleted): return .conflict(ErrorResponse(detail: "The task created with this Idempotency-Key has been deleted since"))
        case .notFound, .ownerGone: return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
        }
    }

    public func getTask(_ input: Operations.GetTask.Input, principal: TokenOwner) async throws -> Operations.GetTask.Output {
        guard input.path.userId == principal.userId else { return .forbidden(Self.notAuthorized) }
        switch try await store.task(id: input.path.taskId, principal) {
        case .found(let task): return .ok(TaskResponse(task))
        case .notFound: return .notFound(Self.taskNotFound)
        case .ownerGone: return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
        }
    }

    public func updateTask(_ input: Operations.UpdateTask.Input, principal: TokenOwner) async throws -> Operations.UpdateTask.Output {
        guard input.path.userId == principal.userId else { return .forbidden(Self.notAuthorized) }
        let body = input.body
        let description: DescriptionChange
        switch body.description {
        case .absent: description = .keep
        case .null: description = .set(nil)
        case .value(let text): description = .set(text)
        }
        switch try await store.updateTask(id: input.path.taskId, principal, title: body.title, description: description, completed: body.completed) {
        case .found(let task): return .ok(TaskResponse(task))
        case .notFound: return .notFound(Self.taskNotFound)
        case .ownerGone: return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
        }
    }

    public func deleteTask(_ input: Operations.DeleteTask.Input, principal: TokenOwner) async throws -> Operations.DeleteTask.Output {
        guard input.path.userId == principal.userId else { return .forbidden(Self.notAuthorized) }
        switch try await store.deleteTask(id: input.path.taskId, principal) {
        case .found: return .noContent
        case .notFound: return .notFound(Self.taskNotFound)
        case .ownerGone: return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
        }
    }

    public func toggleTaskCompletion(_ input: Operations.ToggleTaskCompletion.Input, principal: TokenOwner) async throws
        -> Operations.ToggleTaskCompletion.Output
    {
        guard input.path.userId == principal.userId else { return .forbidden(Self.notAuthorized) }
        switch try await store.toggleTask(id: input.path.taskId, principal) {
        case .found(let task): return .ok(TaskResponse(task))
        case .notFound: return .notFound(Self.taskNotFound)
        case .ownerGone: return .unauthorized(Self.invalidToken, headers: .init(wwwAuthenticate: "Bearer"))
        }
    }
}

extension TodoHandler {
    /// What makes two creates "the same request" for an idempotency key: the title and the description.
    /// NUL separates them (validation refuses NUL in both), so no two different bodies share a fingerprint.
    static func fingerprint(_ body: TaskCreate) -> String {
        let canonical = body.title + "\u{0}" + (body.description.value.map { "s" + $0 } ?? "n")
        return Crypto.sha256(Array(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension UserResponse {
    init(_ user: UserRecord) {
        self.init(id: user.id, email: user.email, name: user.name, createdAt: user.createdAt)
    }
}

extension TaskResponse {
    init(_ task: TaskRecord) {
        self.init(
            id: task.id, title: task.title, description: task.description, completed: task.completed, createdAt: task.createdAt,
            updatedAt: task.updatedAt)
    }
}
