import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// The first step of a graceful shutdown behind a load balancer: `/ready` answers 503 while the server still
/// accepts and serves for `delay`, so the balancer's health check takes the instance out before its listener
/// closes. Without it, requests the balancer sends in that window meet a closed port or a reset connection.
///
/// A service of its own, listed last in the group: the group shuts services down in reverse order and waits for
/// each, so the HTTP server stops accepting only when this one returns.
final class ShutdownDrain: Service, Sendable {
    private let draining = NIOLockedValueBox(false)
    let delay: Duration
    let logger: Logger

    init(delay: Duration, logger: Logger) {
        self.delay = delay
        self.logger = logger
    }

    var isDraining: Bool { draining.withLockedValue { $0 } }

    func run() async throws {
        // Until the group's graceful shutdown begins (SIGTERM or SIGINT), or the group cancels this service.
        try? await gracefulShutdown()
        guard delay > .zero, !Task.isCancelled else { return }
        draining.withLockedValue { $0 = true }
        logger.notice("shutdown: /ready answers 503; still serving for \(delay) so the load balancer stops sending")
        try? await Task.sleep(for: delay)
    }
}
