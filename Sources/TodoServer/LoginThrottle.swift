import APIRuntime
import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// Failed logins, counted per client address and per email in fixed windows. Over either limit a login is
/// answered 429 with `Retry-After` before any password is hashed, so a storm of guesses costs little CPU.
///
/// Attempts count from the moment they start (a success or a non-401 answer gives the slot back), so 200
/// guesses sent at once cannot all slip past the limit before the first one fails. Neither limit applies to an
/// address that logged in to that account before: an attacker's failures from elsewhere can slow a real
/// user's first login from a new place, but never lock the user out of their usual one, and many users
/// behind one address (an office, a proxy) who logged in before are not counted at all.
final class LoginThrottle: Sendable {
    struct Policy: Sendable {
        var maximumFailuresPerEmail = 10
        var maximumFailuresPerAddress = 30
        var window: TimeInterval = 300
        /// How long a successful login keeps its address trusted for that account.
        var trustPeriod: TimeInterval = 30 * 24 * 3600
        /// Entries kept at most; expired ones are dropped first, then the map starts over.
        var capacity = 100_000
    }

    /// A refusal: how long until the window that refused ends.
    struct Refusal: Equatable {
        var retryAfter: Int
    }

    private struct Counter {
        var count: Int
        var windowStart: TimeInterval
    }

    private struct State {
        var addresses: [String: Counter] = [:]
        var emails: [String: Counter] = [:]
        /// "email\naddress" -> last successful login.
        var trusted: [String: TimeInterval] = [:]
    }

    let policy: Policy
    private let state = NIOLockedValueBox(State())

    init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// What `begin` decided.
    enum Decision: Equatable {
        /// Over a limit: answer 429.
        case refused(Refusal)
        /// Counted against both limits until `finish` says how it ended.
        case counted
        /// This address logged in to this account before: not counted, never refused by the per-email limit.
        case trusted
    }

    /// Starts an attempt: counted against both limits, or refused when one is reached.
    func begin(email: String, address: String, now: TimeInterval = Date().timeIntervalSince1970) -> Decision {
        state.withLockedValue { state in
            prune(&state, now: now)
            if let since = state.trusted[email + "\n" + address], now - since < policy.trustPeriod { return .trusted }
            let addressCount = current(state.addresses[address], now: now)
            if addressCount.count >= policy.maximumFailuresPerAddress { return .refused(refusal(addressCount, now: now)) }
            let emailCount = current(state.emails[email], now: now)
            if emailCount.count >= policy.maximumFailuresPerEmail { return .refused(refusal(emailCount, now: now)) }
            state.addresses[address] = Counter(count: addressCount.count + 1, windowStart: addressCount.windowStart)
            state.emails[email] = Counter(count: emailCount.count + 1, windowStart: emailCount.windowStart)
            return .counted
        }
    }

    /// Ends a counted attempt: a failure keeps its count; anything else gives it back. A success trusts the
    /// address for this email from now on.
    func finish(email: String, address: String, counted: Bool, failed: Bool, succeeded: Bool, now: TimeInterval = Date().timeIntervalSince1970) {
        guard counted && !failed || succeeded else { return }
        state.withLockedValue { state in
            if counted && !failed {
                if var counter = state.addresses[address], counter.count > 0 {
                    counter.count -= 1
                    state.addresses[address] = counter
                }
                if var counter = state.emails[email], counter.count > 0 {
                    counter.count -= 1
                    state.emails[email] = counter
                }
            }
            if succeeded { state.trusted[email + "\n" + address] = now }
        }
    }

    private func current(_ counter: Counter?, now: TimeInterval) -> Counter {
        guard let counter, now - counter.windowStart < policy.window else { return Counter(count: 0, windowStart: now) }
        return counter
    }

    private func refusal(_ counter: Counter, now: TimeInterval) -> Refusal {
        Refusal(retryAfter: max(1, Int((counter.windowStart + policy.window - now).rounded(.up))))
    }

    private func prune(_ state: inout State, now: TimeInterval) {
        guard state.addresses.count + state.emails.count + state.trusted.count > policy.capacity else { return }
        state.addresses = state.addresses.filter { now - $0.value.windowStart < policy.window }
        state.emails = state.emails.filter { now - $0.value.windowStart < policy.window }
        state.trusted = state.trusted.filter { now - $0.value < policy.trustPeriod }
        if state.addresses.count + state.emails.count + state.trusted.count > policy.capacity { state = State() }
    }
}

/// Puts `LoginThrottle` in front of `POST /api/auth/login`: reads the email from the body, JSON `email` or form
/// `username` (bounded by the connection guard's `MAX_BODY_SIZE`), refuses over either limit before the handler
/// hashes anything, and counts the answer. The route parses the body again; next to a 0.2 s password hash that costs nothing.
struct LoginThrottleMiddleware: RouterMiddleware {
    typealias Context = TodoRequestContext
    let throttle: LoginThrottle

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, request.uri.path == "/api/auth/login" else { return try await next(request, context) }
        var request = request
        let buffer = try await request.collectBody(upTo: .max)
        request.body = .init(buffer: buffer)
        let isForm = request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        let email =
            buffer.withUnsafeReadableBytes { bytes -> String? in
                let value =
                    isForm
                    ? (try? FormBody.parse(bytes))?["username"]
                    : {
                        if case .object(let object)? = try? JSONValue.parse(bytes) { return object["email"] }
                        return nil
                    }()
                guard case .string(let email)? = value else { return nil }
                return email.lowercased()
            } ?? ""
        let address = context.clientAddress
        let decision = throttle.begin(email: email, address: address)
        if case .refused(let refusal) = decision {
            var headers = HTTPFields()
            headers[.retryAfter] = String(refusal.retryAfter)
            return APIProblem(status: 429, "Too many failed login attempts, retry later", headers: headers).response
        }
        let counted = decision == .counted
        do {
            let response = try await next(request, context)
            throttle.finish(
                email: email, address: address, counted: counted, failed: response.status == .unauthorized, succeeded: response.status == .ok)
            return response
        } catch {
            throttle.finish(email: email, address: address, counted: counted, failed: false, succeeded: false)
            throw error
        }
    }
}
